import { checkAnswers } from './answer-checks';
import { cpuSince, cpuSnapshot, waitForQuiet, type CpuUsed } from './cpu';
import type { HubStatementCounts } from './hub-statements';
import { runLoad, type LoadResult, type LoadSpec } from './load';
import { round } from './numbers';
import type { ServerName } from './options';
import type { BenchReport, ScenarioResult, ServerScenarioResult } from './results';
import { recordCheck, removeIngested, workloadFor, type RunContext } from './run-context';
import { httpGet, startServer, type RunningServer } from './servers';
import { runsOn } from './decision';

/** autocannon stops sending at the deadline; requests in flight still finish on the server. */
function settle(p99Ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(10_000, Math.max(300, p99Ms * 2))));
}

export function describeCommand(server: ServerName): string {
  if (server === 'raw') return 'node dist/bench/raw/server.js';
  if (server === 'peer') return 'node -r ./bench/peer/polyfill.cjs dist/bench/peer/server.js';
  return 'NODE_ENV=production node dist/src/cli/main.js serve';
}

function cpuPerRequest(result: ServerScenarioResult, used: CpuUsed, load: LoadResult): void {
  if (load.requests <= 0) return;
  const perRequest = (seconds: number) => round((1000 * seconds) / load.requests, 2);
  result.cpuMsPerRequest = {
    server: perRequest(used.server),
    postgres: perRequest(used.postgres),
    loadGenerator: perRequest(used.self),
  };
  result.serverCoreUse = round(used.server / used.wall, 2);
  result.foreignCores = round(used.foreign / used.wall, 2);
}

function roundedLoad(load: LoadResult): LoadResult {
  return {
    ...load,
    requestsPerSec: round(load.requestsPerSec, 2),
    p50Ms: round(load.p50Ms, 2),
    p90Ms: round(load.p90Ms, 2),
    p99Ms: round(load.p99Ms, 2),
    meanMs: round(load.meanMs, 2),
  };
}

function peerStatements(running: RunningServer): Promise<number> {
  return httpGet(`${running.baseUrl}/__bench/statements`).then((res) => JSON.parse(res.body).count as number);
}

function logMeasured(ctx: RunContext, scenario: ScenarioResult, server: ServerName, statements: number | null) {
  const result = scenario.servers[server]!;
  const cpu = result.cpuMsPerRequest;
  ctx.log(
    `  ${scenario.name}/${server}: ${result.load!.requestsPerSec} req/s, p50 ${result.load!.p50Ms} ms, p99 ${result.load!.p99Ms} ms, peak RSS ${result.rssPeakMb} MB, ${statements ?? '?'} statements/op, CPU ms/req: server ${cpu?.server}, postgres ${cpu?.postgres}, autocannon ${cpu?.loadGenerator} (server ${result.serverCoreUse} cores, other processes ${result.foreignCores} cores)`,
  );
}

