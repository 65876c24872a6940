import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '../../../db/bound';
import { pgArray } from '../../../db/sql';
import { groupedBy } from '../../../common/loaders';
import type { SubjectKind } from '../../../common/subject-kind';
import { RecordNature, type RecordDomain } from '../enums';
import { recordCounts, type ScoredRecord } from '../policy/scoring';
import { rulesOf, type WarningRule } from '../policy/evaluation-config';
import { toFactRecord, type RecordFactRow } from './facts';
import { asOfDay, periodOf, type Period } from './period';
import { WarningKind } from './warning.entity';
import type { Raised, WarningDeps } from './warning.raise';

/**
 * The event rules (SERIOUS_FINDING, DEBT_RISK, REPEATED_FINDINGS): what a record's own facts raise, evaluated on the
 * records as they are in the caller's transaction. warning.raise.ts inserts what they give (a push, a derived record)
 * and compares before and after a correction.
 */

type RecordRow = ScoredRecord & { subjectKey: string; subjectRegion: string; domain: RecordDomain; title: string };

/**
 * unraisedOnly (a push, a derived record: warning.raise.ts raiseRecordWarnings): a subject-period whose every
 * REPEATED_FINDINGS warning exists already is not counted again, since inserting them would do nothing
 * (ON CONFLICT (dedupe_key) DO NOTHING). A correction compares before and after, so it counts them all.
 */
export interface RepeatedOptions {
  unraisedOnly?: boolean;
}

/** What the writer of the records has at hand already, so it is not read again (a push: submitRecords). */
export interface WrittenRecords {
  /** The written rows with WRITTEN_COLUMNS, as the write returned them; without them they are read by id. */
  rows?: readonly RecordSqlRow[];
  /** The kinds of the records' subjects as the writer resolved them; subjects not in it are looked up. */
  kinds?: ReadonlyMap<string, SubjectKind>;
}

/** A subject's evaluation period, to count REPEATED_FINDINGS in. */
export interface SubjectPeriod {
  subjectKey: string;
  subjectRegion: string;
  period: Period;
}

/** The columns of a record the event rules read besides its id, over the alias `t`. */
const factColumns = (t: string) => `${t}.subject_key, ${t}.subject_region, ${t}.nature, ${t}.category, ${t}.domain,
  ${t}.severity, ${t}.status, ${t}.tolerated, ${t}.title, to_char(${t}.decided_at, 'YYYY-MM-DD') AS decided_at,
  to_char(${t}.public_until, 'YYYY-MM-DD') AS public_until`;
const RECORD_COLUMNS = `r.id::text AS id, ${factColumns('r')}`;

/** What a record write returns (RETURNING, with the id) for raiseRecordWarnings to read nothing again. */
export const WRITTEN_COLUMNS = factColumns('t');

/** A row of RECORD_COLUMNS as the driver gives it. */
export type RecordSqlRow = RecordFactRow & { subject_region: string; title: string };

function toRecord(row: RecordSqlRow): RecordRow {
  return { ...toFactRecord(row), subjectKey: row.subject_key, subjectRegion: row.subject_region, title: row.title };
}

/** The subjects among `keys` of a monitored kind; `known`: kinds the caller resolved already (not looked up). */
export async function monitoredKeys(
  deps: WarningDeps,
  keys: string[],
  known?: ReadonlyMap<string, SubjectKind>,
): Promise<Set<string>> {
  const kinds = new Set<SubjectKind>(deps.config.monitoredKinds);
  const distinct = [...new Set(keys)];
  const unknown = distinct.filter((key) => !known?.has(key));
  const looked = unknown.length === 0 ? [] : await deps.directory.lookup(unknown);
  return new Set([
    ...distinct.filter((key) => known?.has(key) && kinds.has(known.get(key)!)),
    ...looked.filter((e) => kinds.has(e.kind)).map((e) => e.key),
  ]);
}

function singleRecordWarnings(deps: WarningDeps, relevant: RecordRow[]): Raised[] {
  const raised: Raised[] = [];
  const of = (r: RecordRow) => ({
    subject_key: r.subjectKey,
    subject_region: r.subjectRegion,
    record_ids: [r.id],
    source_ref: null,
    period: null,
  });
  for (const rule of rulesOf(deps.config, 'SERIOUS_FINDING')) {
    for (const r of relevant.filter((r) => rule.severities.includes(r.severity))) {
      raised.push({
        ...of(r),
        kind: WarningKind.SERIOUS_FINDING,
        rule: rule.code,
        dedupe_key: `${rule.code}:RECORD:${r.id}`,
        message: `${rule.message}：${r.title}`,
      });
    }
  }
  for (const rule of rulesOf(deps.config, 'DEBT_RISK')) {
    for (const r of relevant.filter((r) => rule.domains.includes(r.domain) || rule.categories.includes(r.category))) {
      raised.push({
        ...of(r),
        kind: WarningKind.DEBT_RISK,
        rule: rule.code,
        dedupe_key: `${rule.code}:RECORD:${r.id}`,
        message: `${rule.message}：${r.title}`,
      });
    }
  }
  return raised;
}

