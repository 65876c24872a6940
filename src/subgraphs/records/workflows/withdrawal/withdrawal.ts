import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { checkEach, InputError, itemError, refuseInvalid, type InvalidItem } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { pgArray } from '../../../../db/sql';
import { RecordStatus } from '../../enums';
import { required } from '../../lifecycle/state-machine';
import type { EffectDeps } from '../../consequences/grounds';
import { retireRecord } from '../../consequences/record-effects';

export const MAX_WITHDRAW_BATCH = 500;

/** What withdrawRecords did with one external id. */
export interface Withdrawal {
  index: number;
  externalId: string;
  recordId: string;
  /** False when the record was WITHDRAWN already (a retried call changes nothing). */
  withdrawn: boolean;
}

type Item = { index: number; externalId: string };

/** Each id on its own and against the batch: non-empty, not twice. */
function checkIds(externalIds: string[]): Item[] {
  if (!externalIds?.length || externalIds.length > MAX_WITHDRAW_BATCH)
    throw new InputError(
      bilingual(`每次撤回 1 至 ${MAX_WITHDRAW_BATCH} 条记录`, `withdraw 1 to ${MAX_WITHDRAW_BATCH} records per call`),
      { field: 'externalIds' },
    );
  const { valid, invalid } = checkEach(externalIds, (raw, index) => {
    const externalId = raw?.trim();
    if (!externalId)
      throw itemError({ index, field: 'externalIds', message: bilingual('不能为空', 'must not be empty') });
    return { index, externalId };
  });
  const seen = new Map<string, number>();
  for (const item of valid) {
    const earlier = seen.get(item.externalId);
    if (earlier === undefined) seen.set(item.externalId, item.index);
    else
      invalid.push({
        index: item.index,
        field: 'externalIds',
        message: bilingual(`与 externalIds[${earlier}] 重复`, `same as externalIds[${earlier}]`),
      });
  }
  refuseInvalid(invalid);
  return valid;
}

/** An id that names no record this system pushed (in this role), or one already out of use for another reason. */
function refusal(item: Item, row: { status: RecordStatus } | undefined): InvalidItem[] {
  if (!row)
    return [
      {
        index: item.index,
        field: 'externalIds',
        message: bilingual('您的系统没有推送过该记录', 'no record your system pushed has this externalId'),
      },
    ];
  if (row.status === RecordStatus.ACTIVE || row.status === RecordStatus.WITHDRAWN) return [];
  return [
    {
      index: item.index,
      field: 'externalIds',
      message: bilingual(`该记录当前为 ${row.status} 状态，不能撤回`, `the record is ${row.status}`),
      details: { status: row.status },
    },
  ];
}

/**
 * withdrawRecords: the system that pushed records takes them back (a court's enforcement ended, a finding set aside by
 * its own authority), all or nothing, in one transaction. Only its own pushes are found (source system and role), so
 * another system's external ids are simply unknown to it. Each ACTIVE record becomes WITHDRAWN through retireRecord,
 * with every consequence of a retirement; a record already WITHDRAWN is answered unchanged (retry-safe).
 */
export async function withdrawRecords(
  em: EntityManager,
  viewer: Principal,
  deps: EffectDeps,
  request: { externalIds: string[]; reason: string },
): Promise<Withdrawal[]> {
  const reason = required(request.reason, 'reason');
  const items = checkIds(request.externalIds);
  return em.transactional(async (tx) => {
    const rows: { id: string; external_id: string; status: RecordStatus }[] = await tx.execute(
      `SELECT id::text, external_id, status FROM records.credit_record
       WHERE source_system = ? AND source_role = ? AND external_id = ANY(?::text[]) ORDER BY id FOR UPDATE`,
      [viewer.clientId, viewer.role, pgArray(items.map((i) => i.externalId))],
    );
    const byId = new Map(rows.map((r) => [r.external_id, r]));
    refuseInvalid(items.flatMap((item) => refusal(item, byId.get(item.externalId))));
    const results: Withdrawal[] = [];
    for (const item of items) {
      const row = byId.get(item.externalId)!;
      const withdrawn = row.status === RecordStatus.ACTIVE;
      if (withdrawn)
        await retireRecord(tx, deps, row.id, { to: RecordStatus.WITHDRAWN, actor: viewer, reason: `撤回: ${reason}` });
      results.push({ index: item.index, externalId: item.externalId, recordId: row.id, withdrawn });
    }
    return results;
  });
}
