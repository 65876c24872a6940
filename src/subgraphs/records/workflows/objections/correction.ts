import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { isIsoDate } from '../../../../common/dates';
import { ConflictError, InputError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { Disclosure, RecordStatus, type RecordCategory, type RecordNature, type Severity } from '../../enums';
import type { CreditPolicy } from '../../policy/credit-policy';
import { publicityTerms } from '../../policy/publicity';
import { recordEvent, WorkflowObjectType } from '../../lifecycle/state-machine';
import { WebhookEvent } from '../../webhooks/events';
import { notifyRecords } from '../../webhooks/outbox';
import type { EffectDeps } from '../../consequences/grounds';
import { closeWarnings } from '../../consequences/warnings';
import type { EvaluationConfig } from '../../policy/evaluation-config';
import { checkAfterCorrection, checkBeforeCorrection } from '../../monitoring/warning.raise';

/** The cause a correction closes a warning with, first part of the CLOSED event's reason. */
export const CORRECTED_BECAUSE = '记录已更正';

export interface RecordCorrection {
  title?: string | null;
  details?: string | null;
  severity?: Severity | null;
  category?: RecordCategory | null;
  decidedAt?: string | null;
  disclosure?: Disclosure | null;
  tolerated?: boolean | null;
}

/** The record's columns the correction changes, each checked; at least one. */
function correctedColumns(correction: RecordCorrection, today: string): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (correction.title != null) {
    if (!correction.title.trim())
      throw new InputError(bilingual('title 不能为空', 'title must not be empty'), { field: 'correction.title' });
    changes.title = correction.title.trim();
  }
  if (correction.details !== undefined) changes.details = correction.details;
  if (correction.severity) changes.severity = correction.severity;
  if (correction.category) changes.category = correction.category;
  if (correction.disclosure) changes.disclosure = correction.disclosure;
  if (correction.tolerated != null) changes.tolerated = correction.tolerated;
  if (correction.decidedAt) {
    if (!isIsoDate(correction.decidedAt) || correction.decidedAt > today)
      throw new InputError(bilingual('decidedAt 须为不晚于今天的日期', 'decidedAt must be a date, not in the future'), {
        field: 'correction.decidedAt',
      });
    changes.decided_at = correction.decidedAt;
  }
  if (Object.keys(changes).length === 0)
    throw new InputError(bilingual('更正须至少修改一个字段', 'a correction changes at least one field'), {
      field: 'correction',
    });
  return changes;
}

/**
 * Copies the record's current version into record_history before a correction: its row and the responsible persons it
 * names (look-up keys), so a corrected naming is kept as well as corrected content.
 */
export async function keepPreviousVersion(em: EntityManager, recordId: string, actor: Principal): Promise<void> {
  await em.execute(
    `INSERT INTO records.record_history (record_id, version, content, changed_by)
     SELECT t.id, t.version, (to_jsonb(t) - 'id') || jsonb_build_object('responsible', coalesce(
              (SELECT jsonb_agg(rr.person_key ORDER BY rr.person_key) FROM records.record_responsible rr
               WHERE rr.record_id = t.id), '[]'::jsonb)), ?
     FROM records.credit_record t WHERE t.id = ?`,
    [actor.clientId, recordId],
  );
}

export interface CorrectionStep {
  actor: Principal;
  policy: CreditPolicy;
  /** The warning rules the corrected record is evaluated against again. */
  evaluation: EvaluationConfig;
  note: string;
  told?: Record<string, string>;
}

/**
 * Writes a corrected version of a record (异议更正): the current content goes to
 * record_history, the record gets version + 1 and its publicity and use periods recomputed
 * under the current policy. The content hash is kept on purpose: a later re-push
 * of the same (uncorrected) content stays UNCHANGED instead of undoing the correction,
 * while a re-push with new content is an ordinary update. The record stays in use, so its listings and measures stand,
 * but its warnings are evaluated again (monitoring/warning.raise.ts, the push's own rules): an open one whose rule the
 * corrected facts no longer meet closes (记录已更正), one they now meet is raised. RECORD_CORRECTED tells the
 * subscribers who may see the corrected record (after the change: a correction that narrows its disclosure tells only
 * who still may see it). Evaluations read the corrected facts on the next read.
 */
export async function correctRecord(
  em: EntityManager,
  deps: EffectDeps,
  recordId: string,
  correction: RecordCorrection,
  step: CorrectionStep,
) {
  const { actor, policy, note } = step;
  const [row] = await em.execute(
    `SELECT nature, category, severity, status, sanction_kind, source_items, to_char(decided_at, 'YYYY-MM-DD') AS decided_at
     FROM records.credit_record WHERE id = ? FOR UPDATE`,
    [recordId],
  );
  if (row.status !== RecordStatus.ACTIVE)
    throw new ConflictError(
      bilingual(`信用记录 ${recordId} 当前为 ${row.status} 状态`, `record ${recordId} is ${row.status}`),
      { state: row.status },
    );
  const changes = correctedColumns(correction, deps.today);
  const terms = publicityTerms(
    {
      nature: row.nature as RecordNature,
      category: (changes.category ?? row.category) as RecordCategory,
      severity: (changes.severity ?? row.severity) as Severity,
      decidedAt: (changes.decided_at ?? row.decided_at) as string,
      sanctionKind: row.sanction_kind,
      sourceItems: row.source_items,
    },
    policy,
  );
  Object.assign(changes, {
    public_until: terms.until,
    repairable_from: terms.repairableFrom,
    usable_until: terms.usableUntil,
  });
  if (!terms.published && changes.disclosure === Disclosure.PUBLIC) changes.disclosure = Disclosure.GOVERNMENT;
  const warnings = { directory: deps.directory, config: step.evaluation, today: deps.today };
  const before = await checkBeforeCorrection(em, warnings, recordId);
  await keepPreviousVersion(em, recordId, actor);
  const columns = Object.keys(changes);
  const [updated] = await em.execute(
    `UPDATE records.credit_record SET ${columns.map((c) => `${c} = ?`).join(', ')}, version = version + 1, updated_at = now() WHERE id = ? RETURNING version`,
    [...columns.map((c) => changes[c]), recordId],
  );
  await recordEvent(
    em,
    WorkflowObjectType.CREDIT_RECORD,
    recordId,
    RecordStatus.ACTIVE,
    RecordStatus.ACTIVE,
    actor,
    `corrected to version ${updated.version}: ${note}`,
  );
  const lapsed = await checkAfterCorrection(em, warnings, recordId, before);
  await closeWarnings(em, { warningIds: lapsed }, `${CORRECTED_BECAUSE}: ${note}`, actor);
  const told = { ...step.told, version: String(updated.version) };
  await notifyRecords(em, deps.directory, WebhookEvent.RECORD_CORRECTED, [recordId], { day: deps.today, extra: told });
}
