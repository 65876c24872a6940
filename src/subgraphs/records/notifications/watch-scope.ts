import { inJurisdiction, isGovernment, type Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import type { DirectoryEntry } from '../../../common/subject-directory';
import { SubjectKind } from '../../subjects/subject-kind';

/**
 * Which subjects a client system may watch: those its role may see in the registry (the
 * rule of subjects/subject.repository.ts `visibility`, on a directory entry): organizations
 * are public; civil servants only for government roles in their jurisdiction, the
 * organization department that manages them, and themselves. What each delivery then tells
 * is narrowed again by the records' own rule (recordVisibility) when the change happens.
 */
export function mayWatch(viewer: Principal, selfKey: string | undefined, entry: DirectoryEntry): boolean {
  if (entry.kind !== SubjectKind.PUBLIC_SERVANT) return true;
  if (isGovernment(viewer) && inJurisdiction(viewer, entry.regionCode)) return true;
  if (viewer.role === Role.ORG_DEPT && !!selfKey && entry.managedByKey === selfKey) return true;
  return viewer.role === Role.SUBJECT && !!selfKey && entry.key === selfKey;
}
