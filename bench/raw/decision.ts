import { today } from '../../src/common/dates';
import { isPersonKey } from '../../src/identity/subject-keys';
import { CheckContext } from '../../src/subgraphs/records/policy/interception';
import { decide, decideUnanswered } from '../../src/subgraphs/records/policy/interception-decision';
import type { RecordCategory, Severity } from '../../src/subgraphs/records/enums';
import {
  countsAsDishonesty,
  scoreSubject,
  type ScoredListing,
  type ScoredRecord,
} from '../../src/subgraphs/records/policy/scoring';
import { ACTIVE_LISTING, HttpError, type Query, type RawContext } from './context';

interface CandidateRow {
  id: string;
  subject_key: string;
  nature: string;
  category: string;
  severity: string;
  status: string;
  tolerated: boolean;
  decided_at: string;
  public_until: string;
}

/**
 * blacklistCheck with the interception decision (docs/interception.md), hand-written: every listing in force,
 * the registered subjects and the records the caller may read (the status route's visibility), three statements
 * in parallel; the decision by the same pure policy functions the hub uses.
 */
function load(ctx: RawContext, keys: string[], caller: { sub?: string; org?: string }, day: string, query: Query) {
  return Promise.all([
    query<{ id: string; subject_key: string; list_type: string }>(
      `SELECT l.id::text, l.subject_key, l.list_type FROM records.listing l
       WHERE l.subject_key = ANY($1::text[]) AND ${ACTIVE_LISTING} ORDER BY l.id`,
      [keys, day],
    ),
    query<{ code_key: string }>('SELECT s.code_key FROM subjects.subject s WHERE s.code_key = ANY($1::text[])', [keys]),
    query<CandidateRow>(
      `SELECT r.id::text, r.subject_key, r.nature, r.category, r.severity, r.status, r.tolerated,
              to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, to_char(r.public_until, 'YYYY-MM-DD') AS public_until
       FROM records.credit_record r
       WHERE r.subject_key = ANY($1::text[]) AND r.status = 'ACTIVE' AND r.public_until >= $2::date
         AND ((r.disclosure = 'PUBLIC' AND r.decided_at <= $2::date)
              OR (r.disclosure IN ('PUBLIC', 'GOVERNMENT') AND r.subject_region LIKE $3)
              OR r.source_system = $4 OR r.deciding_authority_code = $5)`,
      [keys, day, ctx.regionLike, caller.sub ?? '', caller.org ?? ''],
    ),
  ]);
}

function grouped<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

function toScored(r: CandidateRow): ScoredRecord {
  return {
    id: r.id,
    nature: r.nature as ScoredRecord['nature'],
    category: r.category as ScoredRecord['category'],
    severity: r.severity as ScoredRecord['severity'],
    status: r.status as ScoredRecord['status'],
    tolerated: r.tolerated,
    decidedAt: r.decided_at,
    publicUntil: r.public_until,
  };
}

export async function blacklistDecision(
  ctx: RawContext,
  body: { codes?: unknown; context?: CheckContext; sub?: string; org?: string },
  query: Query,
) {
  if (!Array.isArray(body.codes)) throw new HttpError(400, 'codes must be a list');
  if (body.codes.length > 1000) throw new HttpError(400, 'at most 1000 codes per call');
  const context = body.context ?? CheckContext.TENDERING;
  const policy = ctx.interception.contexts[context];
  if (!policy) throw new HttpError(400, 'unknown context');
  const day = today();
  const identified = body.codes.map((code) => ctx.keys.identify(String(code)));
  // Persons' numbers are withheld from the benchmark's government caller: never looked up.
  const answered = identified.map((c) => c.keys.filter((key) => !isPersonKey(key)));
  const keys = [...new Set(answered.flat())];
  const [listings, subjects, candidates] = keys.length ? await load(ctx, keys, body, day, query) : [[], [], []];
  const listingsOf = grouped(listings, (l) => l.subject_key);
  const recordsOf = grouped(candidates, (r) => r.subject_key);
  const registered = new Set(subjects.map((s) => s.code_key));
  return {
    blacklistCheck: identified.map((code, i) => {
      const key = answered[i].find((k) => registered.has(k));
      const own = key ? (listingsOf.get(key) ?? []) : [];
      let decided = decideUnanswered(code.check.valid, policy);
      if (key) {
        const records = (recordsOf.get(key) ?? []).map(toScored);
        const scoredListings = own.map((l): ScoredListing => ({ id: l.id, listType: l.list_type as never }));
        const { level } = scoreSubject(records, scoredListings, day, ctx.policy);
        const dishonest = records.filter((r) => countsAsDishonesty(r, day));
        decided = decide(
          {
            listTypes: scoredListings.map((l) => l.listType),
            records: dishonest.map((r) => ({
              category: r.category as RecordCategory,
              severity: r.severity as Severity,
            })),
            level,
          },
          policy,
        );
      }
      const matches = answered[i].flatMap((k) => listingsOf.get(k) ?? []);
      return {
        code: code.normalized,
        valid: code.check.valid,
        listed: matches.length > 0,
        decision: decided.decision,
        rule: { id: decided.rule.id },
      };
    }),
  };
}
