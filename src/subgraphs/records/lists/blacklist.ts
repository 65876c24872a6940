import { inLanguage } from '../../../common/language';
import { checkMessage } from '../../../identity';
import { isPersonKey, type IdentifiedCode } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';
import { BlacklistResult } from './blacklist.type';
import type { ListType } from '../enums';
import type { CheckContext } from '../policy/interception';
import { decideUnanswered, heavier } from '../policy/interception-decision';
import { decideView, loadCheckRows, viewOf, type CheckRows } from './interception';
import { answersPersonLookups, mayConfirm, noteConfirmed } from './person-lookup';
import { checkRepresentative } from './representative';
import { subjectStub } from '../subject.stub';

/**
 * blacklistCheck: every code against the lists in force, one row per code in input order, with
 * the interception policy's decision for `context` (docs/interception.md), in three statements
 * whatever the batch size: two reads run together (lists/interception.ts: the registry, and the
 * listings with the records that may count in one), then the check log's insert (check-log.ts).
 *
 * Organizations are answered to everyone: their codes and the lists are public; their decision
 * rests on the lists and on the records the caller may read. A resident ID number is a look-up
 * of a natural person by the identifier itself (personal information, PIPL): it is answered only
 * to conditions.mayReadFullPersonCode, and logged (PERSON_CODE, PERSON_STANDING). To everyone
 * else its row is `withheld`: not listed, no subject, no listings, the unregistered decision —
 * the same row whether the number is registered, listed or neither, so a batch of candidate
 * numbers confirms none of them. A legal representative's number is weighed for everyone, but
 * tells only a rule that blocks or warns (lists/representative.ts).
 */
export async function checkCodes(
  ctx: RecordsContext,
  identified: IdentifiedCode[],
  options: { listTypes?: ListType[] | null; context: CheckContext; representatives?: (IdentifiedCode | null)[] },
): Promise<BlacklistResult[]> {
  const persons = answersPersonLookups(ctx);
  const codeKeys = identified.flatMap((c) => c.keys).filter((key) => persons || !isPersonKey(key));
  const repKeys = (options.representatives ?? []).flatMap((r) => (r?.check.valid ? r.keys.filter(isPersonKey) : []));
  const rows = await loadCheckRows(ctx, [...new Set([...codeKeys, ...repKeys])], { weighed: true });
  return identified.map((code, i) => {
    const row = rowFor(ctx, code, rows, options);
    const representative = options.representatives?.[i];
    if (!representative) return row;
    const rep = checkRepresentative(ctx, representative, rows, options.context);
    const decided = heavier({ decision: row.decision, rule: row.rule }, rep);
    return Object.assign(row, { legalRepresentative: rep, decision: decided.decision, rule: decided.rule });
  });
}

function rowFor(
  ctx: RecordsContext,
  code: IdentifiedCode,
  rows: CheckRows,
  options: { listTypes?: ListType[] | null; context: CheckContext },
): BlacklistResult {
  // Keys this caller is answered for: an organization's always, a person's only when confirmed to it.
  const answered = code.keys.filter((key) => {
    if (!isPersonKey(key)) return true;
    const entry = rows.entries.get(key);
    return !!entry && mayConfirm(ctx, entry);
  });
  for (const key of answered.filter(isPersonKey)) {
    noteConfirmed(ctx, key, 'blacklistCheck');
    ctx.audit.note({ resource: 'PERSON_STANDING', subjectKey: key, fields: ['listings'], outcome: 'GRANTED' });
  }
  const wanted = (type: ListType) => !options.listTypes?.length || options.listTypes.includes(type);
  const matches = answered.flatMap((key) => rows.listings.get(key) ?? []).filter((l) => wanted(l.listType));
  const registered = answered.map((key) => rows.entries.get(key)).find((e) => e !== undefined);
  const entry = answered.map((key) => rows.entries.get(key)).find((e) => e?.visible);
  const policy = ctx.records.interception.contexts[options.context];
  const decided = registered
    ? decideView(ctx, options.context, viewOf(ctx, registered, rows))
    : decideUnanswered(code.check.valid, policy);
  return Object.assign(new BlacklistResult(), {
    code: code.normalized,
    valid: code.check.valid,
    problem: code.check.valid ? null : inLanguage(checkMessage(code.check), ctx.language),
    listed: matches.length > 0,
    // Subjects the registry would answer null for get no reference: the gateway would fetch and reject each.
    subject: entry ? subjectStub(entry.key, entry.name) : null,
    listings: matches,
    withheld: code.types.includes('RESIDENT_ID') && !answered.some(isPersonKey),
    checkedKey: code.check.valid ? (entry?.key ?? code.keys[0] ?? null) : null,
    checkedRegion: entry?.regionCode ?? null,
    context: options.context,
    decision: decided.decision,
    rule: decided.rule,
    legalRepresentative: null,
  });
}
