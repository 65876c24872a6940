import { CONDITIONS, holds } from '../../../auth/conditions';
import type { Principal } from '../../../auth/principal';
import type { DirectoryEntry } from '../../../common/subject-directory';
import { SubjectKind } from '../../subjects/subject-kind';

/**
 * Which subjects a client system may watch: those its role may see in the registry (the
 * rule of subjects/subject.repository.ts `visibility`, on a directory entry): organizations
 * are public; civil servants per conditions.maySeePerson. What each delivery then tells
 * is narrowed again by the records' own rule (recordVisibility) when the change happens.
 */
export function mayWatch(viewer: Principal, selfKey: string | undefined, entry: DirectoryEntry): boolean {
  return entry.kind !== SubjectKind.PUBLIC_SERVANT || holds(CONDITIONS.maySeePerson, viewer, selfKey, entry);
}
