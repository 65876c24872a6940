import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { recordEvent, WorkflowObjectType } from '../../lifecycle/state-machine';
import { keepPreviousVersion } from './correction';

/**
 * Corrects a naming (惩戒到人) on the decision of a NAMING objection, in the caller's transaction: the record's
 * current version goes to record_history (with the persons it named), the objecting person leaves
 * record_responsible, `replacementKey` (another registered civil servant) takes the place if given, and the record
 * gets version + 1 and an event. Its finding, status and content hash stay: a re-push of the same original content
 * stays UNCHANGED instead of naming the person again (as for correctRecord). Whoever no longer is named no longer sees
 * the record through conditions.ownRecord.
 */
export async function correctNaming(
  em: EntityManager,
  recordId: string,
  personKey: string,
  replacementKey: string | null,
  actor: Principal,
  note: string,
): Promise<void> {
  const [record] = await em.execute(`SELECT status FROM records.credit_record WHERE id = ? FOR UPDATE`, [recordId]);
  await keepPreviousVersion(em, recordId, actor);
  await em.execute(`DELETE FROM records.record_responsible WHERE record_id = ? AND person_key = ?`, [
    recordId,
    personKey,
  ]);
  if (replacementKey)
    await em.execute(
      `INSERT INTO records.record_responsible (record_id, person_key) VALUES (?, ?) ON CONFLICT DO NOTHING`,
      [recordId, replacementKey],
    );
  const [updated] = await em.execute(
    `UPDATE records.credit_record SET version = version + 1, updated_at = now() WHERE id = ? RETURNING version`,
    [recordId],
  );
  const change = replacementKey ? 'responsible person replaced' : 'responsible person removed';
  await recordEvent(
    em,
    WorkflowObjectType.CREDIT_RECORD,
    recordId,
    record.status,
    record.status,
    actor,
    `naming corrected to version ${updated.version} (${change}): ${note}`,
  );
}
