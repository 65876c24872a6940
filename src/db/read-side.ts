import type { AnyEntity, EntityData, QueryResult } from '@mikro-orm/core';
import { EntityManager, type AbstractSqlConnection, type PostgreSqlDriver } from '@mikro-orm/postgresql';
import { replicaReads } from '../common/metrics';
import { executeDirect, mayExecuteDirect } from './direct-statement';

/**
 * Where a request's reads go (docs/deployment.md, "Read replicas"): `primary` for every write and for every
 * request that is not a plain query (mutations, a client that has just written), `replica` for the others.
 */
export type ReadSide = 'primary' | 'replica';

// Statements that write, lock or move a sequence, wherever they appear in the text: such a statement is never sent
// to a replica, which would refuse it (or, for a SELECT … FOR UPDATE, take no lock that means anything).
const WRITES =
  /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|CALL|DO|LOCK|NOTIFY|LISTEN)\b|\bFOR\s+(NO\s+KEY\s+|KEY\s+)?(UPDATE|SHARE)\b|\b(nextval|setval|set_config|pg_advisory\w*|pg_notify|pg_current_wal\w*)\s*\(/i;
const READS = /^\s*\(*\s*(SELECT|WITH|VALUES|TABLE)\b/i;

// Connection failures, shutdowns (57P0x), "cannot connect now" while starting, and a standby's recovery conflicts.
const UNAVAILABLE_CODES = /^(08|57P0)|^(40001|57014)$|^(ECONN\w+|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)$/;

/** Whether a replica's failure says nothing about the statement, so the primary may answer it instead. */
function replicaUnavailable(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return true;
  return name === 'KnexTimeoutError' || /Connection terminated|connection (is )?closed/i.test(String(message ?? ''));
}

/** A statement a replica may answer: it starts as a read and nothing in it writes, locks or moves a sequence. */
export function isPlainRead(sql: string): boolean {
  return READS.test(sql) && !WRITES.test(sql);
}

/**
 * The hub's EntityManager (MikroORM's `entityManager` option, so every fork is one). A fork reads from the
 * primary unless `readingFrom(em, 'replica')` made it a replica reader: then its raw statements (`em.execute`,
 * which every finder and loader uses) go to a replica when they are plain reads outside a transaction; everything
 * else (writes, locks, transactions, flushes, the ORM's own finds, which only writes and the client registry use)
 * stays on the primary.
 * With no replicas configured MikroORM's read connection is the primary itself.
 */
export class HubEntityManager extends EntityManager<PostgreSqlDriver> {
  /** This fork's side; forks of it (transactions, nested forks) start on the primary again. */
  readSide: ReadSide = 'primary';

  private onReplica(): boolean {
    return this.readSide === 'replica' && !this.getContext(false).getTransactionContext();
  }

  override async execute<
    T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[],
  >(
    queryOrKnex: Parameters<EntityManager['execute']>[0],
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    loggerContext?: Parameters<EntityManager['execute']>[3],
  ): Promise<T> {
    if (typeof queryOrKnex !== 'string' || this.getContext(false).getTransactionContext())
      return super.execute<T>(queryOrKnex, params as never[], method, loggerContext);
    if (method === 'run' || !this.onReplica() || !isPlainRead(queryOrKnex))
      return this.direct<T>(queryOrKnex, params, method);
    const driver = this.getDriver();
    const replica = driver.getConnection('read') as AbstractSqlConnection;
    try {
      const rows = await replica.execute<T>(queryOrKnex, params, method, undefined, loggerContext);
      replicaReads.inc({ outcome: 'ok' });
      return rows;
    } catch (error) {
      if (!replicaUnavailable(error)) throw driver.convertException(error as Error);
      // A replica that is down, restarting or cancelling reads to replay WAL costs latency, never an answer.
      replicaReads.inc({ outcome: 'fallback' });
      return super.execute<T>(queryOrKnex, params as never[], method, loggerContext);
    }
  }

  /** A statement text outside a transaction, on the primary: straight on a pooled client (direct-statement.ts). */
  private async direct<T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[]>(
    sql: string,
    params: unknown[],
    method: 'all' | 'get' | 'run',
  ): Promise<T> {
    if (!mayExecuteDirect(this.config)) return super.execute<T>(sql, params as never[], method);
    const driver = this.getDriver();
    const primary = driver.getConnection('write') as AbstractSqlConnection;
    await primary.ensureConnection();
    try {
      return await executeDirect<T>(primary, this.config, sql, params, method);
    } catch (error) {
      throw driver.convertException(error as Error);
    }
  }
}

/**
 * A fork of `em` that reads from `side` (a fork of its own: the caller's `em` is left as it was). Without replicas
 * MikroORM's read connection is the primary's: the fork then simply stays on the primary.
 */
export function readingFrom<E extends EntityManager>(em: E, side: ReadSide): E {
  const fork = em.fork();
  const driver = fork.getDriver();
  const hasReplicas = driver.getConnection('read') !== driver.getConnection('write');
  if (fork instanceof HubEntityManager) fork.readSide = hasReplicas ? side : 'primary';
  return fork;
}

/**
 * `em` itself when it reads from the primary, else a primary fork: for what a query writes and for the reads a
 * write depends on (the access log's chain head, a check log's sequence), which a lagging replica would get wrong.
 */
export function onPrimary<E extends EntityManager>(em: E): E {
  return em instanceof HubEntityManager && em.readSide === 'replica' ? readingFrom(em, 'primary') : em;
}
