import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubjectDirectory } from '../../../common/subject-directory';
import { pgArray } from '../../../db/sql';
import { measureVisibility } from './measure-visibility';
import { WebhookEvent } from '../webhooks/events';
import { SUBJECT_JSON, watchersOf } from '../webhooks/outbox';

/** What a MEASURE_LIFTED delivery tells: the measure as its readers see it in jointMeasures (no note or response). */
const MEASURE_JSON = `jsonb_build_object(
  'id', t.id::text, 'basisType', t.basis_type, 'basisId', t.basis_id::text, 'kind', t.kind,
  'implementingUnitCode', t.implementing_unit_code, 'state', t.state, 'liftReason', t.lift_reason,
  'liftBasis', t.lift_basis, 'liftedAt', t.lifted_at)`;

/**
 * MEASURE_LIFTED for these measures, to each subscriber watching their subject that may read the measure by its own
 * rule (workflows/context.ts measureVisibility, with the principal the subscriber registered with): the subject, the
 * initiator, the implementing unit, the credit office of the jurisdiction. One statement to find the subscribers, one
 * INSERT … SELECT per owner; none when nobody subscribes.
 */
export async function notifyMeasures(
  em: EntityManager,
  directory: SubjectDirectory,
  measureIds: readonly string[],
): Promise<void> {
  if (measureIds.length === 0) return;
  const event = WebhookEvent.MEASURE_LIFTED;
  // A civil servant's measures are part of their standing: only who may still watch the person is told.
  for (const { subscriber, owner } of await watchersOf(em, directory, 'joint_measure', measureIds, event)) {
    const scope = measureVisibility(owner, subscriber.self_key ?? undefined);
    await em.execute(
      `INSERT INTO records.webhook_delivery (subscription_id, event, payload)
       SELECT w.subscription_id, ?, jsonb_build_object('subject', ${SUBJECT_JSON}, 'measure', ${MEASURE_JSON})
       FROM records.joint_measure t
       JOIN records.webhook_watch w ON w.subject_key = t.subject_key
       WHERE t.id = ANY(?::bigint[]) AND w.subscription_id = ANY(?::bigint[]) AND t.subject_key = ANY(?::text[])
         AND ${scope.sql}
       ORDER BY t.id, w.subscription_id`,
      [event, pgArray(measureIds), pgArray(subscriber.ids), pgArray(subscriber.subject_keys), ...scope.params],
    );
  }
}
