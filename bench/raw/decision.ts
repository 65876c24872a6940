import type { IdentifiedCode } from '../../src/identity/subject-keys';
import type { RecordCategory, Severity } from '../../src/subgraphs/records/enums';
import type { ContextPolicy } from '../../src/subgraphs/records/policy/interception';
import { decide, decideUnanswered, type Decided } from '../../src/subgraphs/records/policy/interception-decision';
import {
  countsAsDishonesty,
  scoreSubject,
  type ScoredListing,
  type ScoredRecord,
} from '../../src/subgraphs/records/policy/scoring';
import { ACTIVE_LISTING, VISIBLE, type Query, type RawContext } from './context';

export interface ListingRow {
  id: string;
  subject_key: string;
  list_type: string;
  reason: string;
  ends_on: string | null;
}

interface SubjectRow {
  code_key: string;
  name: string;
  region_code: string;
  visible: boolean;
}

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

/** The caller as raw is told it (the hub: by its token): its client id, and its own organization. */
export interface RawCaller {
  sub?: string;
  org?: string;
}

/** Everything a check needs of the keys asked, by subject key. */
export interface CheckFacts {
  listings: Map<string, ListingRow[]>;
  subjects: Map<string, SubjectRow>;
  records: Map<string, CandidateRow[]>;
}

/**
 * The keys as a run-time value, as the hub's statement has them (lists/check-facts.ts): a 500-element array the planner
 * sees costs it one selectivity estimate per element and index path, more than the scan itself.
 */
const BATCH = '(SELECT $1::text[])::text[]';

function grouped<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/**
 * The facts of blacklistCheck with its decision (docs/interception.md), hand-written: every listing in force, the
 * registered subjects (with whether the caller may see each: the blacklist route's VISIBLE) and the records the
 * caller may read (the status route's visibility), three statements in parallel.
 */
export async function loadFacts(
  ctx: RawContext,
  keys: string[],
  caller: RawCaller,
  day: string,
  query: Query,
): Promise<CheckFacts> {
  if (!keys.length) return { listings: new Map(), subjects: new Map(), records: new Map() };
  const [listings, subjects, records] = await Promise.all([
    query<ListingRow>(
      `SELECT l.id::text, l.subject_key, l.list_type, l.reason, to_char(l.ends_on, 'YYYY-MM-DD') AS ends_on
       FROM records.listing l WHERE l.subject_key = ANY(${BATCH}) AND ${ACTIVE_LISTING} ORDER BY l.id`,
      [keys, day],
    ),
    query<SubjectRow>(
      `SELECT s.code_key, s.name, s.region_code, ${VISIBLE} AS visible FROM subjects.subject s
       WHERE s.code_key = ANY($1::text[])`,
      [keys, ctx.regionLike],
    ),
    query<CandidateRow>(
      `SELECT r.id::text, r.subject_key, r.nature, r.category, r.severity, r.status, r.tolerated,
              to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, to_char(r.public_until, 'YYYY-MM-DD') AS public_until
       FROM records.credit_record r
       WHERE r.subject_key = ANY(${BATCH}) AND r.status = 'ACTIVE' AND r.public_until >= $2::date
         AND ((r.disclosure = 'PUBLIC' AND r.decided_at <= $2::date)
              OR (r.disclosure IN ('PUBLIC', 'GOVERNMENT') AND r.subject_region LIKE $3)
              OR r.source_system = $4 OR r.deciding_authority_code = $5)`,
      [keys, day, ctx.regionLike, caller.sub ?? '', caller.org ?? ''],
    ),
  ]);
  return {
    listings: grouped(listings, (l) => l.subject_key),
    subjects: new Map(subjects.map((s) => [s.code_key, s])),
    records: grouped(records, (r) => r.subject_key),
  };
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

/**
 * The decision for one code by the same pure policy functions the hub uses: on the first of its keys that is
 * registered, its listings of every type and the records the caller may read; an unregistered or invalid code by the
 * policy's rule for those.
 */
export function decideCode(
  ctx: RawContext,
  policy: ContextPolicy,
  code: IdentifiedCode,
  answered: string[],
  facts: CheckFacts,
  day: string,
): Decided {
  const key = answered.find((k) => facts.subjects.has(k));
  if (!key) return decideUnanswered(code.check.valid, policy);
  const records = (facts.records.get(key) ?? []).map(toScored);
  const listings = (facts.listings.get(key) ?? []).map((l): ScoredListing => ({
    id: l.id,
    listType: l.list_type as never,
  }));
  const { level } = scoreSubject(records, listings, day, ctx.policy);
  const dishonest = records.filter((r) => countsAsDishonesty(r, day));
  return decide(
    {
      listTypes: listings.map((l) => l.listType),
      records: dishonest.map((r) => ({ category: r.category as RecordCategory, severity: r.severity as Severity })),
      level,
    },
    policy,
  );
}
