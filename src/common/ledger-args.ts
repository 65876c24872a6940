import { inJurisdiction } from '../auth/conditions';
import type { Principal } from '../auth/principal';
import { demand, stepRight } from '../auth/step-rights';
import { InputError } from './errors';
import { bilingual } from './language';

/** The arguments every ledger (cases, arrears, interceptions) takes, checked one way. */

/**
 * caseLedger, arrearsLedger, interceptionLedger: a division prefix inside the caller's jurisdiction.
 * @stepRight
 */
export const readsLedgerOf = stepRight<{ regionPrefix: string }>(
  'IN_JURISDICTION',
  bilingual('该区划不在您的辖区内', 'regionPrefix is outside your jurisdiction'),
  (viewer, { regionPrefix }) => inJurisdiction(viewer, regionPrefix),
);

/** A division-code prefix of 2 to 6 digits (province, city, county, …) inside the caller's jurisdiction. */
export function checkLedgerRegion(viewer: Principal, regionPrefix: string): void {
  if (!/^\d{2,6}$/.test(regionPrefix))
    throw new InputError(
      bilingual('regionPrefix 须为 2 至 6 位行政区划代码', 'regionPrefix is 2 to 6 digits of a division code'),
      { field: 'regionPrefix' },
    );
  demand(readsLedgerOf, viewer, { regionPrefix });
}

function monthParts(value: string, field: string): [number, number] {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match)
    throw new InputError(bilingual(`${field} 须为月份（YYYY-MM）`, `${field} is a month, YYYY-MM`), { field });
  return [Number(match[1]), Number(match[2])];
}

/**
 * fromMonth..toMonth (YYYY-MM, both included) as the first days of the two months, refused when reversed or longer
 * than `maxMonths`.
 */
export function monthSpan(fromMonth: string, toMonth: string, maxMonths: number): { from: string; to: string } {
  const [fy, fm] = monthParts(fromMonth, 'fromMonth');
  const [ty, tm] = monthParts(toMonth, 'toMonth');
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  if (months < 1)
    throw new InputError(bilingual('fromMonth 晚于 toMonth', 'fromMonth is after toMonth'), { field: 'fromMonth' });
  if (months > maxMonths)
    throw new InputError(bilingual(`最多 ${maxMonths} 个月`, `at most ${maxMonths} months`), { field: 'toMonth' });
  return { from: `${fromMonth}-01`, to: `${toMonth}-01` };
}
