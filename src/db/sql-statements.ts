import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts SQL statements. Every statement the hub sends passes through one knex `query`
 * event (see db/orm.ts), so the count is exact: tests assert bounds on it (N+1 guards),
 * the benchmark reports it per operation, and a request can attribute its own.
 */
export interface StatementTally {
  count: number;
  statements?: string[];
}

const scope = new AsyncLocalStorage<StatementTally>();
let total = 0;

/** `query`: knex's `query` event's statement; its text is read only when a tally keeps texts (it may be lazy). */
export function recordStatement(query: { readonly sql: string }): void {
  total += 1;
  const tally = scope.getStore();
  if (tally) {
    tally.count += 1;
    tally.statements?.push(query.sql);
  }
}

/** Runs `work` and counts the statements it causes (including in nested async work). */
export async function countStatements<T>(
  work: () => Promise<T>,
  keepText = false,
): Promise<{ result: T; count: number; statements: string[] }> {
  const tally: StatementTally = { count: 0, statements: keepText ? [] : undefined };
  const result = await scope.run(tally, work);
  return { result, count: tally.count, statements: tally.statements ?? [] };
}

export function totalStatements(): number {
  return total;
}
