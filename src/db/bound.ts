import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A value sent as one bind parameter: knex would expand an array into a list of parameters. */
export type BoundValue = string | number | boolean | null;

/**
 * Runs one statement with its `?` parameters sent as bind parameters ($1, $2, … on the wire), in the manager's
 * transaction when it has one, and returns its rows. em.execute inlines every parameter as an escaped literal
 * (MikroORM's formatQuery): for the 250 KB jsonb of a 500-row push that is a scan to escape it in the hub and a
 * parse of the literal in PostgreSQL (CPU profile of submitRecords, docs/benchmarks.md). Counted like any other
 * statement (the knex `query` event, sql-statements.ts). A parameter whose type PostgreSQL cannot infer from its
 * place needs a cast (`?::text`).
 */
export async function executeBound<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: readonly BoundValue[],
): Promise<T[]> {
  for (const param of params)
    if (typeof param === 'object' && param !== null) throw new TypeError('executeBound takes scalar parameters');
  const query = em
    .getConnection('write')
    .getKnex()
    .raw(sql, params as Knex.RawBinding[]);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  try {
    return ((await query) as { rows: T[] }).rows;
  } catch (error) {
    // As em.execute throws it: a DriverException, which the error report reads without its values (error-report.ts).
    throw em.getDriver().convertException(error as Error);
  }
}
