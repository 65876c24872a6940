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
import type { DirectoryEntry } from '../../../common/subject-directory';
import type { Listing } from './listing.entity';

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
  const answered = answeredOf(ctx, code, rows, options.listTypes);
  const { registered, entry } = answered;
  const policy = ctx.records.interception.contexts[options.context];
  const decided = registered
    ? decideView(ctx, options.context, viewOf(ctx, registered, rows))
    : decideUnanswered(code.check.valid, policy);
  const row = new BlacklistResult();
  row.code = code.normalized;
  row.valid = code.check.valid;
  row.problem = code.check.valid ? null : inLanguage(checkMessage(code.check), ctx.language);
  row.listed = answered.matches.length > 0;
  // Subjects the registry would answer null for get no reference: the gateway would fetch and reject each.
  row.subject = entry ? subjectStub(entry.key, entry.name) : null;
  row.listings = answered.matches;
  row.withheld = code.types.includes('RESIDENT_ID') && !answered.person;
  row.checkedKey = code.check.valid ? (entry?.key ?? code.keys[0] ?? null) : null;
  row.checkedRegion = entry?.regionCode ?? null;
  row.context = options.context;
  row.decision = decided.decision;
  row.rule = decided.rule;
  row.legalRepresentative = null;
  return row;
}

const NO_LISTINGS: readonly Listing[] = Object.freeze([]);

/**
 * What one code answers for this caller, in one pass over its keys: an organization's keys always, a person's only
 * when confirmed to it (and then noted); the first registered entry, the first visible one, and the listings in force
 * of the wanted types, in key order.
 */
function answeredOf(
  ctx: RecordsContext,
  code: IdentifiedCode,
  rows: CheckRows,
  listTypes: ListType[] | null | undefined,
): { registered?: DirectoryEntry; entry?: DirectoryEntry; matches: Listing[]; person: boolean } {
  const wanted = listTypes?.length ? listTypes : null;
  const matches: Listing[] = [];
  let registered: DirectoryEntry | undefined;
  let entry: DirectoryEntry | undefined;
  let person = false;
  for (const key of code.keys) {
    const found = rows.entries.get(key);
    if (isPersonKey(key)) {
      if (!found || !mayConfirm(ctx, found)) continue;
      person = true;
      noteConfirmed(ctx, key, 'blacklistCheck');
      ctx.audit.note({ resource: 'PERSON_STANDING', subjectKey: key, fields: ['listings'], outcome: 'GRANTED' });
    }
    registered ??= found;
    if (!entry && found?.visible) entry = found;
    for (const listing of rows.listings.get(key) ?? NO_LISTINGS)
      if (!wanted || wanted.includes(listing.listType)) matches.push(listing);
  }
  return { registered, entry, matches, person };
}
