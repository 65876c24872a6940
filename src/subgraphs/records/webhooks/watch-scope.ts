import { maySeePersonStanding } from '../../../auth/conditions';
import type { Principal } from '../../../auth/principal';
import type { DirectoryEntry } from '../../../common/subject-directory';
import { SubjectKind } from '../../../common/subject-kind';

/**
 * Which subjects a client system may watch. Organizations are public. A civil servant's
 * stream of findings is their standing: only those who may know it (conditions.maySeePersonStanding:
 * credit office and discipline inspection in jurisdiction, the managing organization
 * department, the person). What each delivery then tells is narrowed again by the records'
 * own rule (recordVisibility) when the change happens.
 */
export function mayWatch(viewer: Principal, selfKey: string | undefined, entry: DirectoryEntry): boolean {
  if (entry.kind !== SubjectKind.PUBLIC_SERVANT) return true;
  return maySeePersonStanding(viewer, selfKey, entry);
}
