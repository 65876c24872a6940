import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../common/logger';

/** One monthly partition of audit.access_log (Migration20261202000700). */
export interface LogPartition {
  /** Table name in schema audit: `access_log_YYYY_MM`. */
  name: string;
  /** `YYYY-MM`, UTC. */
  month: string;
}

const NAME = /^access_log_(\d{4})_(\d{2})$/;

/** SQLSTATE 23514 with this text: an entry whose month has no partition (PostgreSQL's routing error). */
export function isMissingPartition(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === '23514' && /no partition of relation/.test(message ?? '');
}

/**
 * Creates the current month's partition and `ahead` more that are missing; returns the names
 * created. Through audit.add_month_partitions, SECURITY DEFINER: the hub's role runs it without
 * any DDL right of its own, and every partition it makes carries the log's protections.
 */
export async function addMonthPartitions(em: EntityManager, ahead: number): Promise<string[]> {
  const rows: { name: string }[] = await em.execute('SELECT audit.add_month_partitions(?) AS name', [ahead]);
  return rows.map((row) => row.name);
}

/**
 * At start-up: months ahead, once the migration that partitions the log has run and when this
 * role may (credit_hub_app and its members may; a role of its own needs `audit maintain` from a
 * scheduler). Otherwise a note, not a failure: the months made earlier still take entries.
 */
export async function keepPartitionsAhead(em: EntityManager, ahead: number, logger: Logger): Promise<void> {
  const [row]: { exists: boolean; allowed: boolean }[] = await em.execute(
    `SELECT f IS NOT NULL AS exists, f IS NOT NULL AND has_function_privilege(f, 'EXECUTE') AS allowed
     FROM to_regprocedure('audit.add_month_partitions(integer)') f`,
  );
  if (!row.exists) return logger.info('access log not partitioned yet (migrations pending): no partitions made');
  if (!row.allowed) {
    return logger.warn('this role may not create access-log partitions: run `credit-hub audit maintain` monthly');
  }
  const made = await addMonthPartitions(em, ahead);
  if (made.length > 0) logger.info({ partitions: made }, 'access log partitions created');
}

/** The log's partitions, oldest first. */
export async function listPartitions(em: EntityManager): Promise<LogPartition[]> {
  const rows: { name: string }[] = await em.execute(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'audit.access_log'::regclass ORDER BY c.relname`,
  );
  return rows.flatMap(({ name }) => {
    const match = NAME.exec(name);
    return match ? [{ name, month: `${match[1]}-${match[2]}` }] : [];
  });
}

/** `YYYY-MM` a whole number of months from `month`. */
export function addMonths(month: string, months: number): string {
  const [year, mm] = month.split('-').map(Number);
  const index = year * 12 + (mm - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The UTC month of `at`, `YYYY-MM`. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}
