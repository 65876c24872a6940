import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { freePort } from '../src/common/net';
import { TEST_AUDIT_ENV } from './helpers/audit-keys';
import { PER_WORKER_DATABASES, workerDatabase } from './helpers/worker-database';

/**
 * One real PostgreSQL for the whole run: DATABASE_URL (the hub's role) and
 * MIGRATION_DATABASE_URL (the owner) when set (its credit-hub tables are emptied by the
 * tests!), otherwise a throw-away embedded cluster in a temporary directory with one database
 * per jest worker, so test files run side by side without sharing tables (setup-env.ts points
 * each worker at its own; tests/helpers/worker-database.ts). Access-log checkpoints go to a
 * temporary directory too (test resets remove them), signed and keyed with the test keys.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-test-'));
  // As root, the server runs as a dedicated user that must be able to enter this directory.
  fs.chmodSync(dataDir, 0o755);
  process.env.AUDIT_CHECKPOINT_DIR = path.join(dataDir, 'audit-checkpoints');
  // Hubs the tests start as processes sign and key like the in-test hubs.
  Object.assign(process.env, TEST_AUDIT_ENV);
  (globalThis as Record<string, unknown>).__testDatabase = { stop: async () => undefined, dataDir };
  if (process.env.DATABASE_URL) return;
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    port: await freePort(),
    database: 'credit_hub_test',
    log: (message) => process.stderr.write(`[test-postgres] ${message}\n`),
  });
  process.env.DATABASE_URL = db.url;
  process.env.MIGRATION_DATABASE_URL = db.ownerUrl;
  // The cluster's files are on this machine: tests/deployment/read-replicas.test.ts makes a standby of it.
  process.env.TEST_CLUSTER_DATA_DIR = path.join(dataDir, 'pg');
  (globalThis as Record<string, unknown>).__testDatabase = { stop: db.stop, dataDir };
  await createWorkerDatabases(db.ownerUrl, globalConfig.maxWorkers);
}

/** Worker 1 uses the cluster's database; each further worker gets an empty one its first hub migrates. */
async function createWorkerDatabases(ownerUrl: string, workers: number): Promise<void> {
  if (workers <= 1) return;
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (let worker = 2; worker <= workers; worker += 1)
      await client.query(`CREATE DATABASE "${workerDatabase(ownerUrl, worker).database}"`);
  } finally {
    await client.end();
  }
  process.env[PER_WORKER_DATABASES] = String(workers);
}
