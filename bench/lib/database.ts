import { emptyHubTables } from '../../src/db/reset';
import path from 'node:path';
import { loadConfig, type HubConfig } from '../../src/config';
import { createLogger } from '../../src/common/logger';
import { PROJECT_ROOT } from '../../src/common/paths';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { openRuntime, type Runtime } from '../../src/runtime';
import type { BenchOptions } from './options';

export interface BenchDatabase {
  /** The hub's own role (what the servers under test connect as). */
  url: string;
  embedded: boolean;
  /** The embedded cluster's postmaster (its backends are its children), when embedded. */
  postmasterPid?: number;
  /** The hub configuration every process of the run shares (same secrets, same database). */
  config: HubConfig;
  runtime: Runtime;
  /** Stops the runtime and, when embedded, the PostgreSQL server. */
  close(): Promise<void>;
}

/**
 * The database of a run: DATABASE_URL when set, otherwise an embedded PostgreSQL of its own
 * (data in .data/bench-postgres, port BENCH_PG_PORT or 5434) so a benchmark never touches
 * the development database. Migrations are applied through the hub's own runtime.
 */
export async function openBenchDatabase(options: BenchOptions, log: (message: string) => void): Promise<BenchDatabase> {
  let url = process.env.DATABASE_URL || '';
  let ownerUrl = process.env.MIGRATION_DATABASE_URL || '';
  let stopEmbedded: (() => Promise<void>) | undefined;
  let postmasterPid: number | undefined;
  if (!url) {
    const dataDir = path.resolve(process.env.BENCH_PG_DATA_DIR || path.join(PROJECT_ROOT, '.data', 'bench-postgres'));
    const port = Number(process.env.BENCH_PG_PORT || 5434);
    log(`starting embedded PostgreSQL for the benchmark (data in ${dataDir}, port ${port})`);
    const db = await startEmbeddedPostgres({
      dataDir,
      port,
      // The curve reseeds at every size: a database of its own, so the full run's dataset stays.
      database:
        options.mode === 'smoke'
          ? 'credit_hub_bench_smoke'
          : options.curve
            ? 'credit_hub_bench_curve'
            : 'credit_hub_bench',
      log,
    });
    url = db.url;
    ownerUrl = db.ownerUrl;
    stopEmbedded = db.stop;
    postmasterPid = db.pid;
    // The smoke database is the benchmark's own throw-away: always start it empty.
    if (options.mode === 'smoke') options.reset = true;
  }
  // Checkpoints of the benchmark's log stay apart from the development ones (a reset removes them).
  const checkpointDir =
    process.env.BENCH_AUDIT_CHECKPOINT_DIR || path.join(PROJECT_ROOT, '.data', 'bench-audit-checkpoints');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    MIGRATION_DATABASE_URL: ownerUrl,
    AUDIT_CHECKPOINT_DIR: checkpointDir,
    DEMO_DATA: 'false',
  });
  if (!config.jwt.secret) {
    throw new Error(
      'the benchmark mints HS256 development tokens: set JWT_SECRET (JWT_PUBLIC_KEY / JWT_JWKS_URL cannot be used here)',
    );
  }
  let runtime: Runtime;
  try {
    // The benchmark loads, truncates and ANALYZEs: it works as the owner; the hub under test does not.
    runtime = await openRuntime(config, { logger: createLogger('warn'), as: 'owner' });
  } catch (error) {
    await stopEmbedded?.();
    throw error;
  }
  return {
    url,
    embedded: !!stopEmbedded,
    postmasterPid,
    config,
    runtime,
    async close() {
      await runtime.close();
      await stopEmbedded?.();
    },
  };
}

/** Empties every table the hub owns, keeping migrations and the access log's chain heads. */
export async function truncateHubTables(runtime: Runtime): Promise<void> {
  await emptyHubTables(runtime);
}

export async function sql<T = Record<string, unknown>>(
  runtime: Runtime,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return runtime.services.orm.em.fork().getConnection().execute(text, params) as Promise<T[]>;
}
