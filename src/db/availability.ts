/** Error codes that mean "PostgreSQL cannot be reached right now", not "this request is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export const DATABASE_UNAVAILABLE = 'The database is unavailable; retry later';

/** Whether an error (or one it wraps) says the database is down or restarting. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let current = error as { code?: unknown; cause?: unknown; originalError?: unknown; message?: unknown } | undefined,
      depth = 0;
    current && depth < 6;
    depth += 1
  ) {
    if (typeof current.code === 'string' && UNAVAILABLE_CODES.has(current.code)) return true;
    if (
      typeof current.message === 'string' &&
      /Connection terminated|terminating connection due to administrator command|Timeout acquiring a connection/.test(
        current.message,
      )
    )
      return true;
    current = (current.cause ?? current.originalError) as typeof current;
  }
  return false;
}
