/**
 * The floor of the benchmark: a minimal Node HTTP server answering the hub's questions with
 * hand-written SQL through `pg`. It reuses the hub's pure code (code validation, keyed hash,
 * publicity windows, scoring) so it answers the same question, and skips everything a real
 * service needs: no token check, no authorization table, no GraphQL, no ORM.
 *
 *   POST /blacklist      {codes, listTypes?, context?, sub, org} -> {data: {blacklistCheck: [...]}} (4 statements:
 *                        3 reads, the check log's insert; the lists, the decision and the checkId, as the hub)
 *   POST /blacklist-decision  the same route (the decision scenario asks context PROCUREMENT)
 *   POST /credit-status  {code, sub, org}     -> {data: {creditStatus: {...}}}     (3 statements)
 *   POST /archive        {code, purpose, sub, org} -> {data: {subject: {name, archive}}} (3 statements; no access log)
 *   POST /records        {source, records}    -> {data: {submitRecords: {...}}}    (2 statements)
 *   GET  /health
 *
 * Every response carries `x-sql-statements`: the statements it sent.
 * Env: DATABASE_URL, PORT, HOST (127.0.0.1), PII_SECRET, DB_POOL_MAX (20), BENCH_REGION (320900,
 * the viewer's jurisdiction for the visibility of records and civil servants' names).
 *
 * The benchmark's callers (a tender platform, a procurement system) are not entitled to
 * persons: resident ID numbers are answered as withheld, and an organization's status counts
 * the records the caller may read (docs/credit-status.md), as the hub does.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { archive } from './archive';
import { blacklist } from './blacklist';
import { HttpError, rawContext, type Query, type RawContext } from './context';
import { creditStatus } from './credit-status';
import { submitRecords } from './records';

// Each route reads the fields it needs from the parsed JSON body.
type Route = (ctx: RawContext, body: never, query: Query) => Promise<unknown>;
const ROUTES: Record<string, Route> = {
  '/blacklist': blacklist,
  '/blacklist-decision': blacklist,
  '/credit-status': creditStatus,
  '/archive': archive,
  '/records': submitRecords,
};

function send(res: ServerResponse, status: number, body: unknown, statements: number): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-sql-statements': String(statements),
  });
  res.end(text);
}

/** Answers one request with its route, counting the statements it sends. */
function answer(pool: Pool, ctx: RawContext, route: Route, text: string, res: ServerResponse): void {
  const tally = { n: 0 };
  const query: Query = async (sqlText, params) => {
    tally.n += 1;
    return (await pool.query(sqlText, params)).rows;
  };
  (async () => {
    const body = JSON.parse(text);
    return { data: await route(ctx, body as never, query) };
  })().then(
    (result) => send(res, 200, result, tally.n),
    (error: unknown) => {
      const status = error instanceof HttpError ? error.status : error instanceof SyntaxError ? 400 : 500;
      send(res, status, { errors: [{ message: (error as Error).message }] }, tally.n);
    },
  );
}

export function startRawServer(env: NodeJS.ProcessEnv = process.env): Promise<http.Server> {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: Number(env.DB_POOL_MAX ?? 20) });
  const ctx = rawContext(env);
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' }, 0);
    const route = req.method === 'POST' ? ROUTES[req.url ?? ''] : undefined;
    if (!route) return send(res, 404, { error: 'not found' }, 0);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(pool, ctx, route, Buffer.concat(chunks).toString('utf8'), res));
  });
  server.on('close', () => void pool.end());
  const port = Number(env.PORT ?? 4100);
  return new Promise((resolve) => server.listen(port, env.HOST || '127.0.0.1', () => resolve(server)));
}

if (require.main === module) {
  startRawServer().then(
    (server) => {
      const address = server.address();
      process.stdout.write(`raw server ready on ${typeof address === 'object' && address ? address.port : address}\n`);
      const stop = () => {
        server.closeAllConnections();
        server.close(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error: unknown) => {
      process.stderr.write(`raw server: ${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
