import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { freePort } from '../src/common/net';

/**
 * One real PostgreSQL for the whole run: DATABASE_URL when set (its credit-hub tables are
 * emptied by the tests!), otherwise a throw-away embedded cluster in a temporary directory.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-test-'));
  // As root, the server runs as a dedicated user that must be able to enter this directory.
  fs.chmodSync(dataDir, 0o755);
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    port: await freePort(),
    database: 'credit_hub_test',
    log: (message) => process.stderr.write(`[test-postgres] ${message}\n`),
  });
  process.env.DATABASE_URL = db.url;
  (globalThis as Record<string, unknown>).__testDatabase = { stop: db.stop, dataDir };
}
