import path from 'node:path';
import { checkDatabaseUrl, databaseIdentity, SUBGRAPH_DATABASES, variable } from '../config/databases';
import type { HubConfig } from '../config';
import type { Logger } from '../common/logger';
import { schemasFor, type HubPart } from './migration-scope';
import { migrate, openOrm, type Orm } from './orm';

/** One database of the deployment and the parts of the hub whose tables it holds. */
export interface PlannedDatabase {
  /** The hub's role (the first URL naming this database). */
  url: string;
  /** The schema owner's, when configured (outside production the hub's role stands in). */
  ownerUrl?: string;
  parts: HubPart[];
  /** The schemas it holds; undefined when it holds every part (the one-database default: nothing is left out). */
  hosted?: ReadonlySet<string>;
}

/**
 * Every distinct database DATABASE_URL and SUBJECTS_/RECORDS_/ARCHIVES_DATABASE_URL name (one
 * for the default), DATABASE_URL's first: it holds the gateway's tables. Empty for the embedded database.
 */
export function databasePlan(config: HubConfig): PlannedDatabase[] {
  if (!config.databaseUrl) return [];
  const byIdentity = new Map<string, PlannedDatabase>();
  const add = (part: HubPart, url: string, ownerUrl: string | undefined) => {
    const entry = byIdentity.get(databaseIdentity(url)) ?? { url, ownerUrl, parts: [] };
    byIdentity.set(databaseIdentity(url), entry);
    entry.parts.push(part);
    entry.ownerUrl ??= ownerUrl;
  };
  add('gateway', config.databaseUrl, config.migrationDatabaseUrl);
  for (const name of SUBGRAPH_DATABASES) {
    const target = config.databases[name];
    if (target.own) checkDatabaseUrl(variable(name), target.url!);
    if (target.own && target.ownerUrl) checkDatabaseUrl(variable(name, 'MIGRATION_DATABASE_URL'), target.ownerUrl);
    add(name, target.url ?? config.databaseUrl, target.ownerUrl);
  }
  const everything = SUBGRAPH_DATABASES.length + 1;
  return [...byIdentity.values()].map((entry) => ({
    ...entry,
    hosted: entry.parts.length === everything ? undefined : schemasFor(entry.parts),
  }));
}

/**
 * The database a process works on: the one holding `part` (a subgraph service, the gateway's
 * `client` commands), or, for the process that serves everything, the only one there is.
 */
export function placeProcess(config: HubConfig, part?: HubPart): PlannedDatabase | undefined {
  const plan = databasePlan(config);
  if (plan.length === 0) return undefined;
  if (part) return plan.find((entry) => entry.parts.includes(part));
  if (plan.length > 1)
    throw new Error(
      `各子图的数据库是分开的，单个进程无法同时服务它们；请分别运行各子图服务 (docs/deployment.md)。 / ` +
        `SUBJECTS_/RECORDS_/ARCHIVES_DATABASE_URL name ${plan.length} databases: one process cannot serve ` +
        'every subgraph; run the split deployment (`serve --subgraph …`, docs/deployment.md "Database per subgraph")',
    );
  return plan[0];
}

/**
 * `credit-hub migrate` over separate databases: the chain in each, with the statements of the
 * schemas it holds (migration-scope.ts), as its owner. Returns the migrations applied per database.
 */
export async function migrateEach(
  config: HubConfig,
  entities: Parameters<typeof openOrm>[1],
  logger: Logger,
): Promise<{ parts: HubPart[]; applied: string[] }[]> {
  const results = [];
  for (const entry of databasePlan(config)) {
    const ownerUrl = entry.ownerUrl ?? (config.production ? undefined : entry.url);
    if (!ownerUrl)
      throw new Error(
        `migrations run as the schema owner: set the MIGRATION_DATABASE_URL of ${entry.parts.join(', ')}`,
      );
    const orm: Orm = await openOrm(ownerUrl, entities, { pool: { min: 0, max: 2 } }, entry.hosted);
    try {
      const applied = await migrate(orm);
      logger.info({ parts: entry.parts, applied }, 'migrated');
      results.push({ parts: entry.parts, applied });
    } finally {
      await orm.close(true);
    }
  }
  return results;
}

/**
 * Who checkpoints (and archives) a database's access log: the archives service where the database
 * holds archives (the one-database default), else its first subgraph (subjects before records).
 */
export function logKeeper(placed: PlannedDatabase | undefined): HubPart {
  const parts = placed?.parts ?? ['archives'];
  if (parts.includes('archives')) return 'archives';
  return parts.find((part) => part !== 'gateway') ?? 'gateway';
}

/**
 * Each database has its own access log, so its own checkpoints and archived months: the archives
 * database's in AUDIT_CHECKPOINT_DIR and AUDIT_ARCHIVE_DIR as before, another's in a folder named
 * for its keeper below them (`…/records`), so that `audit verify` of one log never meets another's.
 */
export function auditFoldersFor(config: HubConfig, placed: PlannedDatabase | undefined): HubConfig {
  const keeper = logKeeper(placed);
  if (keeper === 'archives') return config;
  const { audit } = config;
  return {
    ...config,
    audit: {
      ...audit,
      checkpointDir: path.join(audit.checkpointDir, keeper),
      archiveDir: path.join(audit.archiveDir, keeper),
    },
  };
}
