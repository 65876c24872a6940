import { allOf, anyOf, oneOf, pgArray, TRUE, type SqlFragment } from '../../../../db/sql';
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
  const status = (value: CommitmentStatus): SqlFragment => {
    if (value === CommitmentStatus.OVERDUE)
      return { sql: `t.state = 'PENDING' AND t.due_on < ?::date`, params: [today] };
    if (value === CommitmentStatus.PENDING)
      return { sql: `t.state = 'PENDING' AND t.due_on >= ?::date`, params: [today] };
    return { sql: 't.state = ?', params: [value] };
  };
  return allOf(
    filter.statuses?.length ? anyOf(...filter.statuses.map(status)) : TRUE,
    oneOf('t.kind', filter.kinds),
    // null = every subject; [] = none.
    subjectKeys ? { sql: 't.subject_key = ANY(?::text[])', params: [pgArray(subjectKeys)] } : TRUE,
  );
}
