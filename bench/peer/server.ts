/**
 * The peer of the benchmark: PostGraphile 5 (amber preset, plus the connection-filter plugin
 * for `in` lists and filters across relations) over the hub's own tables in schemas
 * `subjects`, `records` and `archives`, on loopback. It writes no access log.
 * It exposes what PostGraphile generates from those tables; the questions the benchmark asks
 * it are in bench/lib/workload.ts (peer* documents) and docs/benchmarks.md.
 *
 * PostGraphile 5 needs Node >= 22 (Promise.withResolvers): on Node 20 run it with
 * `node -r ./bench/peer/polyfill.cjs dist/bench/peer/server.js`.
 *
 *   POST /graphql                 PostGraphile (grafserv)
 *   GET  /health
 *   GET  /__bench/statements      {count}: SQL statements sent since start (all clients)
 *
 * Env: DATABASE_URL, PORT, HOST (127.0.0.1), DB_POOL_MAX (20), BENCH_LOG_SQL=1 (print every statement).
 */
import http from 'node:http';
import type PgModule from 'pg';
import type * as PostGraphileModule from 'postgraphile';
import type * as PgAdaptor from 'postgraphile/adaptors/pg';
import type * as Grafserv from 'postgraphile/grafserv/node';
import type * as Utils from 'postgraphile/utils';
import type * as Amber from 'postgraphile/presets/amber';
import type * as ConnectionFilter from 'postgraphile-plugin-connection-filter';
import { benchRequire } from '../lib/bench-packages';

// From bench/node_modules (bench/package.json), with the pg PostGraphile itself uses.
const pg = benchRequire('pg') as typeof PgModule;
const { postgraphile } = benchRequire('postgraphile') as typeof PostGraphileModule;
const { makePgService } = benchRequire('postgraphile/adaptors/pg') as typeof PgAdaptor;
const { grafserv } = benchRequire('postgraphile/grafserv/node') as typeof Grafserv;
const { makeJSONPgSmartTagsPlugin } = benchRequire('postgraphile/utils') as typeof Utils;
const { PostGraphileAmberPreset } = benchRequire('postgraphile/presets/amber') as typeof Amber;
const { PostGraphileConnectionFilterPreset } = benchRequire(
  'postgraphile-plugin-connection-filter',
) as typeof ConnectionFilter;

let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: PgModule.Client, ...args: unknown[]) {
  statements += 1;
  if (process.env.BENCH_LOG_SQL) {
    const first = args[0] as string | { text?: string } | undefined;
    process.stderr.write(
      `[peer sql] ${(typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 300)}\n`,
    );
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

export async function startPeerServer(env: NodeJS.ProcessEnv = process.env): Promise<http.Server> {
  if (typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers !== 'function') {
    throw new Error(
      'PostGraphile 5 needs Promise.withResolvers: run with node -r bench/peer/polyfill.cjs (or Node >= 22)',
    );
  }
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.DB_POOL_MAX ?? 20) });
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
    // Without this, columns that lead no index (starts_on, ends_on, delisted_at, status, …) are not
    // filterable, and "active today" could not be asked at all.
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    // The hub's tables declare no foreign keys for these two references; declared here as
    // relations so PostGraphile can follow them: a person's file (read by (person_id, year))
    // and "records naming a person responsible" (a filter across record_responsible).
    plugins: [
      makeJSONPgSmartTagsPlugin({
        version: 1,
        config: {
          class: {
            'archives.archive_entry': { tags: { foreignKey: '(person_id) references subjects.subject (id)' } },
            'records.record_responsible': { tags: { foreignKey: '(record_id) references records.credit_record (id)' } },
          },
        },
      }),
    ],
    schema: { connectionFilterRelations: true },
    pgServices: [makePgService({ pool, schemas: ['subjects', 'records', 'archives'] })],
    // A 500-record ingest document with its variables is ~0.5 MB; the hub accepts 2 MB.
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false, maxRequestLength: 2 * 1024 * 1024 },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const handler = serv.createHandler();
  await pgl.getSchema();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (req.method === 'GET' && req.url === '/__bench/statements') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: statements }));
      return;
    }
    handler(req, res);
  });
  server.on('close', () => {
    void Promise.resolve(pgl.release()).then(() => pool.end());
  });
  const port = Number(env.PORT ?? 4200);
  return new Promise((resolve) => server.listen(port, env.HOST || '127.0.0.1', () => resolve(server)));
}

if (require.main === module) {
  startPeerServer().then(
    (server) => {
      const address = server.address();
      process.stdout.write(
        `peer (PostGraphile) ready on ${typeof address === 'object' && address ? address.port : address}\n`,
      );
      const stop = () => {
        server.closeAllConnections();
        server.close(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error: unknown) => {
      process.stderr.write(`peer server: ${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
