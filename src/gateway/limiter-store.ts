import { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { HubConfig } from '../config';
import type { Logger } from '../common/logger';
import { rateLimitFallbacks } from '../common/metrics';

/** What the request budget and the failed-authentication limit ask of a counter (per key, per minute). */
export interface Limiter {
  /** Counts one; rejects with a RateLimiterRes once over the limit. */
  consume(key: string): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  penalty(key: string): Promise<RateLimiterRes>;
}

/** Where the gateway's limits count (RATE_LIMIT_STORE). */
export interface LimiterStore {
  readonly kind: HubConfig['limits']['store'];
  /** A counter of `points` per minute; `name` keeps its keys apart from other counters in the same store. */
  limiter(name: string, points: number): Limiter;
  close(): Promise<void>;
}

/** The shared counters' table (Migration20261202000600): one row per key and window. */
export const RATE_LIMIT_TABLE = { schemaName: 'access', tableName: 'rate_limit' };

const TABLE = `"${RATE_LIMIT_TABLE.schemaName}"."${RATE_LIMIT_TABLE.tableName}"`;
const WINDOW_SECONDS = 60;
/** After the store failed, this process counts alone for this long before it asks the store again. */
export const STORE_RETRY_MS = 5000;
/** The limiter's own connections (beside the client registry's): two statements per request at most. */
const POOL_SIZE = 4;
/** Rows whose window ended this long ago are deleted, every SWEEP_MS, by each replica. */
const SWEEP_AGE_MS = 3_600_000;
const SWEEP_MS = 300_000;

const memoryLimiter = (name: string, points: number) =>
  new RateLimiterMemory({ keyPrefix: name, points, duration: WINDOW_SECONDS });

/** Per process: behind N gateway replicas a client may make N times the limit. */
export function memoryStore(): LimiterStore {
  return { kind: 'memory', limiter: memoryLimiter, close: async () => undefined };
}

class StoreTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new StoreTimeout(`rate-limit store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The shared counter, or this process's own while the store cannot answer (refused, failed, or
 * slower than RATE_LIMIT_STORE_TIMEOUT_MS): a store outage must not take every route down with
 * it, so the limit then holds per process (logged, and counted in
 * credit_hub_rate_limit_fallbacks_total) until the store answers again.
 */
export class FallbackLimiter implements Limiter {
  private downUntil = 0;
  private down = false;

  constructor(
    private readonly name: string,
    private readonly shared: Limiter,
    private readonly local: Limiter,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  consume(key: string): Promise<RateLimiterRes> {
    return this.run((limiter) => limiter.consume(key));
  }

  get(key: string): Promise<RateLimiterRes | null> {
    return this.run((limiter) => limiter.get(key));
  }

  penalty(key: string): Promise<RateLimiterRes> {
    return this.run((limiter) => limiter.penalty(key));
  }

  private async run<T>(operation: (limiter: Limiter) => Promise<T>): Promise<T> {
    if (Date.now() < this.downUntil) return operation(this.local);
    let result: T;
    try {
      result = await withTimeout(operation(this.shared), this.timeoutMs);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw error; // over the limit: the store's answer
      this.fallBack(error);
      return operation(this.local);
    }
    if (this.down) {
      this.down = false;
      this.logger.info({ limiter: this.name }, 'rate-limit store answers again: limits are shared across replicas');
    }
    return result;
  }

  private fallBack(error: unknown): void {
    this.downUntil = Date.now() + STORE_RETRY_MS;
    this.down = true;
    rateLimitFallbacks.inc({ limiter: this.name });
    this.logger.warn(
      { err: error, limiter: this.name },
      `rate-limit store unavailable: this gateway counts ${this.name} alone for ${STORE_RETRY_MS / 1000} s`,
    );
  }
}

/**
 * Counters in PostgreSQL (the primary), shared by every gateway replica on it: a small pool of
 * its own, so requests waiting for the subgraphs' connections never delay the limiter; the
 * table is the migration's (the hub's role needs no DDL); a client over its budget is then
 * refused from memory until its window ends, without asking the store again.
 */
export function postgresStore(url: string, timeoutMs: number, logger: Logger): LimiterStore {
  const pool = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: Math.max(1000, timeoutMs * 4),
    idleTimeoutMillis: 30_000,
    application_name: 'credit-hub rate limits',
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', (error) => logger.warn({ err: error }, 'rate-limit store connection lost'));
  const sweep = setInterval(() => {
    pool
      .query(`DELETE FROM ${TABLE} WHERE expire < $1`, [Date.now() - SWEEP_AGE_MS])
      .catch((error: unknown) => logger.debug({ err: error }, 'rate-limit sweep failed'));
  }, SWEEP_MS).unref();
  const limiter = (name: string, points: number): Limiter => {
    const shared = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      ...RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: name,
      points,
      duration: WINDOW_SECONDS,
      inMemoryBlockOnConsumed: points + 1,
    });
    return new FallbackLimiter(name, shared, memoryLimiter(name, points), timeoutMs, logger);
  };
  return {
    kind: 'postgres',
    limiter,
    async close() {
      clearInterval(sweep);
      await pool.end();
    },
  };
}

/** The store RATE_LIMIT_STORE names; `postgres` on `databaseUrl`, the database the gateway reads clients from. */
export function openLimiterStore(limits: HubConfig['limits'], databaseUrl: string | undefined, logger: Logger) {
  if (limits.store === 'memory') return memoryStore();
  if (!databaseUrl) throw new Error('RATE_LIMIT_STORE=postgres needs DATABASE_URL: the limits count in its database');
  return postgresStore(databaseUrl, limits.storeTimeoutMs, logger);
}
