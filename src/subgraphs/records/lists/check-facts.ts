import { allOf, pgArray, type SqlFragment } from '../../../db/sql';
import type { RecordCategory, RecordNature, Severity } from '../enums';
import { recordCountsSql } from '../policy/scoring';
import type { RecordsContext } from '../context';
import { recordVisibility } from '../findings/record.repository';
import { CANDIDATE_COLUMNS, candidateColumns, mayCount, type ScoringCandidate } from '../findings/scoring-candidates';
import type { Listing } from './listing.entity';
import { ACTIVE_LISTING_SQL } from './listing.repository';

/** One subject's count of one kind (MEASURE, BREACH): all rows, and those resting on rows the caller may read. */
export interface WorkflowCountRow {
  key: string;
  kind: string;
  n: number;
  visible: number;
}

/**
 * `count` records of one subject that count (policy/scoring.ts recordCountsSql) alike for an interception decision:
 * one nature, category and severity, and whether the caller may read them.
 */
export interface WeighedGroup {
  /** A group cites no record (policy/scoring.ts CountedGroup). */
  id: null;
  key: string;
  nature: RecordNature;
  category: RecordCategory;
  severity: Severity;
  visible: boolean;
  count: number;
}

/** What the records schema knows of a batch of subject keys, for an interception decision. */
export interface CheckFacts {
  /** Every listing in force, of every type. */
  listings: Listing[];
  /** The records that may count (scoring-candidates.ts), with whether the caller may read each; none when weighed. */
  candidates: ScoringCandidate[];
  /** When asked `weighed`: instead of the candidates, the records that count, grouped and counted in SQL. */
  groups: WeighedGroup[];
  /** The rows of `counts` when asked (creditReview: status/review-rows.ts). */
  counts: WorkflowCountRow[];
}

/**
 * Fills the columns a branch does not have: a listing's (typed by the table's row type) or named ones. An untyped NULL
 * takes its type from another branch (UNION type resolution); the counts' columns are typed in the first branch, as
 * only the optional last one fills them.
 */
const NO_LISTING = '(NULL::records.listing).*, NULL AS is_active';
const none = (names: readonly string[]) => names.map((name) => `NULL AS ${name}`).join(', ');

/**
 * The batch's keys, sent once and read by every branch as an uncorrelated sub-select. A 500-element array constant in
 * `= ANY(...)` costs the planner a selectivity estimate per element and per index path (6-15 ms of PostgreSQL CPU per
 * call on records.credit_record, more than executing it: docs/benchmarks.md "blacklistCheck: check log and per-code
 * cost"); behind a sub-select it is a run-time value the index scans take all the same.
 */
const BATCH_CTE = 'WITH batch AS MATERIALIZED (SELECT ?::text[] AS keys)';
const BATCH_KEYS: SqlFragment = { sql: '(SELECT keys FROM batch)::text[]', params: [] };

/** What loadCheckFacts reads beside the listings: the review's `counts`; `weighed` groups instead of candidates. */
export interface CheckFactsOptions {
  counts?: SqlFragment;
  weighed?: boolean;
}

/**
 * The listings in force, the records that may count (or, `weighed`, their groups) and, when given, `counts` (rows of
 * kind, key, n, visible) for `keys`, in ONE statement whatever the batch size: a UNION ALL whose branches share one
 * row shape — `fact` and `fact_key`, then a listing's columns (records.listing's own, so the ORM's mapping reads them),
 * then a candidate's, then a count's — each branch filling its own part with values and the rest with NULLs. The
 * subject directory is not joined: it is its own (batched, maybe remote) call (lists/interception.ts). Listings come
 * in id order.
 */
