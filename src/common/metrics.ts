import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Orm } from '../db/orm';
import { totalStatements } from '../db/sql-statements';

/** Prometheus metrics of this process (served at /metrics). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'credit_hub_' });

export const requestCounter = new Counter({
  name: 'credit_hub_requests_total',
  help: 'GraphQL requests by operation name and outcome (ok or the first error code)',
  labelNames: ['operation', 'outcome'] as const,
  registers: [registry],
});

export const requestDuration = new Histogram({
  name: 'credit_hub_request_duration_seconds',
  help: 'GraphQL request latency by operation name',
  labelNames: ['operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const accessLogWrites = new Counter({
  name: 'credit_hub_access_log_writes_total',
  help: 'Entries appended to the hash-chained access log',
  registers: [registry],
});

export const rateLimitFallbacks = new Counter({
  name: 'credit_hub_rate_limit_fallbacks_total',
  help: 'Times the shared rate-limit store (RATE_LIMIT_STORE=postgres) failed and this gateway counted alone',
  labelNames: ['limiter'] as const,
  registers: [registry],
});

export const replicaReads = new Counter({
  name: 'credit_hub_replica_reads_total',
  help: 'Statements sent to a read replica (outcome ok), or sent again to the primary because the replica failed',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const gatewayPassThrough = new Counter({
  name: 'credit_hub_gateway_pass_through_total',
  help: 'Single-fetch queries and entity chains answered from the subgraph answers as they are (passed) or re-shaped after an error (replayed)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

let countedStatements = 0;
new Counter({
  name: 'credit_hub_sql_statements_total',
  help: 'SQL statements sent to PostgreSQL',
  registers: [registry],
  collect() {
    const now = totalStatements();
    this.inc(now - countedStatements);
    countedStatements = now;
  },
});

/** Connection-pool gauges, for a process that owns a database pool. */
export function registerPoolMetrics(orm: Orm): void {
  const pool = () =>
    (
      orm.em.getConnection().getKnex().client as {
        pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number };
      }
    ).pool;
  const gauge = (name: string, help: string, read: (p: NonNullable<ReturnType<typeof pool>>) => number) => {
    if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const p = pool();
        this.set(p ? read(p) : 0);
      },
    });
  };
  gauge('credit_hub_db_pool_used', 'Database connections in use', (p) => p.numUsed());
  gauge('credit_hub_db_pool_free', 'Idle database connections', (p) => p.numFree());
  gauge('credit_hub_db_pool_waiting', 'Requests waiting for a connection', (p) => p.numPendingAcquires());
}

export const webhookAttempts = new Counter({
  name: 'credit_hub_webhook_attempts_total',
  help: 'Webhook delivery attempts by outcome (delivered, retry, failed)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const directoryCalls = new Counter({
  name: 'credit_hub_directory_calls_total',
  help: 'Subject directory calls the subjects service answered for other services, by call and outcome (ok or the code)',
  labelNames: ['call', 'outcome'] as const,
  registers: [registry],
});