/** Checks the answers of one server to one scenario, warms it up, and measures it under load. */
async function measureScenario(ctx: RunContext, running: RunningServer, scenario: ScenarioResult) {
  const { options } = ctx;
  const serverName = running.name;
  const result = scenario.servers[serverName]!;
  await removeIngested(ctx);
  const workload = workloadFor(ctx, serverName, scenario.name);
  let statements = await checkAnswers(ctx, running, scenario.name, workload);
  const stopRss = running.sampleRss();
  const base: Omit<LoadSpec, 'seconds'> = {
    url: running.baseUrl,
    path: workload.spec.path,
    headers: workload.spec.headers,
    connections: scenario.connections!,
    bodies: workload.bodies,
  };
  if (options.warmup > 0) {
    // Warm-up batches get their own numbers: every measured batch is new to the database.
    await runLoad({
      ...base,
      seconds: options.warmup,
      bodyFor: workload.bodyFor ? (n) => workload.bodyFor!(500_000 + n) : undefined,
    });
  }
  const peerBefore = serverName === 'peer' ? await peerStatements(running) : 0;
  if (serverName === 'hub') {
    statements = (ctx.hubStatements[scenario.name as keyof HubStatementCounts] as number | undefined) ?? null;
    result.statementsNote = 'counted in-process around one gateway execution';
  }
  result.statementsPerOp = statements;
  if (options.maxWait > 0) await waitForQuiet(ctx.db.runtime, running, ctx.log, options.maxWait);
  ctx.log(`  ${scenario.name}/${serverName}: ${options.duration} s at ${scenario.connections} connections`);
  const before = await cpuSnapshot(ctx.db.runtime, running);
  const load = await runLoad({ ...base, seconds: options.duration, bodyFor: workload.bodyFor });
  cpuPerRequest(result, cpuSince(before, await cpuSnapshot(ctx.db.runtime, running)), load);
  await settle(load.p99Ms);
  result.rssPeakMb = round(stopRss());
  if (serverName === 'peer' && load.requests > 0) {
    // Steady state over the whole measured run (connection set-up statements amortised).
    result.statementsPerOp = round(((await peerStatements(running)) - peerBefore) / load.requests, 1);
    result.statementsNote = 'average over the measured run (pg client query counter)';
    statements = result.statementsPerOp;
  }
  result.load = roundedLoad(load);
  result.itemsPerSec = round(load.requestsPerSec * workload.items, 1);
  const failures = load.errors + load.timeouts + load.non2xx + load.errorAnswers;
  recordCheck(
    ctx,
    scenario.name,
    serverName,
    load.requests > 0 && failures === 0,
    `${load.requests} requests under load, ${failures} failed (${load.non2xx} non-2xx, ${load.errorAnswers} with GraphQL errors, ${load.errors} transport errors)`,
  );
  logMeasured(ctx, scenario, serverName, statements);
}

async function startFor(ctx: RunContext, serverName: ServerName): Promise<RunningServer> {
  const { db } = ctx;
  return startServer(serverName, {
    databaseUrl: db.url,
    jwtSecret: ctx.plan.secret,
    piiSecret: db.config.piiSecret,
    developmentDefaults: db.config.developmentDefaults,
    checkpointDir: db.config.audit.checkpointDir,
    cpuProfDir: serverName === 'hub' ? ctx.options.cpuProfDir : undefined,
  });
}

/** Starts one server, runs every scenario against it, stops it; a failure is a failed check, not the end of the run. */
export async function measureServer(
  ctx: RunContext,
  serverName: ServerName,
  scenarios: ScenarioResult[],
  servers: BenchReport['servers'],
): Promise<void> {
  ctx.log(`starting ${serverName}`);
  let running: RunningServer;
  try {
    running = await startFor(ctx, serverName);
  } catch (error) {
    for (const scenario of scenarios) {
      scenario.servers[serverName] = { error: (error as Error).message.slice(0, 2000) };
      recordCheck(ctx, scenario.name, serverName, false, `did not start: ${(error as Error).message.split('\n')[0]}`);
    }
    return;
  }
  ctx.log(`${serverName} ready in ${running.startupMs} ms (pid ${running.pid})`);
  try {
    for (const scenario of scenarios) {
      if (!runsOn(scenario.name, serverName)) continue;
      const result: ServerScenarioResult = {};
      scenario.servers[serverName] = result;
      try {
        await measureScenario(ctx, running, scenario);
      } catch (error) {
        result.error = (error as Error).message.slice(0, 2000);
        recordCheck(ctx, scenario.name, serverName, false, `failed: ${result.error.split('\n')[0]}`);
      } finally {
        if (scenario.name === 'ingest') await removeIngested(ctx);
      }
    }
  } finally {
    servers[serverName] = {
      startupMs: running.startupMs,
      vmHwmMb: round(running.memory().hwmMb),
      command: describeCommand(serverName),
    };
    await running.stop();
  }
}
