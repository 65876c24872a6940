import type { AbstractSqlConnection, Configuration } from '@mikro-orm/postgresql';
import { boundStatement, PreparedNames } from './bound-statement';

/** The part of a pooled `pg` client this needs. */
interface PgClient {
  query(config: { text: string; values?: string[]; name?: string }): Promise<unknown>;
}

/** A statement as knex's `query` and `query-error` events give it. */
interface Announced {
  method: 'raw';
  sql: string;
  bindings: [];
  options: object;
}

/** The knex client behind a MikroORM connection: its tarn pool hands out the `pg` clients. */
interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(client: PgClient): unknown;
  emit(event: 'query', query: Announced): boolean;
  emit(event: 'query-error', error: Error, query: Announced): boolean;
}

/** MikroORM's shaping of a driver result (`all`: the rows, `get`: the first, `run`: counts); protected in its types. */
interface Shaping {
  transformRawResult<T>(result: unknown, method: 'all' | 'get' | 'run'): T;
}

/**
 * What PostgreSQL answers while parsing a bound text whose inlined form it would take (a parameter whose type no
 * context gives, a multi-statement text) or to a prepared statement gone stale (a table it reads changed shape, the
 * statement deallocated): the inlined text is sent instead.
 */
const INLINE_AGAIN = new Set(['42P18', '42P08', '42804', '42883', '42725', '42601', '0A000', '26000']);
const STALE = new Set(['0A000', '26000']);

const preparedNames = new WeakMap<AbstractSqlConnection, PreparedNames>();

/**
 * A statement outside any transaction, on a client of the connection's own pool, without the layers MikroORM's
 * `execute` otherwise passes through per statement: its query-log context, knex's raw builder and runner, and their
 * result objects (docs/benchmarks.md, "creditStatus: request path"). Its string parameters are bound and a text sent
 * often is prepared once per connection (bound-statement.ts); anything PostgreSQL will not take bound runs with the
 * parameters inlined as MikroORM's `formatQuery` writes them, the text knex's `query` event announces as it does for
 * the others (orm.ts counts statements there). Same pool, same clients, same type parsing. Errors are the driver's own,
 * for the caller to convert.
 */
export async function executeDirect<T>(
  connection: AbstractSqlConnection,
  config: Configuration,
  sql: string,
  params: readonly unknown[],
  method: 'all' | 'get' | 'run',
): Promise<T> {
  const platform = connection.getPlatform();
  const query = config.get('onQuery')(sql, params as unknown[]);
  // The inlined text is written only when something reads it: a bound statement that PostgreSQL takes needs none
  // (formatQuery was about a fifth of this function's own time on the archive reading).
  // The values as they are now: a caller may reuse its array once the statement is sent.
  const values = [...params];
  let text: string | undefined;
  const inlined = () => (text ??= platform.formatQuery(query, [...values]));
  const bound = boundStatement(query, params, (value) => platform.quoteValue(value));
  const client = connection.getKnex().client as unknown as KnexClient;
  const pg = await client.acquireConnection();
  try {
    const announced = lazyAnnounced(inlined);
    client.emit('query', announced);
    const result = await (bound ? sendBound(connection, pg, bound, inlined) : pg.query({ text: inlined() })).catch(
      (error: Error) => {
        // As knex's runner words a failed statement (the error report reads the statement from it: error-report.ts).
        error.message = `${inlined()} - ${error.message}`;
        client.emit('query-error', error, announced);
        throw error;
      },
    );
    return (connection as unknown as Shaping).transformRawResult<T>(result, method);
  } finally {
    client.releaseConnection(pg);
  }
}

/** The `query` event's statement, its `sql` (the inlined text) written when a listener first reads it. */
function lazyAnnounced(inlined: () => string): Announced {
  return {
    method: 'raw',
    get sql() {
      return inlined();
    },
    bindings: [],
    options: {},
  };
}

async function sendBound(
  connection: AbstractSqlConnection,
  pg: PgClient,
  bound: { text: string; values: string[] },
  inlined: () => string,
): Promise<unknown> {
  let names = preparedNames.get(connection);
  if (!names) preparedNames.set(connection, (names = new PreparedNames()));
  if (!names.binds(bound.text)) return pg.query({ text: inlined() });
  const name = names.nameFor(bound.text);
  try {
    return await pg.query(name ? { ...bound, name } : bound);
  } catch (error) {
    const code = (error as { code?: unknown }).code as string;
    if (!INLINE_AGAIN.has(code)) throw error;
    names.refuse(bound.text, STALE.has(code));
    return pg.query({ text: inlined() });
  }
}

/** Whether a connection's statements may take executeDirect: MikroORM's query log, which it skips, is off. */
export function mayExecuteDirect(config: Configuration): boolean {
  return !config.get('debug');
}
