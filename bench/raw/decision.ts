import type { IdentifiedCode } from '../../src/identity/subject-keys';
import { RecordNature } from '../../src/subgraphs/records/enums';
import type { ContextPolicy } from '../../src/subgraphs/records/policy/interception';
import { decide, decideUnanswered, type Decided } from '../../src/subgraphs/records/policy/interception-decision';
import { scoreCounted, type CountedGroup, type ScoredListing } from '../../src/subgraphs/records/policy/scoring';
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

/** `n` records of one subject that count (the hub's policy/scoring.ts recordCountsSql) and the caller may read. */
interface CountedRow {
  subject_key: string;
  nature: string;
  category: string;
  severity: string;
  n: number;
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
  records: Map<string, CountedRow[]>;
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
 * caller may read (the status route's visibility) that count, counted per nature, category and severity in SQL as the
 * hub's (lists/check-facts.ts, weighed), three statements in parallel.
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
    query<CountedRow>(
      `SELECT r.subject_key, r.nature, r.category, r.severity, count(*)::int AS n
       FROM records.credit_record r
       WHERE r.subject_key = ANY(${BATCH}) AND r.status = 'ACTIVE' AND r.public_until >= $2::date
         AND NOT r.tolerated AND r.decided_at <= $2::date
         AND ((r.disclosure = 'PUBLIC' AND r.decided_at <= $2::date)
              OR (r.disclosure IN ('PUBLIC', 'GOVERNMENT') AND r.subject_region LIKE $3)
              OR r.source_system = $4 OR r.deciding_authority_code = $5)
       GROUP BY 1, 2, 3, 4`,
      [keys, day, ctx.regionLike, caller.sub ?? '', caller.org ?? ''],
    ),
  ]);
  return {
    listings: grouped(listings, (l) => l.subject_key),
    subjects: new Map(subjects.map((s) => [s.code_key, s])),
    records: grouped(records, (r) => r.subject_key),
  };
}

function toCounted(r: CountedRow): CountedGroup {
  return {
    id: null,
    nature: r.nature as CountedGroup['nature'],
    category: r.category as CountedGroup['category'],
    severity: r.severity as CountedGroup['severity'],
    count: r.n,
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
): Decided {
  const key = answered.find((k) => facts.subjects.has(k));
  if (!key) return decideUnanswered(code.check.valid, policy);
  const records = (facts.records.get(key) ?? []).map(toCounted);
  const listings = (facts.listings.get(key) ?? []).map((l): ScoredListing => ({
    id: l.id,
    listType: l.list_type as never,
  }));
  const { level } = scoreCounted(records, listings, ctx.policy);
  const dishonest = records.filter((r) => r.nature === RecordNature.DISHONESTY);
  return decide(
    {
      listTypes: listings.map((l) => l.listType),
      records: dishonest.map((r) => ({ category: r.category, severity: r.severity })),
      level,
    },
    policy,
  );
}
