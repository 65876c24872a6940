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
 * reported it did, and the admissions despite BLOCK with their reasons, in ONE statement. The credit office reads
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
  const admitted = `c.decision = 'BLOCK' AND c.action IN ('ADMITTED', 'ADMITTED_WITH_REASON')`;
  return em.execute(
    `SELECT c.platform, to_char(c.checked_at AT TIME ZONE ?, 'YYYY-MM') AS month, count(*)::int AS checks,
       count(*) FILTER (WHERE c.decision = 'BLOCK')::int AS blocked,
       count(*) FILTER (WHERE c.decision = 'WARN')::int AS warned,
       count(*) FILTER (WHERE c.action = 'EXCLUDED')::int AS excluded,
       count(*) FILTER (WHERE ${admitted})::int AS "admittedDespiteBlock",
       count(*) FILTER (WHERE c.action IS NULL)::int AS unreported,
       count(*) FILTER (WHERE c.decision = 'BLOCK' AND c.action IS NULL)::int AS "unreportedBlocks",
       coalesce(jsonb_agg(jsonb_build_object(
           'checkId', c.check_id, 'projectNo', c.project_no, 'lot', c.lot, 'ruleId', c.rule_id, 'action', c.action,
           'reason', c.reason, 'reportedAt', to_char(c.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'subjectCode', CASE WHEN c.subject_key LIKE ? THEN NULL ELSE c.subject_key END)
         ORDER BY c.reported_at, c.check_id, c.idx) FILTER (WHERE ${admitted}), '[]'::jsonb) AS overrides
     FROM records.interception_check c
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
