import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { InputError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { checkLedgerRegion } from '../../../../common/ledger-args';
import type { ArrearsLedgerRow } from './arrears.types';

/** A period as its first and last day: 'YYYY' is a calendar year, 'YYYY-MM' a month. */
export function periodDays(period: string): { from: string; to: string } {
  const match = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/.exec(period);
  if (!match)
    throw new InputError(bilingual('period 须为年份 YYYY 或月份 YYYY-MM', 'period is a year YYYY or a month YYYY-MM'), {
      field: 'period',
    });
  const [, year, month] = match;
  if (!month) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return { from: `${year}-${month}-01`, to: `${year}-${month}-${String(last).padStart(2, '0')}` };
}

/**
 * 清欠台账: per division under the prefix and creditor class, the arrears decided by the period's end (owed), repaid by
 * then, outstanding, and the flows within the period, in ONE statement whatever the size. Revoked records are no
 * debt; repaired and settled ones count (the money was owed). Debt management and the credit office read it for their
 * jurisdiction (step right readsLedgerOf): an aggregate of every ARREARS record there, whatever its disclosure, as
 * they read each record's money (conditions.arrearsOfJurisdiction).
 */
export async function arrearsLedger(
  em: EntityManager,
  viewer: Principal,
  args: { regionPrefix: string; period: string },
): Promise<ArrearsLedgerRow[]> {
  checkLedgerRegion(viewer, args.regionPrefix);
  const { from, to } = periodDays(args.period);
  return em.execute(
    `WITH owed AS (
       SELECT r.subject_region, a.record_id, a.creditor_class, a.amount, r.decided_at
       FROM records.arrears a JOIN records.credit_record r ON r.id = a.record_id
       WHERE r.category = 'ARREARS' AND r.status <> 'REVOKED' AND r.subject_region LIKE ? AND r.decided_at <= ?::date
     ), paid AS (
       SELECT y.record_id, sum(y.amount) FILTER (WHERE y.paid_on <= ?::date) AS repaid,
              sum(y.amount) FILTER (WHERE y.paid_on BETWEEN ?::date AND ?::date) AS in_period
       FROM records.arrears_repayment y WHERE y.record_id IN (SELECT record_id FROM owed) GROUP BY y.record_id
     )
     SELECT o.subject_region AS division, o.creditor_class AS "creditorClass", count(*)::int AS records,
            sum(o.amount)::numeric(18,2)::text AS owed,
            coalesce(sum(p.repaid), 0)::numeric(18,2)::text AS repaid,
            (sum(o.amount) - coalesce(sum(p.repaid), 0))::numeric(18,2)::text AS outstanding,
            coalesce(sum(o.amount) FILTER (WHERE o.decided_at >= ?::date), 0)::numeric(18,2)::text AS "owedInPeriod",
            coalesce(sum(p.in_period), 0)::numeric(18,2)::text AS "repaidInPeriod"
     FROM owed o LEFT JOIN paid p ON p.record_id = o.record_id
     GROUP BY o.subject_region, o.creditor_class ORDER BY o.subject_region, o.creditor_class`,
    [`${args.regionPrefix}%`, to, to, from, to, from],
  );
}
