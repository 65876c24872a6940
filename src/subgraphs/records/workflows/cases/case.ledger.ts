import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { checkLedgerRegion, monthSpan } from '../../../../common/ledger-args';
import { pgArray } from '../../../../db/sql';
import type { SqlFragment } from '../../../../db/finder';
import type { CaseLedgerRow } from './case.entity';
import type { GovernmentCaseKind } from '../../enums';

export const MAX_LEDGER_MONTHS = 60;

/**
 * 清存量、防增量: per division (the subject's region), with `byCourt` also per court (the
 * pushing court system: the monthly 排查 of each court), and month, the stock at month end
 * (filed by then, not resolved by then), the cases filed and the cases resolved in the month.
 * One statement: generate_series over the months, crossed with the divisions (and courts) that
 * have any visible case under the prefix. The viewer's finder visibility applies, so the ledger
 * never counts a case its reader could not list.
 */
export async function caseLedger(
  em: EntityManager,
  viewer: Principal,
  visibility: SqlFragment,
  args: {
    regionPrefix: string;
    fromMonth: string;
    toMonth: string;
    kinds?: GovernmentCaseKind[] | null;
    byCourt?: boolean;
  },
): Promise<CaseLedgerRow[]> {
  checkLedgerRegion(viewer, args.regionPrefix);
  const { from, to } = monthSpan(args.fromMonth, args.toMonth, MAX_LEDGER_MONTHS);
  const kinds = args.kinds?.length
    ? { sql: 't.kind = ANY(?::text[])', params: [pgArray(args.kinds)] }
    : { sql: 'true', params: [] };
  const rows = await em.execute(
    `WITH months AS (
       SELECT m::date AS first_day, (m + interval '1 month' - interval '1 day')::date AS last_day
       FROM generate_series(?::date, ?::date, interval '1 month') m
     ), cases AS (
       SELECT t.subject_region, ${args.byCourt ? 't.source_system' : 'NULL::text'} AS court, t.filed_on, t.resolved_on
       FROM records.government_case t
       WHERE ${visibility.sql} AND ${kinds.sql} AND t.subject_region LIKE ?
     ), divisions AS (SELECT DISTINCT subject_region, court FROM cases)
     SELECT d.subject_region AS division, d.court, to_char(m.first_day, 'YYYY-MM') AS month,
       count(c.filed_on) FILTER (WHERE c.filed_on <= m.last_day AND (c.resolved_on IS NULL OR c.resolved_on > m.last_day))::int AS stock,
       count(c.filed_on) FILTER (WHERE c.filed_on BETWEEN m.first_day AND m.last_day)::int AS "newCases",
       count(c.filed_on) FILTER (WHERE c.resolved_on BETWEEN m.first_day AND m.last_day)::int AS cleared
     FROM divisions d CROSS JOIN months m
       LEFT JOIN cases c ON c.subject_region = d.subject_region AND c.court IS NOT DISTINCT FROM d.court
     GROUP BY d.subject_region, d.court, m.first_day ORDER BY d.subject_region, d.court, m.first_day`,
    [from, to, ...visibility.params, ...kinds.params, `${args.regionPrefix}%`],
  );
  return rows as CaseLedgerRow[];
}
