import { CONDITIONS, mayApply, mayReadFullPersonCode } from '../../../auth/conditions';
import type { DirectoryEntry } from '../../../common/subject-directory';
import { isPersonKey } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';

/**
 * Look-ups by a full resident ID number (blacklistCheck, creditStatus by code) answer only to
 * conditions.mayReadFullPersonCode; to everyone else they are the answer for an unregistered
 * number, and every confirmation is noted as PERSON_CODE (docs/credit-status.md).
 */

/** Whether the caller's role can ever look persons up by full number: if not, person keys are not even queried. */
export function answersPersonLookups(ctx: RecordsContext): boolean {
  return mayApply(CONDITIONS.mayReadFullPersonCode, ctx.viewer);
}

/** Whether a look-up by full number may confirm this registered subject to the caller (organizations: always). */
export function mayConfirm(ctx: RecordsContext, entry: DirectoryEntry): boolean {
  return !isPersonKey(entry.key) || mayReadFullPersonCode(ctx.viewer, ctx.records.selfKey, entry);
}

/** Notes that a look-up by full number confirmed a person, through `path`. */
export function noteConfirmed(ctx: RecordsContext, personKey: string, path: string): void {
  ctx.audit.note({ resource: 'PERSON_CODE', subjectKey: personKey, fields: [`lookup:${path}`], outcome: 'GRANTED' });
}
