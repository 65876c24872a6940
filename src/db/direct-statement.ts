import type { AbstractSqlConnection, Configuration } from '@mikro-orm/postgresql';

/** The part of a pooled `pg` client this needs. */
interface PgClient {
  query(config: { text: string }): Promise<unknown>;
}

/** The knex client behind a MikroORM connection: its tarn pool hands out the `pg` clients. */
interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(client: PgClient): unknown;
  emit(event: 'query', query: { method: 'raw'; sql: string; bindings: []; options: object }): boolean;
}

/** MikroORM's shaping of a driver result (`all`: the rows, `get`: the first, `run`: counts); protected in its types. */
interface Shaping {
  transformRawResult<T>(result: unknown, method: 'all' | 'get' | 'run'): T;
}

/**
 * A statement outside any transaction, on a client of the connection's own pool, with the very text MikroORM would
 * send (its `formatQuery`: parameters inlined the same way), but without the layers MikroORM's `execute` otherwise
 * passes through per statement: its query-log context, knex's raw builder and runner, and their result objects
 * (docs/benchmarks.md, "creditStatus: request path"). Same pool, same clients, same type parsing; announced on knex's
 * `query` event like the others (orm.ts counts them there). Errors are the driver's own, for the caller to convert.
 */
export async function executeDirect<T>(
  connection: AbstractSqlConnection,
  config: Configuration,
  sql: string,
  params: readonly unknown[],
  method: 'all' | 'get' | 'run',
): Promise<T> {
  const text = connection.getPlatform().formatQuery(config.get('onQuery')(sql, params as unknown[]), [...params]);
  const client = connection.getKnex().client as unknown as KnexClient;
  const pg = await client.acquireConnection();
  try {
    // Knex's own `query` event, which the statement count (orm.ts) and tests' listeners take every statement from.
    client.emit('query', { method: 'raw', sql: text, bindings: [], options: {} });
    const result = await pg.query({ text });
    return (connection as unknown as Shaping).transformRawResult<T>(result, method);
  } finally {
    client.releaseConnection(pg);
  }
}

/** Whether a connection's statements may take executeDirect: MikroORM's query log, which it skips, is off. */
export function mayExecuteDirect(config: Configuration): boolean {
  return !config.get('debug');
}
