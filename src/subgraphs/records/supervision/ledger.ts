import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { HUB_TIME_ZONE } from '../../../common/dates';
import { checkLedgerRegion, monthSpan } from '../../../common/ledger-args';
import { supervisedChecks } from './rules';
import { PERSON_KEY_PREFIX } from '../../../identity/pii';
import type { InterceptionLedgerRow } from './supervision.types';

export const MAX_SUPERVISION_MONTHS = 24;

/**
 * 自动监督台账: per checking platform of the jurisdiction and month, the checks, their decisions, what the platform
 * reported it did, and the admissions despite BLOCK with their reasons, in ONE statement (a check's codes are its
 * arrays, lists/check-log.ts; what was reported of each, records.interception_report). The credit office reads
 * the platforms whose token region lies under the prefix; any other system reads its own checks only
 * (supervisedChecks). Months without a check have no row.
 */
export async function interceptionLedger(
  em: EntityManager,
  viewer: Principal,
  args: { regionPrefix: string; fromMonth: string; toMonth: string },
): Promise<InterceptionLedgerRow[]> {
  checkLedgerRegion(viewer, args.regionPrefix);
  const { from, to } = monthSpan(args.fromMonth, args.toMonth, MAX_SUPERVISION_MONTHS);
  const visible = supervisedChecks(viewer, 'c');
  const admitted = `u.decision = 'BLOCK' AND r.action IN ('ADMITTED', 'ADMITTED_WITH_REASON')`;
  return em.execute(
    `SELECT c.platform, to_char(c.checked_at AT TIME ZONE ?, 'YYYY-MM') AS month, count(*)::int AS checks,
       count(*) FILTER (WHERE u.decision = 'BLOCK')::int AS blocked,
       count(*) FILTER (WHERE u.decision = 'WARN')::int AS warned,
       count(*) FILTER (WHERE r.action = 'EXCLUDED')::int AS excluded,
       count(*) FILTER (WHERE ${admitted})::int AS "admittedDespiteBlock",
       count(*) FILTER (WHERE r.action IS NULL)::int AS unreported,
       count(*) FILTER (WHERE u.decision = 'BLOCK' AND r.action IS NULL)::int AS "unreportedBlocks",
       coalesce(jsonb_agg(jsonb_build_object(
           'checkId', c.check_id, 'projectNo', r.project_no, 'lot', r.lot, 'ruleId', u.rule_id, 'action', r.action,
           'reason', r.reason, 'reportedAt', to_char(r.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'subjectCode', CASE WHEN u.subject_key LIKE ? THEN NULL ELSE u.subject_key END)
         ORDER BY r.reported_at, c.check_id, u.idx) FILTER (WHERE ${admitted}), '[]'::jsonb) AS overrides
     FROM records.interception_check c
     CROSS JOIN LATERAL unnest(c.idx, c.subject_keys, c.decisions, c.rule_ids) AS u(idx, subject_key, decision, rule_id)
     LEFT JOIN records.interception_report r ON r.check_id = c.check_id AND r.idx = u.idx
     WHERE ${visible.sql} AND c.platform_region LIKE ?
       AND c.checked_at >= (?::date)::timestamp AT TIME ZONE ?
       AND c.checked_at < ((?::date + interval '1 month')::timestamp) AT TIME ZONE ?
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [
      HUB_TIME_ZONE,
      `${PERSON_KEY_PREFIX}%`,
      ...visible.params,
      `${args.regionPrefix}%`,
      from,
      HUB_TIME_ZONE,
      to,
      HUB_TIME_ZONE,
    ],
  );
}
