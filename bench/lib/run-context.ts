import { sql, type BenchDatabase } from './database';
import type { HubStatementCounts } from './hub-statements';
import type { BenchOptions, ScenarioName, ServerName } from './options';
import type { RunPlan } from './plan';
import type { Check } from './results';
import { PATHS } from './servers';
import type { ArchiveAnswer, BlacklistRow, StatusAnswer } from './verify';
import { archiveBodies, blacklistBodies, ingestBodyFor, statusBodies, type Workload } from './workload';
import { CALLERS } from './hub-statements';
import { decisionBodies, type DecisionRow } from './decision';

/** Each server's answers to the verification requests, compared with raw's at the end. */
export interface Answers {
  blacklist: Partial<Record<ServerName, BlacklistRow[][]>>;
  decision: Partial<Record<ServerName, DecisionRow[][]>>;
  status: Partial<Record<ServerName, StatusAnswer[]>>;
  archive: Partial<Record<ServerName, ArchiveAnswer[]>>;
}

/** What the steps of one run share. */
export interface RunContext {
  db: BenchDatabase;
  options: BenchOptions;
  plan: RunPlan;
  hubStatements: HubStatementCounts;
  answers: Answers;
  checks: Check[];
  log: (message: string) => void;
}

export function recordCheck(
  ctx: RunContext,
  scenario: ScenarioName,
  server: ServerName,
  ok: boolean,
  detail: string,
): void {
  ctx.checks.push({ scenario, server, ok, detail });
  ctx.log(`  check ${ok ? 'ok  ' : 'FAIL'} ${scenario}/${server}: ${detail}`);
}

/** Rows written by ingest runs (leftovers of in-flight requests included), then VACUUM so reads see the same table. */
export async function removeIngested(ctx: RunContext): Promise<void> {
  const [{ n }] = await sql<{ n: number }>(
    ctx.db.runtime,
    `WITH gone AS (DELETE FROM records.credit_record WHERE source_system LIKE 'bench-ingest-%' RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  if (n > 0) await sql(ctx.db.runtime, 'VACUUM ANALYZE records.credit_record');
}

/** The requests of one scenario as one server is asked them. */
export function workloadFor(ctx: RunContext, server: ServerName, scenario: ScenarioName): Workload {
  const { plan, options } = ctx;
  const { services } = ctx.db.runtime;
  const spec: Workload['spec'] = {
    path: PATHS[server][scenario],
    headers: server === 'hub' ? { authorization: `Bearer ${plan.tokens[scenario]}` } : {},
  };
  if (scenario === 'blacklist') {
    return {
      spec,
      bodies: blacklistBodies(server, plan.batches, services.keys, CALLERS.blacklist),
      items: options.blacklistCodes,
    };
  }
  if (scenario === 'decision') {
    return { spec, bodies: decisionBodies(server, plan.batches, CALLERS.status), items: options.blacklistCodes };
  }
  if (scenario === 'status') {
    return { spec, bodies: statusBodies(server, plan.statusCodes, services.keys, CALLERS.status), items: 1 };
  }
  if (scenario === 'archive') {
    return { spec, bodies: archiveBodies(server, plan.cadreCodes, services.keys, plan.reader), items: 1 };
  }
  return {
    spec,
    bodyFor: ingestBodyFor(server, plan.pools.ingestTargets, options.ingestBatch, plan.runId, {
      keys: services.keys,
      policy: services.creditPolicy,
      regionOf: plan.regionOf,
    }),
    items: options.ingestBatch,
  };
}
