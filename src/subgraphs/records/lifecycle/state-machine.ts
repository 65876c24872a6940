import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { ConflictError, InputError, NotFoundError } from '../../../common/errors';
import { parseId } from '../../../common/ids';

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
  /** Row-level right to make this step, checked on the locked row (throw ForbiddenError). */
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
  if (!raw) throw new NotFoundError(`no ${spec.objectType.toLowerCase()} ${request.id}`);
  const row = raw as R;
  await request.authorize?.(row);
  const from = row.state;
  if (!(spec.transitions[from] ?? []).includes(request.to)) {
    throw new ConflictError(
      `${spec.objectType.toLowerCase()} ${request.id} is ${from}: it cannot become ${request.to}`,
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
  if (!text) throw new InputError(`${field} must not be empty`, { field });
  return text;
}