export async function loadCheckFacts(
  ctx: RecordsContext,
  keys: readonly string[],
  { counts, weighed = false }: CheckFactsOptions = {},
): Promise<CheckFacts> {
  const facts: CheckFacts = { listings: [], candidates: [], groups: [], counts: [] };
  if (!keys.length) return facts;
  const { today } = ctx.records;
  const inForce = { sql: `l.subject_key = ANY(${BATCH_KEYS.sql}) AND ${ACTIVE_LISTING_SQL}`, params: [today, today] };
  const records = (weighed ? groupsBranch : candidatesBranch)(ctx);
  const branches = [
    `SELECT 'LISTING' AS fact, l.subject_key AS fact_key, l.*, true AS is_active, NULL AS record_id,
       ${none(CANDIDATE_COLUMNS)}, NULL::int AS n, NULL::int AS n_visible
     FROM records.listing l WHERE ${inForce.sql}`,
    records.sql,
    ...(counts
      ? [`SELECT c.kind, c.key, ${NO_LISTING}, NULL, ${none(CANDIDATE_COLUMNS)}, c.n, c.visible FROM (${counts.sql}) c`]
      : []),
  ];
  const statement = `${BATCH_CTE}\n${branches.join('\nUNION ALL\n')}\nORDER BY id`;
  const rows: Record<string, unknown>[] = await ctx.em.execute(statement, [
    pgArray(keys),
    ...inForce.params,
    ...records.params,
    ...(counts?.params ?? []),
  ]);
  for (const row of rows) {
    if (row.fact === 'LISTING') facts.listings.push(ctx.records.listings.toListing(row));
    else if (row.fact === 'RECORD') facts.candidates.push(candidateOf(row));
    else if (row.fact === 'GROUP') facts.groups.push(groupOf(row));
    else
      facts.counts.push({
        kind: row.fact as string,
        key: row.fact_key as string,
        n: row.n as number,
        visible: row.n_visible as number,
      });
  }
  return facts;
}

/** One row per record that may count, with its columns (CANDIDATE_COLUMNS). */
function candidatesBranch(ctx: RecordsContext): SqlFragment {
  const columns = candidateColumns(recordVisibility(ctx.viewer, ctx.records.selfKey, ctx.records.today));
  const where = mayCount(BATCH_KEYS, ctx.records.today);
  return {
    sql: `SELECT 'RECORD', r.subject_key, ${NO_LISTING}, r.id::text, ${columns.sql}, NULL, NULL
     FROM records.credit_record r WHERE ${where.sql}`,
    params: [...columns.params, ...where.params],
  };
}

const GROUPED: readonly string[] = ['nature', 'category', 'severity', 'visible'];
/** A candidate's columns, in their order: the grouped ones filled from the groups, the rest NULL. */
const GROUP_COLUMNS = CANDIDATE_COLUMNS.map((c) => (GROUPED.includes(c) ? `g.${c}` : 'NULL')).join(', ');

/**
 * The records that count (recordCountsSql), one row per subject, nature, category, severity and visibility with their
 * number in `n`: what a decision needs of them (lists/interception.ts viewOf), in rows that do not grow with a
 * subject's records. The columns it reads are in records.credit_record_count_idx, so the read is an index-only scan.
 */
function groupsBranch(ctx: RecordsContext): SqlFragment {
  const { today } = ctx.records;
  const visibility = recordVisibility(ctx.viewer, ctx.records.selfKey, today);
  const where = allOf(mayCount(BATCH_KEYS, today), recordCountsSql(today));
  return {
    sql: `SELECT 'GROUP', g.subject_key, ${NO_LISTING}, NULL, ${GROUP_COLUMNS}, g.n, NULL
     FROM (SELECT r.subject_key, r.nature, r.category, r.severity, (${visibility.sql}) AS visible, count(*)::int AS n
       FROM records.credit_record r WHERE ${where.sql} GROUP BY 1, 2, 3, 4, 5) g`,
    params: [...visibility.params, ...where.params],
  };
}

function groupOf(row: Record<string, unknown>): WeighedGroup {
  return {
    id: null,
    key: row.fact_key as string,
    nature: row.nature as RecordNature,
    category: row.category as RecordCategory,
    severity: row.severity as Severity,
    visible: row.visible as boolean,
    count: row.n as number,
  };
}

function candidateOf(row: Record<string, unknown>): ScoringCandidate {
  return {
    id: row.record_id as string,
    subject_key: row.fact_key as string,
    nature: row.nature as string,
    category: row.category as string,
    severity: row.severity as string,
    status: row.status as string,
    tolerated: row.tolerated as boolean,
    disclosure: row.disclosure as string,
    visible: row.visible as boolean,
    decided_at: row.decided_at as string,
    public_until: row.public_until as string,
  };
}
