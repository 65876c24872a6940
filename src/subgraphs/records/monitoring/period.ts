import { addDays, addMonths } from '../../../common/dates';
import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { PeriodGranularity } from '../policy/evaluation-config';

/** An evaluation period: its code (2026Q3, 2026-07, 2026) and its first and last day. */
export interface Period {
  code: string;
  start: string;
  end: string;
}

const MONTHS: Record<PeriodGranularity, number> = { QUARTER: 3, MONTH: 1, YEAR: 12 };
const FORMAT: Record<PeriodGranularity, { pattern: RegExp; example: string; zh: string }> = {
  QUARTER: { pattern: /^(\d{4})Q([1-4])$/, example: '2026Q3', zh: '季度' },
  MONTH: { pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, example: '2026-07', zh: '月' },
  YEAR: { pattern: /^(\d{4})$/, example: '2026', zh: '年度' },
};

/** The period that starts on the first day of month `monthIndex` (year * 12 + month - 1). */
function periodAt(monthIndex: number, granularity: PeriodGranularity): Period {
  const size = MONTHS[granularity];
  const first = monthIndex - (monthIndex % size);
  const year = Math.floor(first / 12);
  const month = (first % 12) + 1;
  const start = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  const code =
    granularity === 'QUARTER'
      ? `${year}Q${(month + 2) / 3}`
      : granularity === 'MONTH'
        ? start.slice(0, 7)
        : String(year);
  return { code, start, end: addDays(addMonths(start, size), -1) };
}

const monthIndexOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** The period containing a date. */
export function periodOf(date: string, granularity: PeriodGranularity): Period {
  return periodAt(monthIndexOf(date), granularity);
}

/** Parses a period code of the configured granularity; BAD_USER_INPUT (field `period`) otherwise. */
export function parsePeriod(code: string, granularity: PeriodGranularity): Period {
  const match = FORMAT[granularity].pattern.exec(code ?? '');
  if (!match)
    throw new InputError(
      bilingual(
        `period 须形如 ${FORMAT[granularity].example}（按${FORMAT[granularity].zh}评价）`,
        `period must look like ${FORMAT[granularity].example} (${granularity.toLowerCase()}ly evaluation)`,
      ),
      { field: 'period' },
    );
  const year = Number(match[1]);
  const index =
    granularity === 'QUARTER' ? (Number(match[2]) - 1) * 3 : granularity === 'MONTH' ? Number(match[2]) - 1 : 0;
  return periodAt(year * 12 + index, granularity);
}

export function previousPeriod(period: Period, granularity: PeriodGranularity): Period {
  return periodAt(monthIndexOf(period.start) - MONTHS[granularity], granularity);
}

/** The last `count` periods up to the one containing `today`, newest first. */
export function lastPeriods(today: string, count: number, granularity: PeriodGranularity): Period[] {
  const periods = [periodOf(today, granularity)];
  while (periods.length < count) periods.push(previousPeriod(periods[periods.length - 1], granularity));
  return periods;
}

/** The day a period is evaluated on: its last day, or today while it runs. */
export function asOfDay(period: Period, today: string): string {
  return period.end < today ? period.end : today;
}
