import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { ConflictError, InputError, NotFoundError } from '../../../common/errors';
import { parseId } from '../../../common/ids';
import { bilingual, type Bilingual } from '../../../common/language';

/** The kinds of workflow object; the value is what WorkflowEvent.objectType holds. */
export enum WorkflowObjectType {
  COMMITMENT = 'COMMITMENT',
  OBJECTION = 'OBJECTION',
  REPAIR = 'REPAIR',
  CREDIT_RECORD = 'CREDIT_RECORD',
  JOINT_MEASURE = 'JOINT_MEASURE',
  COMPLAINT = 'COMPLAINT',
  GOVERNMENT_CASE = 'GOVERNMENT_CASE',
  EARLY_WARNING = 'EARLY_WARNING',
  INTEGRITY_OPINION = 'INTEGRITY_OPINION',
}

/** What each workflow object is called in messages (the English as the type's name has always read). */
export const OBJECT_NAMES: Record<WorkflowObjectType, Bilingual> = {
  [WorkflowObjectType.COMMITMENT]: bilingual('信用承诺', 'commitment'),
  [WorkflowObjectType.OBJECTION]: bilingual('异议申请', 'objection'),
  [WorkflowObjectType.REPAIR]: bilingual('信用修复申请', 'repair'),
  [WorkflowObjectType.CREDIT_RECORD]: bilingual('信用记录', 'credit_record'),
  [WorkflowObjectType.JOINT_MEASURE]: bilingual('联合奖惩措施', 'joint_measure'),
  [WorkflowObjectType.COMPLAINT]: bilingual('投诉举报', 'complaint'),
  [WorkflowObjectType.GOVERNMENT_CASE]: bilingual('涉府案件', 'government_case'),
  [WorkflowObjectType.EARLY_WARNING]: bilingual('预警', 'early_warning'),
  [WorkflowObjectType.INTEGRITY_OPINION]: bilingual('廉政意见征求', 'integrity_opinion'),
};

/** NOT_FOUND's words for a workflow object: `没有信用承诺 12` / `no commitment 12` (`visible`: that you may see). */
export function noSuchObject(type: WorkflowObjectType, id: string, visible = false): Bilingual {
  const name = OBJECT_NAMES[type];
  return visible
    ? bilingual(`没有您可查看的${name.zh} ${id}`, `no ${name.en} ${id} visible to you`)
    : bilingual(`没有${name.zh} ${id}`, `no ${name.en} ${id}`);
}

/** A workflow: its table (with `id`, `state`, `updated_at`) and its legal transitions. */
export interface WorkflowSpec<S extends string> {
  objectType: WorkflowObjectType;
  table: string;
  /** Column holding the state (default `state`). */
  stateColumn?: string;
  transitions: Readonly<Record<S, readonly S[]>>;
}

export interface TransitionRequest<S extends string, R> {
  id: string;
  to: S;
  actor: Principal;
  reason?: string | null;
  /** Row-level right to make this step, checked on the locked row (demand a step right: src/auth/step-rights.ts). */
  authorize?: (row: R) => void | Promise<void>;
  /** Further columns written with the new state (column -> value). */
  set?: (row: R) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** Ids of workflow objects are checked like every id (common/ids.ts). */
export const checkId = parseId;

/**
 * The one state-machine step every workflow uses, inside the caller's transaction: lock the
 * row (FOR UPDATE, so two racing steps serialise and the loser sees the winner's state),
 * check the caller's right on that row, check the step is legal from the current state
 * (CONFLICT naming it otherwise), write the new state and an event.
 */
export async function transition<S extends string, R extends { state: S }>(
  em: EntityManager,
  spec: WorkflowSpec<S>,
  request: TransitionRequest<S, R>,
): Promise<{ from: S; row: R }> {
  const stateColumn = spec.stateColumn ?? 'state';
  const [raw] = await em.execute(
    `SELECT t.*, t.${stateColumn} AS state FROM ${spec.table} t WHERE t.id = ? FOR UPDATE`,
    [checkId(request.id)],
  );
  if (!raw) throw new NotFoundError(noSuchObject(spec.objectType, request.id));
  const row = raw as R;
  await request.authorize?.(row);
  const from = row.state;
  if (!(spec.transitions[from] ?? []).includes(request.to)) {
    const name = OBJECT_NAMES[spec.objectType];
    throw new ConflictError(
      bilingual(
        `${name.zh} ${request.id} 当前为 ${from} 状态，不能变为 ${request.to}`,
        `${name.en} ${request.id} is ${from}: it cannot become ${request.to}`,
      ),
      { state: from },
    );
  }
  const extra = (await request.set?.(row)) ?? {};
  const columns = Object.keys(extra);
  await em.execute(
    `UPDATE ${spec.table} SET ${stateColumn} = ?, updated_at = now()${columns.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`,
    [request.to, ...columns.map((c) => extra[c]), request.id],
  );
  await recordEvent(em, spec.objectType, request.id, from, request.to, request.actor, request.reason);
  return { from, row };
}

/** Writes one event; `from` null = the object was created in state `to`. */
export async function recordEvent(
  em: EntityManager,
  objectType: WorkflowObjectType,
  objectId: string,
  from: string | null,
  to: string,
  actor: Principal,
  reason?: string | null,
): Promise<void> {
  await em.execute(
    'INSERT INTO records.workflow_event (object_type, object_id, from_state, to_state, actor_sub, actor_role, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [objectType, objectId, from, to, actor.clientId, actor.role, reason ?? null],
  );
}

/** A required free-text input, trimmed; BAD_USER_INPUT naming the field when empty. */
export function required(value: string | null | undefined, field: string): string {
  const text = value?.trim();
  if (!text) throw new InputError(bilingual(`${field} 不能为空`, `${field} must not be empty`), { field });
  return text;
}
