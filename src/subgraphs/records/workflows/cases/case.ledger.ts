import type { EntityManager } from '@mikro-orm/postgresql';
import { readsLedgerOf } from '../rules';
import { demand } from '../../../../auth/step-rights';
import type { Principal } from '../../../../auth/principal';
import { InputError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { pgArray } from '../../../../db/sql';
import type { SqlFragment } from '../../../../db/finder';
import type { CaseLedgerRow } from './case.entity';
import type { GovernmentCaseKind } from '../../enums';

export const MAX_LEDGER_MONTHS = 60;

function monthStart(value: string, field: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match)
    throw new InputError(bilingual(`${field} 须为月份（YYYY-MM）`, `${field} is a month, YYYY-MM`), { field });
  return `${value}-01`;
}

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
  if (!/^\d{2,6}$/.test(args.regionPrefix))
    throw new InputError(
      bilingual('regionPrefix 须为 2 至 6 位行政区划代码', 'regionPrefix is 2 to 6 digits of a division code'),
      { field: 'regionPrefix' },
    );
  demand(readsLedgerOf, viewer, args);
  const from = monthStart(args.fromMonth, 'fromMonth');
  const to = monthStart(args.toMonth, 'toMonth');
  if (from > to)
    throw new InputError(bilingual('fromMonth 晚于 toMonth', 'fromMonth is after toMonth'), { field: 'fromMonth' });
  const [span] = await em.execute(
    `SELECT (extract(year from age(?::date, ?::date)) * 12 + extract(month from age(?::date, ?::date)))::int + 1 AS n`,
    [to, from, to, from],
  );
  if (span.n > MAX_LEDGER_MONTHS)
    throw new InputError(bilingual(`最多 ${MAX_LEDGER_MONTHS} 个月`, `at most ${MAX_LEDGER_MONTHS} months`), {
      field: 'toMonth',
    });
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
