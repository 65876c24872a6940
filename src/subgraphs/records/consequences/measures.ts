import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { pgArray } from '../../../db/sql';
import { notifyMeasures } from './measure-outbox';
import { WorkflowObjectType } from '../lifecycle/state-machine';
import { MeasureState } from '../enums';
import type { EffectDeps, LiftGrounds } from './grounds';

/** The states in which a measure is or may come to be applied (NOT_APPLICABLE never was): lifting ends each. */
export const LIFTABLE_STATES: readonly MeasureState[] = [
  MeasureState.INITIATED,
  MeasureState.ACCEPTED,
  MeasureState.FED_BACK,
];

/** The bases whose measures a consequence lifts: records retired, listings ended. */
export interface LiftedBases {
  recordIds?: readonly string[];
  listingIds?: readonly string[];
}

/**
 * Joint measures resting on these records or listings move to LIFTED in the caller's transaction, with the grounds
 * (reason, legal basis) and when, one workflow event each (from the state each was in), and MEASURE_LIFTED goes out
 * through the outbox. The LIFTED state is the implementing unit's task: it confirms with confirmMeasureLifted.
 * One statement for the lift and its events, one or two for the outbox. Returns the ids lifted.
 */
export async function liftMeasures(
  em: EntityManager,
  deps: EffectDeps,
  bases: LiftedBases,
  grounds: LiftGrounds,
  actor: Principal,
): Promise<string[]> {
  const records = bases.recordIds ?? [];
  const listings = bases.listingIds ?? [];
  if (records.length === 0 && listings.length === 0) return [];
  const lifted: { id: string }[] = await em.execute(
    `WITH old AS (
       SELECT m.id, m.state FROM records.joint_measure m
       WHERE ((m.basis_type = 'RECORD' AND m.basis_id = ANY(?::bigint[])) OR (m.basis_type = 'LISTING' AND m.basis_id = ANY(?::bigint[])))
         AND m.state = ANY(?::text[])
       FOR UPDATE
     ), lifted AS (
       UPDATE records.joint_measure m SET state = ?, lift_reason = ?, lift_basis = ?, lifted_at = now(), updated_at = now()
       FROM old WHERE m.id = old.id RETURNING m.id, old.state AS from_state
     ), events AS (
       INSERT INTO records.workflow_event (object_type, object_id, from_state, to_state, actor_sub, actor_role, reason)
       SELECT ?, l.id, l.from_state, ?, ?, ?, ? FROM lifted l ORDER BY l.id RETURNING 1
     )
     SELECT id::text FROM lifted ORDER BY id`,
    [
      pgArray(records),
      pgArray(listings),
      pgArray(LIFTABLE_STATES),
      MeasureState.LIFTED,
      grounds.reason,
      grounds.basis,
      WorkflowObjectType.JOINT_MEASURE,
      MeasureState.LIFTED,
      actor.clientId,
      actor.role,
      grounds.reason,
    ],
  );
  const ids = lifted.map((m) => m.id);
  await notifyMeasures(em, deps.directory, ids);
  return ids;
}
