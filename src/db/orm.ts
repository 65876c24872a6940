import { MikroORM, ReflectMetadataProvider, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations';
import { recordStatement } from './sql-statements';

export type Orm = MikroORM;

/**
 * One MikroORM instance per process. Each subgraph lists its own entities (in its own
 * PostgreSQL schema); the in-process default passes all of them, a split subgraph
 * service only its own. Migrations are listed statically so they run the same from
 * TypeScript (tests) and compiled JavaScript (dist).
 */
export function ormOptions(
  url: string,
  entities: NonNullable<Options['entities']>,
  extra: Partial<Options> = {},
): Options {
  return {
    clientUrl: url,
    entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList,
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
    ...extra,
  };
}

export async function openOrm(
  url: string,
  entities: NonNullable<Options['entities']>,
  extra: Partial<Options> = {},
): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(url, entities, extra));
  orm.em
    .getConnection()
    .getKnex()
    .on('query', (query: { sql: string }) => recordStatement(query.sql));
  return orm;
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
