import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays } from '../../../common/dates';
import type { SubjectDirectory } from '../../../common/subject-directory';
import { pgArray } from '../../../db/sql';
import type { SubjectKind } from '../../../common/subject-kind';
import { RecordNature, type RecordDomain } from '../enums';
import { recordCounts, type ScoredRecord } from '../policy/scoring';
import { rulesOf, type EvaluationConfig, type WarningRule } from '../policy/evaluation-config';
import { toFactRecord, type RecordFactRow } from './facts';
import { asOfDay, periodOf } from './period';
import { WarningKind } from './warning.entity';
import { overdueOpinionWarnings } from './warning.opinions';
import { interceptionOverrideWarnings, type Override } from './warning.interception';

/**
 * How warnings stay consistent with the records (docs/monitoring.md):
 * - event rules (SERIOUS_FINDING, DEBT_RISK, REPEATED_FINDINGS) run in the transaction that
 *   writes the record (submitRecords and the workflows' derived records), so a rolled-back
 *   write raises nothing and a committed one cannot miss its warning;
 * - time rules (COMMITMENT_OVERDUE, ENFORCEMENT_DEFAULT_UNRESOLVED) become true by the
 *   passing of time, with no write to hook: a set-based sweep raises them before warnings
 *   are listed.
 * Both insert with ON CONFLICT (dedupe_key) DO NOTHING: evaluating a rule twice raises one warning.
 */
export interface WarningDeps {
  directory: SubjectDirectory;
  config: EvaluationConfig;
  today: string;
}

export interface Raised {
  kind: WarningKind;
  rule: string;
  dedupe_key: string;
  message: string;
  subject_key: string;
  subject_region: string;
  period: string | null;
  record_ids: string[];
  source_ref: string | null;
}

type RecordRow = ScoredRecord & { subjectKey: string; subjectRegion: string; domain: RecordDomain; title: string };

const RECORD_COLUMNS = `id::text, subject_key, subject_region, nature, category, domain, severity, status, tolerated, title,
  to_char(decided_at, 'YYYY-MM-DD') AS decided_at, to_char(public_until, 'YYYY-MM-DD') AS public_until`;

/** A row of RECORD_COLUMNS as the driver gives it. */
type RecordSqlRow = RecordFactRow & { subject_region: string; title: string };

function toRecord(row: RecordSqlRow): RecordRow {
  return { ...toFactRecord(row), subjectKey: row.subject_key, subjectRegion: row.subject_region, title: row.title };
}

async function monitoredKeys(deps: WarningDeps, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const kinds = new Set<SubjectKind>(deps.config.monitoredKinds);
  return new Set((await deps.directory.lookup([...new Set(keys)])).filter((e) => kinds.has(e.kind)).map((e) => e.key));
}

