/**
 * Amounts of money in yuan as exact decimal strings ("1250000.00"): stored as PostgreSQL numeric and computed there,
 * never as JavaScript numbers (commitments, cases and arrears share this form).
 */
export const YUAN_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;

/** A non-negative amount in yuan with at most two decimals. */
export function isYuan(value: string | null | undefined): value is string {
  return typeof value === 'string' && YUAN_PATTERN.test(value);
}

/** A yuan amount above zero. */
export function isPositiveYuan(value: string | null | undefined): value is string {
  return isYuan(value) && /[1-9]/.test(value);
}
