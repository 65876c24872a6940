import type { SqlFragment } from '../../../db/finder';
import { pgArray } from '../../../db/sql';
import { ACTIVE_LISTING_SQL } from './listing.repository';

/**
 * Joint measures (联动奖惩) in force against these subjects, alias `t` on records.joint_measure:
 * accepted (响应) or applied (反馈), on a record still ACTIVE or a listing still in force. Read
 * by the cadre file (cadre/context.ts) and the credit review (status/review-rows.ts).
 */
export function measuresInForce(keys: readonly string[], today: string): SqlFragment {
  return {
    sql: `t.subject_key = ANY(?::text[]) AND t.state IN ('ACCEPTED', 'FED_BACK') AND (
      (t.basis_type = 'RECORD' AND EXISTS (SELECT 1 FROM records.credit_record r WHERE r.id = t.basis_id AND r.status = 'ACTIVE'))
      OR (t.basis_type = 'LISTING' AND EXISTS (SELECT 1 FROM records.listing l WHERE l.id = t.basis_id AND ${ACTIVE_LISTING_SQL})))`,
    params: [pgArray(keys), today, today],
  };
}