async function insertWarnings(em: EntityManager, config: EvaluationConfig, warnings: Raised[]): Promise<number> {
  if (warnings.length === 0) return 0;
  const inserted = await em.execute(
    `INSERT INTO records.early_warning (kind, rule, dedupe_key, message, subject_key, subject_region, period, record_ids, source_ref, config_version)
     SELECT x.kind, x.rule, x.dedupe_key, x.message, x.subject_key, x.subject_region, x.period, x.record_ids, x.source_ref, ?
     FROM jsonb_to_recordset(?::jsonb) AS x(kind text, rule text, dedupe_key text, message text, subject_key text, subject_region varchar(6), period text, record_ids jsonb, source_ref text)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [config.version, JSON.stringify(warnings)],
  );
  return inserted.length;
}

/**
 * Event rules for records just written (created or changed) in the caller's transaction.
 * Costs one statement when no written record counts as dishonesty, at most four otherwise.
 */
export async function raiseRecordWarnings(em: EntityManager, deps: WarningDeps, recordIds: string[]): Promise<number> {
  const { config, today } = deps;
  if (recordIds.length === 0 || config.warnings.length === 0) return 0;
  const written = (
    (await em.execute(`SELECT ${RECORD_COLUMNS} FROM records.credit_record WHERE id = ANY(?::bigint[])`, [
      pgArray(recordIds),
    ])) as RecordSqlRow[]
  )
    .map(toRecord)
    .filter((r) => r.nature === RecordNature.DISHONESTY && recordCounts(r, today));
  if (written.length === 0) return 0;
  const monitored = await monitoredKeys(
    deps,
    written.map((r) => r.subjectKey),
  );
  const relevant = written.filter((r) => monitored.has(r.subjectKey));
  const raised: Raised[] = [];
  const of = (r: RecordRow) => ({
    subject_key: r.subjectKey,
    subject_region: r.subjectRegion,
    record_ids: [r.id],
    source_ref: null,
    period: null,
  });
  for (const rule of rulesOf(config, 'SERIOUS_FINDING')) {
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
  for (const rule of rulesOf(config, 'DEBT_RISK')) {
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
  const repeated = rulesOf(config, 'REPEATED_FINDINGS');
  if (repeated.length > 0 && relevant.length > 0)
    raised.push(...(await repeatedFindings(em, deps, relevant, repeated)));
  return insertWarnings(em, config, raised);
}

/**
 * Subject-periods of the written records with at least `threshold` counting dishonesty records decided in the period.
 */
async function repeatedFindings(
  em: EntityManager,
  deps: WarningDeps,
  written: RecordRow[],
  rules: Extract<WarningRule, { kind: 'REPEATED_FINDINGS' }>[],
): Promise<Raised[]> {
  const granularity = deps.config.periodGranularity;
  const periods = new Map(
    written.map((r) => [
      `${r.subjectKey}|${periodOf(r.decidedAt, granularity).code}`,
      { subject: r, period: periodOf(r.decidedAt, granularity) },
    ]),
  );
  const starts = [...periods.values()].map((p) => p.period.start).sort();
  const ends = [...periods.values()].map((p) => p.period.end).sort();
  const rows = (
    (await em.execute(
      `SELECT ${RECORD_COLUMNS} FROM records.credit_record
     WHERE subject_key = ANY(?::text[]) AND nature = 'DISHONESTY' AND decided_at BETWEEN ?::date AND ?::date ORDER BY id`,
      [pgArray([...new Set(written.map((r) => r.subjectKey))]), starts[0], ends[ends.length - 1]],
    )) as RecordSqlRow[]
  ).map(toRecord);
  const raised: Raised[] = [];
  for (const { subject, period } of periods.values()) {
    const asOf = asOfDay(period, deps.today);
    const inPeriod = rows.filter(
      (r) =>
        r.subjectKey === subject.subjectKey &&
        period.start <= r.decidedAt &&
        r.decidedAt <= period.end &&
        recordCounts(r, asOf),
    );
    for (const rule of rules.filter((rule) => inPeriod.length >= rule.threshold)) {
      raised.push({
        kind: WarningKind.REPEATED_FINDINGS,
        rule: rule.code,
        dedupe_key: `${rule.code}:${subject.subjectKey}:${period.code}`,
        message: `${rule.message}：${period.code} 内 ${inPeriod.length} 条失信记录`,
        subject_key: subject.subjectKey,
        subject_region: subject.subjectRegion,
        period: period.code,
        record_ids: inPeriod.map((r) => r.id),
        source_ref: null,
      });
    }
  }
  return raised;
}

/**
 * Time rules, set-based and idempotent: every overdue commitment, long-unresolved enforcement
 * case and overdue opinion request without its warning gets one. Run before warnings are listed.
 */
export async function sweepTimedWarnings(em: EntityManager, deps: WarningDeps): Promise<number> {
  const { config, today } = deps;
  const candidates: Raised[] = [];
  for (const rule of rulesOf(config, 'COMMITMENT_OVERDUE')) {
    const rows = await em.execute(
      `SELECT c.id::text, c.subject_key, c.subject_region, c.title, to_char(c.due_on, 'YYYY-MM-DD') AS due_on FROM records.commitment c
       WHERE c.state = 'PENDING' AND c.due_on < ?::date
         AND NOT EXISTS (SELECT 1 FROM records.early_warning w WHERE w.dedupe_key = ? || c.id)`,
      [addDays(today, -rule.graceDays), `${rule.code}:COMMITMENT:`],
    );
    for (const c of rows as Record<string, string>[]) {
      candidates.push({
        kind: WarningKind.COMMITMENT_OVERDUE,
        rule: rule.code,
        dedupe_key: `${rule.code}:COMMITMENT:${c.id}`,
        message: `${rule.message}：${c.title}（应于 ${c.due_on} 前兑现）`,
        subject_key: c.subject_key,
        subject_region: c.subject_region,
        period: null,
        record_ids: [],
        source_ref: `COMMITMENT:${c.id}`,
      });
    }
  }
  for (const rule of rulesOf(config, 'ENFORCEMENT_DEFAULT_UNRESOLVED')) {
    const rows = await em.execute(
      `SELECT g.id::text, g.subject_key, g.subject_region, g.external_id, to_char(g.filed_on, 'YYYY-MM-DD') AS filed_on FROM records.government_case g
       WHERE g.kind = 'ENFORCEMENT_DEFAULT' AND g.state = 'OPEN' AND g.filed_on < ?::date
         AND NOT EXISTS (SELECT 1 FROM records.early_warning w WHERE w.dedupe_key = ? || g.id)`,
      [addDays(today, -rule.days), `${rule.code}:GOVERNMENT_CASE:`],
    );
    for (const g of rows as Record<string, string>[]) {
      candidates.push({
        kind: WarningKind.ENFORCEMENT_DEFAULT_UNRESOLVED,
        rule: rule.code,
        dedupe_key: `${rule.code}:GOVERNMENT_CASE:${g.id}`,
        message: `${rule.message}：${g.external_id}（${g.filed_on} 立案）`,
        subject_key: g.subject_key,
        subject_region: g.subject_region,
        period: null,
        record_ids: [],
        source_ref: `GOVERNMENT_CASE:${g.id}`,
      });
    }
  }
  candidates.push(...(await overdueOpinionWarnings(em, config, today)));
  if (candidates.length === 0) return 0;
  const monitored = await monitoredKeys(
    deps,
    candidates.map((c) => c.subject_key),
  );
  return insertWarnings(
    em,
    config,
    candidates.filter((c) => monitored.has(c.subject_key)),
  );
}

/** INTERCEPTION_OVERRIDDEN for the admissions of blocked bidders just reported, in the report's transaction. */
export function raiseInterceptionOverrides(
  em: EntityManager,
  config: EvaluationConfig,
  overrides: Override[],
): Promise<number> {
  return insertWarnings(em, config, interceptionOverrideWarnings(config, overrides));
}
