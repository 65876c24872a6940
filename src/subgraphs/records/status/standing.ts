import { inLanguage } from '../../../common/language';
import { CONDITIONS, mayApply, maySeePersonStanding } from '../../../auth/conditions';
import { isPersonKey } from '../../../identity/subject-keys';
import { answersPersonLookups, mayConfirm, noteConfirmed } from '../lists/person-lookup';
import type { RecordsContext } from '../context';
import { CreditStatus, ScoreReason } from './credit-status.type';
import { Disclosure } from '../enums';
import type { StatusRows } from '../loaders';
import { scored } from '../findings/scored';
import { scoreSubject } from '../policy/scoring';
import type { DirectoryEntry } from '../../../common/subject-directory';
import { subjectStub, type SubjectStub } from '../subject.stub';

/**
 * The release rule of derived credit data (docs/credit-status.md, "Who is told what"):
 *
 * - an organization's status is computed over the records the caller may read
 *   (recordVisibility) and the listings in force (lists are public): a PUBLIC caller gets the
 *   status of the public record, a government system the 政务共享 one;
 * - a civil servant's standing is the aggregate of every counting record, released as such
 *   only to conditions.maySeePersonStanding; its reasons cite only records the caller may
 *   read, the others are one number (undisclosedReasonCount);
 * - a look-up by a full resident ID number answers only to conditions.mayReadFullPersonCode;
 *   to everyone else it is the answer for an unregistered number (`withheld`), byte for byte.
 *
 * Every release of a person's standing is noted (PERSON_STANDING), every confirmation of a
 * person by full number (PERSON_CODE), every RESTRICTED record cited (RESTRICTED_RECORD).
 */

/** Whether the caller may learn the standing of the subject with this key (organizations: everyone). */
export async function maySeeStanding(ctx: RecordsContext, subjectKey: string): Promise<boolean> {
  if (!isPersonKey(subjectKey)) return true;
  if (!mayApply(CONDITIONS.maySeePersonStanding, ctx.viewer)) return false;
  const person = await ctx.records.loaders.persons.load(subjectKey);
  return !!person && maySeePersonStanding(ctx.viewer, ctx.records.selfKey, person);
}

/** The answer that says nothing about any subject: an unregistered code's, or a withheld person's. */
export function emptyStatus(ctx: RecordsContext, code: string, withheld: boolean): CreditStatus {
  return Object.assign(new CreditStatus(), {
    code,
    subject: null,
    level: null,
    score: null,
    activeDishonestyCount: 0,
    seriousDishonestyCount: 0,
    activeListings: [],
    reasons: [],
    undisclosedReasonCount: 0,
    withheld,
    asOf: ctx.records.today,
    policyVersion: ctx.records.policy.version,
  });
}

/** The status of one subject as this caller is told it (the caller's right to it is checked before). */
export function standingOf(
  ctx: RecordsContext,
  subjectKey: string,
  rows: StatusRows,
): Omit<CreditStatus, 'code' | 'subject'> {
  const person = isPersonKey(subjectKey);
  const counted = person ? rows.candidates : rows.candidates.filter((row) => row.visible);
  const readable = new Map(counted.filter((row) => row.visible).map((row) => [row.id, row]));
  const score = scoreSubject(counted.map(scored), rows.listings, ctx.records.today, ctx.records.policy);
  const reasons: ScoreReason[] = [];
  const restricted: string[] = [];
  for (const reason of score.reasons) {
    const record = reason.kind === 'LISTING' ? undefined : readable.get(reason.id);
    if (reason.kind !== 'LISTING' && !record) continue;
    if (record?.disclosure === Disclosure.RESTRICTED) restricted.push(`record:${record.id}`);
    const { kind, id: sourceId, points, explanation } = reason;
    reasons.push(
      Object.assign(new ScoreReason(), { kind, sourceId, points, explanation: inLanguage(explanation, ctx.language) }),
    );
  }
  if (person) ctx.audit.note({ resource: 'PERSON_STANDING', subjectKey, fields: ['creditStatus'], outcome: 'GRANTED' });
  if (restricted.length)
    ctx.audit.note({ resource: 'RESTRICTED_RECORD', subjectKey, fields: restricted, outcome: 'GRANTED' });
  return {
    level: score.level,
    score: score.score,
    activeDishonestyCount: score.activeDishonestyCount,
    seriousDishonestyCount: score.seriousDishonestyCount,
    activeListings: rows.listings,
    reasons,
    undisclosedReasonCount: score.reasons.length - reasons.length,
    withheld: false,
    asOf: ctx.records.today,
    policyVersion: ctx.records.policy.version,
  };
}

/** The released status of a subject the caller may be told about. */
export async function releasedStatus(
  ctx: RecordsContext,
  code: string,
  subjectKey: string,
  subject: SubjectStub | null,
): Promise<CreditStatus> {
  const rows = await ctx.records.loaders.scoring.load(subjectKey);
  return Object.assign(new CreditStatus(), { code, subject, ...standingOf(ctx, subjectKey, rows) });
}

/**
 * The registered subject a look-up by these keys (one code's) confirms to the caller; null for an unregistered code
 * and for a person the caller may not look up by full number (the same answer).
 */
export async function confirmedSubject(ctx: RecordsContext, keys: readonly string[]): Promise<DirectoryEntry | null> {
  const asked = keys.filter((key) => !isPersonKey(key) || answersPersonLookups(ctx));
  const known = asked.length ? await ctx.records.directory.lookup([...asked], ctx.records.directoryViewer) : [];
  const entry = asked.map((key) => known.find((e) => e.key === key)).find((e) => e !== undefined);
  return entry && mayConfirm(ctx, entry) ? entry : null;
}

/** creditStatus(code): the registered subject if the caller may have it confirmed, else the empty answer. */
export async function statusByCode(
  ctx: RecordsContext,
  code: string,
  keys: readonly string[],
  personCode: boolean,
): Promise<CreditStatus> {
  // An organization's facts are read beside the registry look-up, not after it (one round trip less), and released
  // only when the registry confirms the subject; a person's wait for the confirmation.
  const [only] = keys;
  if (keys.length === 1 && !isPersonKey(only)) ctx.records.loaders.scoring.load(only).catch(() => undefined);
  const entry = await confirmedSubject(ctx, keys);
  if (!entry) return emptyStatus(ctx, code, personCode);
  if (isPersonKey(entry.key)) noteConfirmed(ctx, entry.key, 'creditStatus');
  return releasedStatus(ctx, code, entry.key, entry.visible ? subjectStub(entry.key, entry.name) : null);
}
