import { inJurisdiction, type Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';

/** What the condition needs of a civil servant: where they are and who manages them (a directory entry has both). */
export interface PersonScope {
  key: string;
  regionCode: string;
  managedByKey: string | null;
}

/**
 * "May know this civil servant's standing" (issue #13): the credit office and discipline
 * inspection of the person's jurisdiction, the organization department that manages them,
 * and the person. Derived paths that name or follow a person use it: webhook watches
 * (notifications/watch-scope.ts) and the person's name in the 双公示 export (sgs/export.ts).
 * To be merged with src/auth/conditions.ts, where the same condition is written for
 * creditStatus and blacklistCheck.
 */
export function mayKnowPersonStanding(viewer: Principal, selfKey: string | undefined, person: PersonScope): boolean {
  if ((viewer.role === Role.CREDIT_OFFICE || viewer.role === Role.DISCIPLINE) && inJurisdiction(viewer, person.regionCode)) return true;
  if (viewer.role === Role.ORG_DEPT && !!selfKey && person.managedByKey === selfKey) return true;
  return viewer.role === Role.SUBJECT && !!selfKey && person.key === selfKey;
}
