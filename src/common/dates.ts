/**
 * Calendar dates (YYYY-MM-DD) in the hub's time zone. Publicity windows, listing periods and
 * "today" are dates in the zone of the issuing authorities, not UTC instants.
 */
export const HUB_TIME_ZONE = process.env.HUB_TIME_ZONE || 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: HUB_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Every request asks for today; formatting in a time zone costs ~80 µs, so the day is kept
// for the minute it was computed in (zone offsets are whole quarter hours: never stale).
let lastDay = { minute: Number.NaN, day: '' };

export function today(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastDay.minute) lastDay = { minute, day: formatter.format(now) };
  return lastDay.day;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * YYYY-MM-DD read by hand for the arithmetic below (a push computes several dates for each of up to 500 records;
 * Date's string parser was most of that cost). Only the years, months and days Date would read the same way;
 * anything else (undefined) takes the Date-parsing path as before.
 */
function calendarParts(date: string): [number, number, number] | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  // Date.UTC reads years 0-99 as 1900-1999.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  return [year, month, day];
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Adds calendar months, clamping to the month's end (2025-01-31 + 1 month = 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = calendarParts(date) ?? date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const parts = calendarParts(date);
  if (parts) {
    const value = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days));
    const year = value.getUTCFullYear();
    if (year >= 1000 && year <= 9999) return `${year}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}
