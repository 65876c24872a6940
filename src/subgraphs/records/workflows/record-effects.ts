import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { RecordStatus } from '../enums';
import { notifyListings } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';
import { transition, WorkflowObjectType, type WorkflowSpec } from '../lifecycle/state-machine';

/**
 * A record's own lifecycle as a workflow: objections (revoke), repairs and settlement by rule (arrears repaid in
 * full) move it, each step an event of type CREDIT_RECORD. Once out of ACTIVE a record stays so.
 */
export const RECORD_LIFECYCLE: WorkflowSpec<RecordStatus> = {
  objectType: WorkflowObjectType.CREDIT_RECORD,
  table: 'records.credit_record',
  stateColumn: 'status',
  transitions: {
    [RecordStatus.ACTIVE]: [RecordStatus.REPAIRED, RecordStatus.REVOKED, RecordStatus.SETTLED],
    [RecordStatus.REPAIRED]: [],
    [RecordStatus.REVOKED]: [],
    [RecordStatus.SETTLED]: [],
  },
};

/** Why a listing ended, by the status its record left ACTIVE for (listing.delist_reason). */
const RETIRED_BECAUSE = {
  [RecordStatus.REPAIRED]: '信用修复',
  [RecordStatus.REVOKED]: '异议撤销',
  [RecordStatus.SETTLED]: '履行完毕',
} as const;

/**
 * Takes a record out of use (repaired or revoked) in the caller's transaction, and ends the
 * listings that rested only on records no longer ACTIVE: a repair lifts the punishment
 * measures too (NDRC Order No. 36), so blacklistCheck and credit status drop them at once.
 */
export async function retireRecord(
  em: EntityManager,
  recordId: string,
  to: RecordStatus.REPAIRED | RecordStatus.REVOKED | RecordStatus.SETTLED,
  actor: Principal,
  reason: string,
) {
  await transition(em, RECORD_LIFECYCLE, { id: recordId, to, actor, reason });
  const ended: { id: string }[] = await em.execute(
    `UPDATE records.listing l SET delisted_at = now(), delist_reason = ?, delisted_by = ?
     WHERE l.delisted_at IS NULL
       AND l.id IN (SELECT lr.listing_id FROM records.listing_record lr WHERE lr.record_id = ?)
       AND NOT EXISTS (SELECT 1 FROM records.listing_record lr JOIN records.credit_record r ON r.id = lr.record_id
                       WHERE lr.listing_id = l.id AND r.status = 'ACTIVE')
     RETURNING l.id::text`,
    [`${RETIRED_BECAUSE[to]}: record ${recordId}`, actor.clientId, recordId],
  );
  await notifyListings(
    em,
    WebhookEvent.DELISTED,
    ended.map((l) => l.id),
  );
}

/**
 * The rule that ends a finding once it is performed in full (清欠: the arrears repaid; later also a performed
 * judgment): ACTIVE → SETTLED through retireRecord, in the caller's transaction, so what rests on the record ends
 * exactly as after a repair or a revocation.
 */
export function settleRecord(em: EntityManager, recordId: string, actor: Principal, reason: string) {
  return retireRecord(em, recordId, RecordStatus.SETTLED, actor, reason);
}

/** The facts of a record a workflow needs, read without the viewer's filter (the caller checks rights). */
export interface RecordFacts {
  id: string;
  subject_key: string;
  subject_region: string;
  nature: string;
  status: RecordStatus;
  source_system: string;
  deciding_authority_code: string | null;
  repairable_from: string;
  public_until: string;
}

/** Locks the record row (FOR UPDATE) so a workflow step on it serialises with others. */
export async function lockRecord(em: EntityManager, recordId: string): Promise<RecordFacts | null> {
  const [row] = await em.execute(
    `SELECT id::text, subject_key, subject_region, nature, status, source_system, deciding_authority_code,
            to_char(repairable_from, 'YYYY-MM-DD') AS repairable_from, to_char(public_until, 'YYYY-MM-DD') AS public_until
     FROM records.credit_record WHERE id = ? FOR UPDATE`,
    [recordId],
  );
  return (row as RecordFacts) ?? null;
}
