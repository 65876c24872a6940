import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { freePort } from '../src/common/net';
import { TEST_AUDIT_ENV } from './helpers/audit-keys';

/**
 * One real PostgreSQL for the whole run: DATABASE_URL (the hub's role) and
 * MIGRATION_DATABASE_URL (the owner) when set (its credit-hub tables are emptied by the
 * tests!), otherwise a throw-away embedded cluster in a temporary directory. Access-log
 * checkpoints go to a temporary directory too (test resets remove them), signed and keyed
 * with the test keys.
 */
export default async function globalSetup(): Promise<void> {
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
  (globalThis as Record<string, unknown>).__testDatabase = { stop: db.stop, dataDir };
}
