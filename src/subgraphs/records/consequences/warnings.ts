import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { pgArray } from '../../../db/sql';
import { WorkflowObjectType } from '../lifecycle/state-machine';
import { WarningState } from '../enums';

/**
 * What the warnings to close rested on: retired records, or workflow objects (a resolved case: GOVERNMENT_CASE:7); or
 * the warnings themselves, found by their rule (a correction: monitoring/warning.raise.ts checkAfterCorrection).
 */
export interface WarningBases {
  recordIds?: readonly string[];
  sourceRefs?: readonly string[];
  warningIds?: readonly string[];
}

/**
 * Closes the open (OPEN or ACKNOWLEDGED) warnings that rested on these records or objects, with the reason as the
 * CLOSED event's reason, in the caller's transaction. A warning behind several records (REPEATED_FINDINGS) closes
 * once none of its records is ACTIVE any more: while one stands the warning still says something, and the credit
 * office closes it by hand if the count no longer meets the rule. One statement.
 */
export async function closeWarnings(
  em: EntityManager,
  bases: WarningBases,
  reason: string,
  actor: Principal,
): Promise<string[]> {
  const records = bases.recordIds ?? [];
  const refs = bases.sourceRefs ?? [];
  const ids = bases.warningIds ?? [];
  if (records.length === 0 && refs.length === 0 && ids.length === 0) return [];
  const closed: { id: string }[] = await em.execute(
    `WITH old AS (
       SELECT w.id, w.state FROM records.early_warning w
       WHERE w.state = ANY(?::text[])
         AND ((jsonb_exists_any(w.record_ids, ?::text[])
               AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(w.record_ids) AS x(id)
                               JOIN records.credit_record r ON r.id = x.id::bigint WHERE r.status = 'ACTIVE'))
              OR w.source_ref = ANY(?::text[]) OR w.id = ANY(?::bigint[]))
       FOR UPDATE
     ), closed AS (
       UPDATE records.early_warning w SET state = ?, updated_at = now() FROM old WHERE w.id = old.id
       RETURNING w.id, old.state AS from_state
     ), events AS (
       INSERT INTO records.workflow_event (object_type, object_id, from_state, to_state, actor_sub, actor_role, reason)
       SELECT ?, c.id, c.from_state, ?, ?, ?, ? FROM closed c ORDER BY c.id RETURNING 1
     )
     SELECT id::text FROM closed ORDER BY id`,
    [
      pgArray([WarningState.OPEN, WarningState.ACKNOWLEDGED]),
      pgArray(records),
      pgArray(refs),
      pgArray(ids),
      WarningState.CLOSED,
      WorkflowObjectType.EARLY_WARNING,
      WarningState.CLOSED,
      actor.clientId,
      actor.role,
      reason,
    ],
  );
  return closed.map((w) => w.id);
}
