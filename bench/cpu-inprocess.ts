#!/usr/bin/env node
/**
 * CPU per operation of the hub in this process (no HTTP, no load generator, no profiler):
 * blacklistCheck of 500 codes, creditStatus and the archive read, each run in several loops;
 * prints the minimum CPU ms per operation over the loops (the machine's cores are shared, so
 * CPU, not wall time, and the minimum, not the mean).
 *
 *   npm run bench:cpu -- [--subjects N --records N --cadres N] [--loops L] [--ops-scale S]
 *                        [--scenarios blacklist,status,archive,ingest]
 *
 * Seeds the bench database (DATABASE_URL, else the embedded one: BENCH_PG_DATA_DIR,
 * BENCH_PG_PORT) to the asked size first, as `npm run bench` does. Run with NODE_ENV=production.
 */
import 'reflect-metadata';
import { makePrincipal, type Principal } from '../src/auth/principal';
import { createHub, type Hub } from '../src/gateway/hub';
import { openBenchDatabase } from './lib/database';
import { ensureDataset } from './lib/dataset';
import { parseArgs, type ScenarioName } from './lib/options';
import { planRun } from './lib/plan';
import { CALLERS } from './lib/hub-statements';
import { ARCHIVE_PURPOSE, HUB_ARCHIVE, HUB_BLACKLIST, HUB_STATUS } from './lib/documents';
import { inProcessIngest, removeInProcessIngest } from './lib/inprocess-ingest';
import { treeCpuSeconds } from './lib/proc-stats';

interface Scenario {
  /** The bench's scenario name (--scenarios). */
  id: ScenarioName;
  name: string;
  ops: number;
  viewer: Principal;
  request(i: number): { query: string; variables: Record<string, unknown> };
}

function flag(args: string[], name: string, fallback: number): number {
  return args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
}

/** Removes this script's own flags before the bench's parser sees the rest. */
function benchArgs(args: string[]): string[] {
  const own = new Set(['--loops', '--ops-scale']);
  return args.filter((arg, i) => !own.has(arg) && !own.has(args[i - 1]));
}

async function runOnce(hub: Hub, scenario: Scenario, i: number): Promise<void> {
  const response = await hub.server.executeOperation(scenario.request(i), {
    contextValue: hub.contextFor(scenario.viewer),
  });
  if (response.body.kind !== 'single' || response.body.singleResult.errors)
    throw new Error(`${scenario.name} answered with errors: ${JSON.stringify(response.body).slice(0, 400)}`);
}

interface Loop {
  total: number;
  system: number;
  /** The embedded PostgreSQL's CPU (its postmaster's process tree), when the bench started it. */
  postgres?: number;
}

/**
 * CPU ms per operation of each loop (user + system, and system alone; PostgreSQL's when `postgresSeconds` reads it),
 * after one unmeasured warm-up loop.
 */
async function measure(hub: Hub, scenario: Scenario, loops: number, postgresSeconds?: () => number): Promise<Loop[]> {
  for (let i = 0; i < scenario.ops; i++) await runOnce(hub, scenario, i);
  const perLoop: Loop[] = [];
  for (let loop = 0; loop < loops; loop++) {
    const cpu = process.cpuUsage();
    const postgres = postgresSeconds?.();
    for (let i = 0; i < scenario.ops; i++) await runOnce(hub, scenario, loop * scenario.ops + i);
    const used = process.cpuUsage(cpu);
    perLoop.push({
      total: (used.user + used.system) / 1000 / scenario.ops,
      system: used.system / 1000 / scenario.ops,
      postgres: postgres === undefined ? undefined : ((postgresSeconds!() - postgres) * 1000) / scenario.ops,
    });
  }
  return perLoop;
}

/** One line per scenario: the minimum over the loops (and that loop's system share), then every loop. */
function report(scenario: Scenario, perLoop: Loop[]): string {
  const best = perLoop.reduce((min, loop) => (loop.total < min.total ? loop : min));
  const shown = perLoop.map((loop) => loop.total.toFixed(2)).join(' ');
  const postgres = perLoop.every((loop) => loop.postgres !== undefined)
    ? `; PostgreSQL min ${Math.min(...perLoop.map((loop) => loop.postgres!)).toFixed(2)} ms ` +
      `(${perLoop.map((loop) => loop.postgres!.toFixed(2)).join(' ')})`
    : '';
  return (
    `${scenario.name}: min ${best.total.toFixed(2)} ms CPU per operation, ${best.system.toFixed(2)} of it system ` +
    `(${perLoop.length} loops of ${scenario.ops}: ${shown})${postgres}\n`
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const loops = flag(args, '--loops', 5);
  const scale = flag(args, '--ops-scale', 1);
  const options = parseArgs(benchArgs(args));
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const db = await openBenchDatabase(options, log);
  try {
    await ensureDataset(db, options, log);
    const plan = await planRun(db, options);
    const hub = await createHub(db.runtime.services);
    const postmaster = db.postmasterPid;
    const postgresSeconds = postmaster ? () => treeCpuSeconds(postmaster) : undefined;
    const scenarios: Scenario[] = [
      {
        id: 'blacklist',
        name: 'blacklistCheck (500 codes)',
        ops: Math.round(40 * scale),
        viewer: makePrincipal(CALLERS.blacklist),
        request: (i) => ({ query: HUB_BLACKLIST, variables: { codes: plan.batches[i % plan.batches.length].codes } }),
      },
      {
        id: 'status',
        name: 'creditStatus',
        ops: Math.round(400 * scale),
        viewer: makePrincipal(CALLERS.status),
        request: (i) => ({ query: HUB_STATUS, variables: { code: plan.statusCodes[i % plan.statusCodes.length] } }),
      },
      {
        id: 'archive',
        name: 'archive read',
        ops: Math.round(200 * scale),
        viewer: makePrincipal(CALLERS.archive),
        request: (i) => ({
          query: HUB_ARCHIVE,
          variables: { code: plan.cadreCodes[i % plan.cadreCodes.length], purpose: ARCHIVE_PURPOSE },
        }),
      },
      { id: 'ingest', name: 'submitRecords (500 new findings)', ops: Math.round(20 * scale), ...inProcessIngest() },
    ];
    try {
      for (const scenario of scenarios.filter((s) => options.scenarios.includes(s.id)))
        process.stdout.write(report(scenario, await measure(hub, scenario, loops, postgresSeconds)));
    } finally {
      await hub.stop();
      if (options.scenarios.includes('ingest')) await removeInProcessIngest(db.runtime);
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  process.stderr.write(`cpu-inprocess: ${(error as Error).stack}\n`);
  process.exit(1);
});
