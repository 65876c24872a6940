import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays } from '../../../common/dates';
import type { SubjectDirectory } from '../../../common/subject-directory';
import { executeBound } from '../../../db/bound';
import { pgArray } from '../../../db/sql';
import { rulesOf, type EvaluationConfig } from '../policy/evaluation-config';
import { parsePeriod } from './period';
import { monitoredKeys, recordWarnings, type SubjectPeriod, type WrittenRecords } from './warning.record-rules';
import { WarningKind } from './warning.entity';
import { overdueOpinionWarnings } from './warning.opinions';
import { interceptionOverrideWarnings, type Override } from './warning.interception';
import { unraised } from './warning.unraised';

// What a writer hands the event rules: the columns its insert returns, and their row (findings/record-row.ts).
export { WRITTEN_COLUMNS, type RecordSqlRow } from './warning.record-rules';

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

async function insertWarnings(em: EntityManager, config: EvaluationConfig, warnings: Raised[]): Promise<number> {
  if (warnings.length === 0) return 0;
  const inserted = await executeBound(
    em,
    `INSERT INTO records.early_warning (kind, rule, dedupe_key, message, subject_key, subject_region, period, record_ids, source_ref, config_version)
     SELECT x.kind, x.rule, x.dedupe_key, x.message, x.subject_key, x.subject_region, x.period, x.record_ids, x.source_ref, ?::text
     FROM jsonb_to_recordset(?::jsonb) AS x(kind text, rule text, dedupe_key text, message text, subject_key text, subject_region varchar(6), period text, record_ids jsonb, source_ref text)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [config.version, JSON.stringify(warnings)],
  );
  return inserted.length;
}

/**
 * Event rules for records just written (created or changed) in the caller's transaction (warning.record-rules.ts).
 * Costs one statement when no written record counts as dishonesty, at most four otherwise; `written`: the rows and
 * subjects' kinds the writer has already, which saves the first two (a push: two statements at most).
 */
export async function raiseRecordWarnings(
  em: EntityManager,
  deps: WarningDeps,
  recordIds: string[],
  written: WrittenRecords = {},
): Promise<number> {
  return insertWarnings(
    em,
    deps.config,
    await recordWarnings(em, deps, recordIds, [], { unraisedOnly: true, ...written }),
  );
}

/** The kinds of the event rules: what a record's own facts raise, so what a correction of them may change. */
const RECORD_RULE_KINDS = [WarningKind.SERIOUS_FINDING, WarningKind.DEBT_RISK, WarningKind.REPEATED_FINDINGS];

interface OpenWarning {
  id: string;
  rule: string;
  kind: WarningKind;
  dedupe_key: string;
  subject_key: string;
  subject_region: string;
  period: string | null;
}

/** A record's open event-rule warnings and which of them its facts give, before a correction. */
export interface WarningCheck {
  open: OpenWarning[];
  held: Set<string>;
}

/** The periods of the open REPEATED_FINDINGS warnings, re-counted before and after (a changed decidedAt leaves one). */
function periodsOf(deps: WarningDeps, open: OpenWarning[]): SubjectPeriod[] {
  const granularity = deps.config.periodGranularity;
  return open.flatMap((w) => {
    if (w.kind !== WarningKind.REPEATED_FINDINGS || !w.period) return [];
    try {
      return [
        { subjectKey: w.subject_key, subjectRegion: w.subject_region, period: parsePeriod(w.period, granularity) },
      ];
    } catch {
      return []; // A period of another granularity (the configuration changed since): not this rule's any more.
    }
  });
}

const heldKeys = async (em: EntityManager, deps: WarningDeps, recordId: string, open: OpenWarning[]) =>
  new Set((await recordWarnings(em, deps, [recordId], periodsOf(deps, open))).map((w) => w.dedupe_key));

/**
 * Before a correction (workflows/objections/correction.ts), in its transaction: the open (OPEN, ACKNOWLEDGED)
 * event-rule warnings resting on the record, and which of them the rules give on its facts now. One statement when
 * none is open.
 */
export async function checkBeforeCorrection(
  em: EntityManager,
  deps: WarningDeps,
  recordId: string,
): Promise<WarningCheck> {
  const open: OpenWarning[] = await em.execute(
    `SELECT id::text, rule, kind, dedupe_key, subject_key, subject_region, period FROM records.early_warning
     WHERE state IN ('OPEN', 'ACKNOWLEDGED') AND jsonb_exists(record_ids, ?) AND kind = ANY(?::text[]) ORDER BY id`,
    [recordId, pgArray(RECORD_RULE_KINDS)],
  );
  return { open, held: open.length === 0 ? new Set<string>() : await heldKeys(em, deps, recordId, open) };
}

/**
 * After the correction: raises what the corrected facts now meet (as a push would), and returns the ids of the open
 * warnings whose rule held before and no longer does, for the caller to close (consequences/warnings.ts). A warning
 * that no longer held before the correction (its record's publicity ended since) is not the correction's to close.
 */
export async function checkAfterCorrection(
  em: EntityManager,
  deps: WarningDeps,
  recordId: string,
  before: WarningCheck,
): Promise<string[]> {
  const now = await recordWarnings(em, deps, [recordId], periodsOf(deps, before.open));
  await insertWarnings(em, deps.config, now);
  const held = new Set(now.map((w) => w.dedupe_key));
  return before.open.filter((w) => before.held.has(w.dedupe_key) && !held.has(w.dedupe_key)).map((w) => w.id);
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
         AND ${unraised('c.id')}`,
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
         AND ${unraised('g.id')}`,
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
