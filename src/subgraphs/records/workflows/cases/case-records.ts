import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { pgArray } from '../../../../db/sql';
import { RecordStatus } from '../../enums';
import type { EffectDeps, RetiredStatus } from '../../consequences/grounds';
import { closeWarnings } from '../../consequences/warnings';
import { retireRecord } from '../../consequences/record-effects';
import { CaseResolution } from './case.entity';

/**
 * A case number as either side writes it, for matching: courts' systems differ in spaces and in the brackets around
 * the year (（2025）, (2025), 〔2025〕).
 */
const caseNumber = (column: string) => `translate(regexp_replace(${column}, '\\s+', '', 'g'), '（）〔〕[]', '()()()')`;

const MATCH = `r.subject_key = g.subject_key AND r.category = 'ENFORCEMENT_DEFAULT' AND r.document_no IS NOT NULL
  AND ${caseNumber('r.document_no')} = ${caseNumber('g.external_id')}`;

/**
 * Links government cases and ENFORCEMENT_DEFAULT records of the same subject whose document number (documentNo) is
 * the case number, for the cases or records just written: whichever of the two arrives second makes the link, and a
 * re-push that changes the number moves it. Two statements; none when nothing was written.
 */
export async function linkCaseRecords(
  em: EntityManager,
  written: { caseIds?: readonly string[]; recordIds?: readonly string[] },
): Promise<void> {
  const side = written.caseIds?.length ? 'case' : written.recordIds?.length ? 'record' : null;
  if (!side) return;
  const ids = pgArray((side === 'case' ? written.caseIds : written.recordIds)!);
  const mine = side === 'case' ? 'g.id' : 'r.id';
  await em.execute(
    `DELETE FROM records.case_record cr WHERE cr.${side}_id = ANY(?::bigint[])
       AND NOT EXISTS (SELECT 1 FROM records.government_case g JOIN records.credit_record r ON ${MATCH}
                       WHERE g.id = cr.case_id AND r.id = cr.record_id)`,
    [ids],
  );
  await em.execute(
    `INSERT INTO records.case_record (case_id, record_id)
     SELECT g.id, r.id FROM records.government_case g JOIN records.credit_record r ON ${MATCH}
     WHERE ${mine} = ANY(?::bigint[]) ORDER BY g.id, r.id
     ON CONFLICT DO NOTHING`,
    [ids],
  );
}

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
