import { MikroORM, ReflectMetadataProvider, type AbstractSqlConnection, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations';
import { recordStatement } from './sql-statements';
import { HubEntityManager } from './read-side';
import { scopedMigrations } from './migration-scope';

export type Orm = MikroORM;

/**
 * One MikroORM instance per process. Each subgraph lists its own entities (in its own
 * PostgreSQL schema); the in-process default passes all of them, a split subgraph
 * service only its own. Migrations are listed statically so they run the same from
 * TypeScript (tests) and compiled JavaScript (dist). `hosted`: the schemas this database holds
 * (a database per subgraph, migration-scope.ts); unset = all of them.
 */
export function ormOptions(
  url: string,
  entities: NonNullable<Options['entities']>,
  extra: Partial<Options> = {},
  hosted?: ReadonlySet<string>,
): Options {
  return {
    clientUrl: url,
    entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: scopedMigrations(migrationsList, hosted),
      path: 'migrations',
      pathTs: 'migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    forceUtcTimezone: true,
    // MikroORM's query log writes statements with their parameter values inlined: it stays off.
    debug: false,
    // Request code works on forks; the global context is only for start-up work.
    allowGlobalContext: false,
    pool: { min: 0, max: Number(process.env.DB_POOL_MAX ?? 20) },
    // Every fork is a HubEntityManager: reads go to a replica only where a request says so (read-side.ts).
    entityManager: HubEntityManager,
    preferReadReplicas: false,
    ...extra,
  };
}

export async function openOrm(
  url: string,
  entities: NonNullable<Options['entities']>,
  extra: Partial<Options> = {},
  hosted?: ReadonlySet<string>,
): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(url, entities, extra, hosted));
  for (const connection of connectionsOf(orm))
    connection.getKnex().on('query', (query: { sql: string }) => recordStatement(query));
  return orm;
}

/** DATABASE_REPLICA_URLS as MikroORM replicas (each with its own pool of DB_POOL_MAX): none = the primary only. */
export function replicaOptions(urls: readonly string[]): Partial<Options> {
  if (urls.length === 0) return {};
  return {
    replicas: urls.map((clientUrl, index) => ({
      name: `replica-${index + 1}`,
      clientUrl,
      dbName: decodeURIComponent(new URL(clientUrl).pathname.replace(/^\//, '')),
    })),
  };
}

/** The primary and every replica connection (statement counting sees them all). */
export function connectionsOf(orm: Orm): AbstractSqlConnection[] {
  const driver = orm.em.getDriver();
  // MikroORM keeps the replica connections to itself (`protected replicas`); there is no public list of them.
  const replicas = (driver as unknown as { replicas: AbstractSqlConnection[] }).replicas ?? [];
  return [driver.getConnection('write'), ...replicas];
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