/**
 * What the event rules give for these records now (nothing is written). `periods`: further subject-periods to count
 * REPEATED_FINDINGS in besides those of the records (a correction re-checks the periods of the warnings resting on
 * the record, which a changed decision date may have left). One statement when nothing counts, at most three.
 */
export async function recordWarnings(
  em: EntityManager,
  deps: WarningDeps,
  recordIds: readonly string[],
  periods: readonly SubjectPeriod[] = [],
  options: RepeatedOptions & WrittenRecords = {},
): Promise<Raised[]> {
  const { config, today } = deps;
  if (recordIds.length === 0 || config.warnings.length === 0) return [];
  const rows =
    options.rows ??
    (await executeBound<RecordSqlRow>(
      em,
      `SELECT ${RECORD_COLUMNS} FROM records.credit_record r WHERE r.id = ANY(?::bigint[])`,
      [pgArray(recordIds)],
    ));
  const written = rows.map(toRecord).filter((r) => r.nature === RecordNature.DISHONESTY && recordCounts(r, today));
  if (written.length === 0 && periods.length === 0) return [];
  const monitored = await monitoredKeys(
    deps,
    written.map((r) => r.subjectKey),
    options.kinds,
  );
  const relevant = written.filter((r) => monitored.has(r.subjectKey));
  const repeated = rulesOf(config, 'REPEATED_FINDINGS');
  const targets = [
    ...relevant.map((r) => ({
      subjectKey: r.subjectKey,
      subjectRegion: r.subjectRegion,
      period: periodOf(r.decidedAt, config.periodGranularity),
    })),
    ...periods,
  ];
  const raised = singleRecordWarnings(deps, relevant);
  if (repeated.length > 0 && targets.length > 0)
    raised.push(...(await repeatedFindings(em, deps, targets, repeated, options)));
  return raised;
}

const repeatedKey = (rule: WarningRule, p: { subjectKey: string; period: Period }) =>
  `${rule.code}:${p.subjectKey}:${p.period.code}`;

/** Subject-periods with at least `threshold` counting dishonesty records decided in the period. */
async function repeatedFindings(
  em: EntityManager,
  deps: WarningDeps,
  targets: readonly SubjectPeriod[],
  rules: Extract<WarningRule, { kind: 'REPEATED_FINDINGS' }>[],
  options: RepeatedOptions,
): Promise<Raised[]> {
  const periods = new Map(targets.map((p) => [`${p.subjectKey}|${p.period.code}`, p]));
  const asked = [...periods.values()].map((p) => ({
    subject_key: p.subjectKey,
    start_on: p.period.start,
    end_on: p.period.end,
    keys: options.unraisedOnly ? rules.map((rule) => repeatedKey(rule, p)) : null,
  }));
  // Only the records of the subject-periods asked about (and, unraisedOnly, not all raised yet): a batch's subjects
  // may have long histories, and a raised period gives nothing new however many records it holds.
  const rows = (
    await executeBound<RecordSqlRow>(
      em,
      `WITH asked AS (
         SELECT * FROM jsonb_to_recordset(?::jsonb) AS a(subject_key text, start_on date, end_on date, keys text[])
       ), open AS (
         SELECT a.subject_key, a.start_on, a.end_on FROM asked a
         WHERE a.keys IS NULL
            OR EXISTS (SELECT 1 FROM unnest(a.keys) k WHERE NOT EXISTS (SELECT 1 FROM records.early_warning w WHERE w.dedupe_key = k))
       )
       SELECT ${RECORD_COLUMNS} FROM records.credit_record r
       WHERE r.subject_key = ANY(?::text[]) AND r.nature = 'DISHONESTY'
         AND EXISTS (SELECT 1 FROM open o WHERE o.subject_key = r.subject_key AND r.decided_at BETWEEN o.start_on AND o.end_on)
       ORDER BY r.id`,
      [JSON.stringify(asked), pgArray([...new Set(targets.map((p) => p.subjectKey))])],
    )
  ).map(toRecord);
  // Each subject's rows apart: a batch of 500 names hundreds of subject-periods, and scanning every row for each of
  // them grew with the subjects' histories (CPU profile of submitRecords, docs/benchmarks.md).
  const bySubject = groupedBy(rows, (r) => r.subjectKey);
  const raised: Raised[] = [];
  for (const { subjectKey, subjectRegion, period } of periods.values()) {
    const asOf = asOfDay(period, deps.today);
    const inPeriod = (bySubject.get(subjectKey) ?? []).filter(
      (r) => period.start <= r.decidedAt && r.decidedAt <= period.end && recordCounts(r, asOf),
    );
    for (const rule of rules.filter((rule) => inPeriod.length >= rule.threshold)) {
      raised.push({
        kind: WarningKind.REPEATED_FINDINGS,
        rule: rule.code,
        dedupe_key: repeatedKey(rule, { subjectKey, period }),
        message: `${rule.message}：${period.code} 内 ${inPeriod.length} 条失信记录`,
        subject_key: subjectKey,
        subject_region: subjectRegion,
        period: period.code,
        record_ids: inPeriod.map((r) => r.id),
        source_ref: null,
      });
    }
  }
  return raised;
}
