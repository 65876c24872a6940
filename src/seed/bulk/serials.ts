import { USCC_ALPHABET } from '../../identity';

/** Body serials are 6 base-31 digits after 'MA' (GB 32100 alphabet): 887 million codes. */
export const BODY_PREFIX = 'MA';
const SERIAL_DIGITS = 6;
export const MAX_SERIAL = 31 ** SERIAL_DIGITS - 1;

export function bodySerial(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > MAX_SERIAL)
    throw new Error(`organization serial ${serial} out of range`);
  let out = '';
  let value = serial;
  for (let i = 0; i < SERIAL_DIGITS; i++) {
    out = USCC_ALPHABET[value % 31] + out;
    value = Math.floor(value / 31);
  }
  return BODY_PREFIX + out;
}

/** Inverse of bodySerial over the 6 digits after the prefix; NaN when not a serial. */
export function serialOfBody(digits: string): number {
  if (digits.length !== SERIAL_DIGITS) return Number.NaN;
  let value = 0;
  for (const ch of digits) {
    const v = USCC_ALPHABET.indexOf(ch);
    if (v < 0) return Number.NaN;
    value = value * 31 + v;
  }
  return value;
}

/** Days in a month (1-12) of a year. */
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Splits `total` into integer parts proportional to `weights` (largest remainders, stable). */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new Error('apportion needs a positive total weight');
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k]![1]]!++;
  return parts;
}
