import type { SqlFragment } from '../../../db/finder';
import { pgArray } from '../../../db/sql';
import { ACTIVE_LISTING_SQL } from './listing.repository';

/**
 * Joint measures (联动奖惩) in force against these subjects, alias `t` on records.joint_measure:
 * accepted (响应) or applied (反馈), on a record still ACTIVE or a listing still in force. Read
 * by the cadre file (cadre/context.ts) and the credit review (status/review-rows.ts).
 */
export function measuresInForce(keys: readonly string[], today: string): SqlFragment {
  // Scalar sub-selects, not EXISTS: under OR the planner may turn an EXISTS into a hashed sub-plan that reads the
  // whole basis table (tests/records/plans-at-scale.test.ts); a correlated scalar is one primary-key probe per measure.
  return {
    sql: `t.subject_key = ANY(?::text[]) AND t.state IN ('ACCEPTED', 'FED_BACK') AND (
      (t.basis_type = 'RECORD' AND (SELECT r.status = 'ACTIVE' FROM records.credit_record r WHERE r.id = t.basis_id))
      OR (t.basis_type = 'LISTING' AND (SELECT ${ACTIVE_LISTING_SQL} FROM records.listing l WHERE l.id = t.basis_id)))`,
    params: [pgArray(keys), today, today],
  };
}
