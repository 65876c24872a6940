import type { HubConfig } from '../config';
import type { Logger } from '../common/logger';
import { startEmbeddedPostgres } from './embedded-postgres';
import { processAlive } from './running-cluster';
import type { PlannedDatabase } from './database-plan';

export interface Database {
  /** The hub's own, least-privileged connection. */
  url: string;
  /** The schema owner's, for migrations and maintenance; undefined in production without MIGRATION_DATABASE_URL. */
  ownerUrl?: string;
  embedded: boolean;
  /** The embedded cluster: started by this process, or another credit-hub process's (`attached`, left running). */
  cluster?: { dataDir: string; pid: number; port: number; attached: boolean };
  /** False once the embedded server has stopped under us (Ctrl-C reaches it too); DATABASE_URL: always true. */
  running(): boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL (the hub's role) and MIGRATION_DATABASE_URL (the owner) when set, or the database
 * `placed` names (a subgraph's own, database-plan.ts); otherwise the embedded PostgreSQL in the
 * configured data directory, with both roles made for it.
 */
export async function openDatabase(config: HubConfig, logger: Logger, placed?: PlannedDatabase): Promise<Database> {
  if (config.databaseUrl) {
    const url = placed?.url ?? config.databaseUrl;
    let ownerUrl = placed ? placed.ownerUrl : config.migrationDatabaseUrl;
    if (!ownerUrl && !config.production) {
      logger.warn(
        'MIGRATION_DATABASE_URL not set: migrations run as the DATABASE_URL role, which then owns the tables it may not rewrite',
      );
      ownerUrl = url;
    }
    return { url, ownerUrl, embedded: false, running: () => true, stop: async () => undefined };
  }
  logger.info(`opening the embedded PostgreSQL (data in ${config.embeddedPg.dataDir}, port ${config.embeddedPg.port})`);
  const db = await startEmbeddedPostgres({
    dataDir: config.embeddedPg.dataDir,
    port: config.embeddedPg.port,
    database: 'credit_hub',
    log: (message) => logger.info(message),
  });
  const cluster = { dataDir: config.embeddedPg.dataDir, pid: db.pid, port: db.port, attached: db.attached };
  const running = () => db.pid <= 0 || processAlive(db.pid);
  return { url: db.url, ownerUrl: db.ownerUrl, embedded: true, cluster, running, stop: db.stop };
}

/** Database URL without its password, for logs and banners. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
