import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { RecordStatus } from '../enums';
import { notifyListings, notifyRecords, type RecordEvent } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';
import { transition, WorkflowObjectType, type WorkflowSpec } from '../lifecycle/state-machine';
import { RETIRED_BECAUSE, retiredGrounds, type EffectDeps, type RetiredStatus } from './grounds';
import { liftMeasures } from './measures';
import { closeWarnings } from './warnings';

/**
 * A record's own lifecycle as a workflow: objections (revoke), repairs, settlement by rule (arrears repaid in full, a
 * linked case performed) and the pushing system's withdrawal move it, each step an event of type CREDIT_RECORD. Once
 * out of ACTIVE a record stays so.
 */
export const RECORD_LIFECYCLE: WorkflowSpec<RecordStatus> = {
  objectType: WorkflowObjectType.CREDIT_RECORD,
  table: 'records.credit_record',
  stateColumn: 'status',
  transitions: {
    [RecordStatus.ACTIVE]: [RecordStatus.REPAIRED, RecordStatus.REVOKED, RecordStatus.SETTLED, RecordStatus.WITHDRAWN],
    [RecordStatus.REPAIRED]: [],
    [RecordStatus.REVOKED]: [],
    [RecordStatus.SETTLED]: [],
    [RecordStatus.WITHDRAWN]: [],
  },
};

/** The webhook that tells a record's retirement, by the status it leaves ACTIVE for. */
const RETIRED_EVENT: Record<RetiredStatus, RecordEvent> = {
  [RecordStatus.REPAIRED]: WebhookEvent.RECORD_REPAIRED,
  [RecordStatus.REVOKED]: WebhookEvent.RECORD_REVOKED,
  [RecordStatus.SETTLED]: WebhookEvent.RECORD_SETTLED,
  [RecordStatus.WITHDRAWN]: WebhookEvent.RECORD_WITHDRAWN,
};

/**
 * Takes a record out of use (repaired, revoked, settled, withdrawn) in the caller's transaction, with everything that
 * rests on it (docs/workflows.md "Consequences"; NDRC Order No. 36: publicity and use stop):
 * 1. its webhook (RECORD_REPAIRED …) to the subscribers who can see it now, before it leaves their view;
 * 2. the record's transition and event;
 * 3. the listings that rested only on records no longer ACTIVE end (DELISTED);
 * 4. the open warnings resting on it close (consequences/warnings.ts);
 * 5. the joint measures on the record and on those listings are LIFTED (MEASURE_LIFTED).
 * Evaluations and unpublished rankings read record status live, so they follow on the next read. `told`: extra
 * payload fields of the record's webhook (e.g. the repair application).
 */
export async function retireRecord(
  em: EntityManager,
  deps: EffectDeps,
  recordId: string,
  retirement: { to: RetiredStatus; actor: Principal; reason: string; told?: Record<string, string> },
) {
  const { to, actor, reason } = retirement;
  const told = { day: deps.today, extra: retirement.told, status: to };
  await notifyRecords(em, deps.directory, RETIRED_EVENT[to], [recordId], told);
  await transition(em, RECORD_LIFECYCLE, { id: recordId, to, actor, reason });
  const grounds = retiredGrounds(to, reason);
  const ended: { id: string }[] = await em.execute(
    `UPDATE records.listing l SET delisted_at = now(), delist_reason = ?, delisted_by = ?
     WHERE l.delisted_at IS NULL
       AND l.id IN (SELECT lr.listing_id FROM records.listing_record lr WHERE lr.record_id = ?)
       AND NOT EXISTS (SELECT 1 FROM records.listing_record lr JOIN records.credit_record r ON r.id = lr.record_id
                       WHERE lr.listing_id = l.id AND r.status = 'ACTIVE')
     RETURNING l.id::text`,
    [`${RETIRED_BECAUSE[to]}: record ${recordId}`, actor.clientId, recordId],
  );
  const listingIds = ended.map((l) => l.id);
  await notifyListings(em, WebhookEvent.DELISTED, listingIds);
  await closeWarnings(em, { recordIds: [recordId] }, grounds.reason, actor);
  await liftMeasures(em, deps, { recordIds: [recordId], listingIds }, grounds, actor);
}

/**
 * The rule that ends a finding once it is performed in full (清欠: the arrears repaid; a linked case performed or
 * settled): ACTIVE → SETTLED through retireRecord, in the caller's transaction, so what rests on the record ends
 * exactly as after a repair or a revocation.
 */
export function settleRecord(em: EntityManager, deps: EffectDeps, recordId: string, actor: Principal, reason: string) {
  return retireRecord(em, deps, recordId, { to: RecordStatus.SETTLED, actor, reason });
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
