import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../../db/sql';

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
 * re-push that changes the number moves it. Two statements; none when nothing was written, one when every record
 * was just created (`created`: those ids, which no link can name yet, so there is nothing to move).
 */
export async function linkCaseRecords(
  em: EntityManager,
  written: { caseIds?: readonly string[]; recordIds?: readonly string[]; created?: ReadonlySet<string> },
): Promise<void> {
  const side = written.caseIds?.length ? 'case' : written.recordIds?.length ? 'record' : null;
  if (!side) return;
  const all = (side === 'case' ? written.caseIds : written.recordIds)!;
  const ids = pgArray(all);
  const mine = side === 'case' ? 'g.id' : 'r.id';
  const linked = side === 'record' && written.created ? all.filter((id) => !written.created!.has(id)) : all;
  if (linked.length > 0) {
    await em.execute(
      `DELETE FROM records.case_record cr WHERE cr.${side}_id = ANY(?::bigint[])
         AND NOT EXISTS (SELECT 1 FROM records.government_case g JOIN records.credit_record r ON ${MATCH}
                         WHERE g.id = cr.case_id AND r.id = cr.record_id)`,
      [pgArray(linked)],
    );
  }
  await em.execute(
    `INSERT INTO records.case_record (case_id, record_id)
     SELECT g.id, r.id FROM records.government_case g JOIN records.credit_record r ON ${MATCH}
     WHERE ${mine} = ANY(?::bigint[]) ORDER BY g.id, r.id
     ON CONFLICT DO NOTHING`,
    [ids],
  );
}
