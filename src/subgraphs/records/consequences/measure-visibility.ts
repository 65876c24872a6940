import { isGovernment, type Principal } from '../../../auth/principal';
import { rowsOf } from '../../../auth/conditions';
import { anyOf, type SqlFragment } from '../../../db/finder';

/**
 * Joint measures: the subject those on it; the initiator (its client id in the role it initiated
 * with: a SUBJECT token with the credit office's `sub` is not the initiator) and the
 * implementing unit (its organization code) theirs; the credit office its jurisdiction.
 * @rowRule
 */
export function measureVisibility(viewer: Principal, selfKey?: string): SqlFragment {
  const parts = [rowsOf.self(viewer, selfKey), rowsOf.creditOfficeOf(viewer)];
  if (isGovernment(viewer))
    parts.push({ sql: '(t.initiated_by = ? AND t.initiator_role = ?)', params: [viewer.clientId, viewer.role] });
  if (viewer.authenticated && viewer.org) parts.push({ sql: 't.implementing_unit_code = ?', params: [viewer.org] });
  return anyOf(...parts);
}
