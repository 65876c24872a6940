import { today } from '../../src/common/dates';
import { isPersonKey, type IdentifiedCode } from '../../src/identity/subject-keys';
import { CheckContext } from '../../src/subgraphs/records/policy/interception';
import type { Decided } from '../../src/subgraphs/records/policy/interception-decision';
import { logChecks, type LoggedCheck } from './check-log';
import { HttpError, type Query, type RawContext } from './context';
import { decideCode, loadFacts, type CheckFacts, type RawCaller } from './decision';

interface CheckBody extends RawCaller {
  codes?: unknown;
  listTypes?: string[] | null;
  context?: CheckContext;
}

/**
 * The raw twin of the hub's blacklistCheck (docs/benchmarks.md, "Like with like"): the lists in force per code, the
 * interception decision for `context` (default TENDERING, as the hub's) and the check log's rows
 * (bench/raw/check-log.ts), so raw does the work the hub does: 3 reads in parallel, then 1 insert. `listTypes`
 * narrows what `listed` shows, not the decision, as in the hub.
 */
export async function blacklist(ctx: RawContext, body: CheckBody, query: Query) {
  if (!Array.isArray(body.codes)) throw new HttpError(400, 'codes must be a list');
  if (body.codes.length > 1000) throw new HttpError(400, 'at most 1000 codes per call');
  const context = body.context ?? CheckContext.TENDERING;
  const policy = ctx.interception.contexts[context];
  if (!policy) throw new HttpError(400, 'unknown context');
  const day = today();
  const identified = body.codes.map((code) => ctx.keys.identify(String(code)));
  // Persons' numbers are withheld from the benchmark's callers (not entitled to them): never looked up.
  const answered = identified.map((c) => c.keys.filter((key) => !isPersonKey(key)));
  const facts = await loadFacts(ctx, [...new Set(answered.flat())], body, day, query);
  const decided = identified.map((code, i) => decideCode(ctx, policy, code, answered[i], facts));
  const logged = identified.flatMap((code, i) => loggedRow(code, i, answered[i], facts, decided[i]));
  const platform = { platform: body.sub ?? 'anonymous', region: ctx.regionPrefix, context };
  const checkId = await logChecks(query, platform, logged);
  const wanted = (type: string) => !body.listTypes?.length || body.listTypes.includes(type);
  return {
    blacklistCheck: identified.map((code, i) => {
      const matches = answered[i].flatMap((key) => facts.listings.get(key) ?? []).filter((l) => wanted(l.list_type));
      const subject = visibleSubject(answered[i], facts);
      return {
        code: code.normalized,
        valid: code.check.valid,
        problem: code.check.valid ? null : (code.check.message ?? code.check.problem ?? 'invalid'),
        listed: matches.length > 0,
        subject: subject ? { name: subject.name } : null,
        listings: matches.map((l) => ({ listType: l.list_type, reason: l.reason, endsOn: l.ends_on })),
        withheld: code.types.includes('RESIDENT_ID'),
        decision: decided[i].decision,
        rule: { id: decided[i].rule.id },
        checkId,
      };
    }),
  };
}

/** The first of the code's keys whose subject the caller may see (the hub's `subject` and logged key). */
function visibleSubject(answered: string[], facts: CheckFacts) {
  return answered.map((key) => facts.subjects.get(key)).find((s) => s?.visible);
}

/** The hub's rule (lists/check-log.ts): a valid code is logged under its visible subject's key, else its first key. */
function loggedRow(code: IdentifiedCode, idx: number, answered: string[], facts: CheckFacts, decided: Decided) {
  if (!code.check.valid) return [];
  const subject = visibleSubject(answered, facts);
  const key = subject?.code_key ?? code.keys[0];
  if (!key) return [];
  const row: LoggedCheck = {
    idx,
    key,
    region: subject?.region_code ?? null,
    decision: decided.decision,
    rule: decided.rule.id,
  };
  return [row];
}
