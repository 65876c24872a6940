import { pgArray, type SqlFragment } from '../../../db/sql';
import type { RecordsContext } from '../context';
import { recordVisibility } from '../findings/record.repository';
import type { WorkflowCountRow } from '../lists/check-facts';
import { measuresInForce } from '../lists/in-force';

/** Joint measures in force and breached commitments of a subject: all of them, and those resting on readable rows. */
export interface WorkflowCounts {
  measures: number;
  visibleMeasures: number;
  breaches: number;
  visibleBreaches: number;
}

const NONE: WorkflowCounts = { measures: 0, visibleMeasures: 0, breaches: 0, visibleBreaches: 0 };

/**
 * The credit review's workflow facts for any batch, as rows of (kind, key, n, visible), read in the interception facts'
 * statement (lists/check-facts.ts). A measure is readable when it rests on a listing (public) or on a record the caller
 * may read (recordVisibility); a breached commitment when its breach record is. Derived counts follow their rows: the
 * review tells the readable counts, the totals only where a person's standing is released (status/review.ts).
 */
export function workflowCountsSql(ctx: RecordsContext, keys: readonly string[]): SqlFragment {
  const scope = recordVisibility(ctx.viewer, ctx.records.selfKey, ctx.records.today, 'v');
  const inForce = measuresInForce(keys, ctx.records.today);
  return {
    sql: `SELECT 'MEASURE' AS kind, t.subject_key AS key, count(*)::int AS n,
            count(*) FILTER (WHERE t.basis_type = 'LISTING' OR (${scope.sql}))::int AS visible
     FROM records.joint_measure t LEFT JOIN records.credit_record v ON t.basis_type = 'RECORD' AND v.id = t.basis_id
     WHERE ${inForce.sql} GROUP BY t.subject_key
     UNION ALL
     SELECT 'BREACH', t.subject_key, count(*)::int, count(*) FILTER (WHERE v.id IS NOT NULL AND (${scope.sql}))::int
     FROM records.commitment t LEFT JOIN records.credit_record v ON v.id = t.breach_record_id
     WHERE t.subject_key = ANY(?::text[]) AND t.state = 'BREACHED' GROUP BY t.subject_key`,
    params: [...scope.params, ...inForce.params, ...scope.params, pgArray(keys)],
  };
}

/** The counts per subject key. */
export function workflowCounts(rows: readonly WorkflowCountRow[]): Map<string, WorkflowCounts> {
  const counts = new Map<string, WorkflowCounts>();
  for (const row of rows) {
    const entry = { ...(counts.get(row.key) ?? NONE) };
    if (row.kind === 'MEASURE') Object.assign(entry, { measures: row.n, visibleMeasures: row.visible });
    else Object.assign(entry, { breaches: row.n, visibleBreaches: row.visible });
    counts.set(row.key, entry);
  }
  return counts;
}

export function countsOf(counts: Map<string, WorkflowCounts>, key: string): WorkflowCounts {
  return counts.get(key) ?? NONE;
}
