import { pgArray } from '../../../../db/sql';
import type { SqlFragment } from '../../../../db/finder';
import { CommitmentStatus, type CommitmentKind } from './commitment.entity';

/**
 * Filter on shown statuses: OVERDUE and PENDING split the stored PENDING state on the due
 * date, evaluated on the request's date (no job marks anything overdue).
 */
export function commitmentFilterSql(
  filter: { statuses?: CommitmentStatus[] | null; kinds?: CommitmentKind[] | null },
  subjectKeys: string[] | null,
  today: string,
): SqlFragment {
  const clauses = ['true'];
  const params: unknown[] = [];
  if (filter.statuses?.length) {
    const alternatives: string[] = [];
    for (const status of filter.statuses) {
      if (status === CommitmentStatus.OVERDUE)
        alternatives.push(`(t.state = 'PENDING' AND t.due_on < ?::date)`) && params.push(today);
      else if (status === CommitmentStatus.PENDING)
        alternatives.push(`(t.state = 'PENDING' AND t.due_on >= ?::date)`) && params.push(today);
      else alternatives.push('t.state = ?') && params.push(status);
    }
    clauses.push(`(${alternatives.join(' OR ')})`);
  }
  if (filter.kinds?.length) clauses.push('t.kind = ANY(?::text[])') && params.push(pgArray(filter.kinds));
  if (subjectKeys) clauses.push('t.subject_key = ANY(?::text[])') && params.push(pgArray(subjectKeys));
  return { sql: clauses.join(' AND '), params };
}
