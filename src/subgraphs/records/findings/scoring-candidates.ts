import { pgArray, type SqlFragment } from '../../../db/sql';

/** A record that may count for a credit status, with whether the caller may read it. */
export interface ScoringCandidate {
  id: string;
  subject_key: string;
  nature: string;
  category: string;
  severity: string;
  status: string;
  tolerated: boolean;
  decided_at: string;
  public_until: string;
  disclosure: string;
  /** recordVisibility for the caller: whether the record may be cited to it. */
  visible: boolean;
}

/**
 * The records that may count for the status of the subjects in `keys`, alias `r` on records.credit_record: ACTIVE
 * and still public on `today`. The SQL only narrows; scoring.recordCounts decides. Read with the listings in force in
 * one statement (lists/check-facts.ts, which names the id and subject key apart from a listing's): by the interception
 * facts and by the status loader (loaders.ts `scoring`).
 */
export function mayCount(keys: readonly string[] | SqlFragment, today: string): SqlFragment {
  // `keys` as SQL: an array expression the caller already has in its statement (lists/check-facts.ts).
  const set = 'sql' in keys ? keys : { sql: '?::text[]', params: [pgArray(keys)] };
  return {
    sql: `r.subject_key = ANY(${set.sql}) AND r.status = 'ACTIVE' AND r.public_until >= ?::date`,
    params: [...set.params, today],
  };
}

/** A candidate's columns but its id and subject key, in this order; `visible` is the caller's recordVisibility. */
export const CANDIDATE_COLUMNS = [
  'nature',
  'category',
  'severity',
  'status',
  'tolerated',
  'disclosure',
  'visible',
  'decided_at',
  'public_until',
] as const;

export function candidateColumns(visibility: SqlFragment): SqlFragment {
  return {
    sql: `r.nature, r.category, r.severity, r.status, r.tolerated, r.disclosure, (${visibility.sql}) AS visible,
      to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, to_char(r.public_until, 'YYYY-MM-DD') AS public_until`,
    params: visibility.params,
  };
}
