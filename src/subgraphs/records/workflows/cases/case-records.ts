import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { RecordStatus } from '../../enums';
import type { EffectDeps, RetiredStatus } from '../../consequences/grounds';
import { closeWarnings } from '../../consequences/warnings';
import { retireRecord } from '../../consequences/record-effects';
import { CaseResolution } from './case.entity';

/**
 * What a resolution does to the case's records (SPC rules on 失信被执行人: the entry is removed once the judgment is
 * performed or a settlement is: SETTLED; the enforcement application is withdrawn: WITHDRAWN). CONCLUDED (审结/终结) leaves
 * them: an enforcement ended without performance does not clear the default; the court withdraws its records itself
 * (withdrawRecords) where its rule says so.
 */
const CASE_RETIRES: Record<CaseResolution, RetiredStatus | null> = {
  [CaseResolution.PERFORMED]: RecordStatus.SETTLED,
  [CaseResolution.SETTLED]: RecordStatus.SETTLED,
  [CaseResolution.WITHDRAWN]: RecordStatus.WITHDRAWN,
  [CaseResolution.CONCLUDED]: null,
};

/**
 * The consequences of resolving a case, in the caller's transaction: its warnings close
 * (ENFORCEMENT_DEFAULT_UNRESOLVED, by source GOVERNMENT_CASE:id), and by CASE_RETIRES its linked ACTIVE records retire
 * with everything that rests on them.
 */
export async function resolveConsequences(
  em: EntityManager,
  deps: EffectDeps,
  resolved: { caseId: string; how: CaseResolution; note: string; actor: Principal },
): Promise<void> {
  const { caseId, how, note, actor } = resolved;
  const reason = `case ${caseId} ${how}: ${note}`;
  await closeWarnings(em, { sourceRefs: [`GOVERNMENT_CASE:${caseId}`] }, `案件已结: ${reason}`, actor);
  const to = CASE_RETIRES[how];
  if (!to) return;
  const linked: { id: string }[] = await em.execute(
    `SELECT r.id::text FROM records.case_record cr JOIN records.credit_record r ON r.id = cr.record_id
     WHERE cr.case_id = ? AND r.status = 'ACTIVE' ORDER BY r.id`,
    [caseId],
  );
  for (const record of linked) await retireRecord(em, deps, record.id, { to, actor, reason });
}
