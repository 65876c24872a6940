import { compareAnswers } from './compare';
import { openBenchDatabase, type BenchDatabase } from './database';
import { ensureDataset, type DatasetInfo } from './dataset';
import type { HubStatementCounts } from './hub-statements';
import { describeMachine } from './machine';
import { measureServer } from './measure';
import { machineBusySeconds, treeCpuSeconds } from './proc-stats';
import type { BenchOptions } from './options';
import { countHubStatements, planRun, scenarioResults } from './plan';
import type { BenchReport, Check, ScenarioResult } from './results';
import type { RunContext } from './run-context';
import { evaluateTargets, setRatios } from './targets';

export type { BenchReport, Check, Ratio, ScenarioResult, ServerScenarioResult, Target } from './results';

/** What the measuring part of a run produces, for the report. */
export interface Measured {
  machine: BenchReport['machine'];
  dataset: DatasetInfo;
  scenarios: ScenarioResult[];
  servers: BenchReport['servers'];
  hubStatements: HubStatementCounts;
}

/** Seeds (or grows) the dataset to the options' size, then measures every server on it. */
export async function measure(
  db: BenchDatabase,
  options: BenchOptions,
  checks: Check[],
  log: (message: string) => void,
): Promise<Measured> {
  const dataset = await ensureDataset(db, options, log);
  log(
    `dataset (${dataset.source}): ${dataset.subjects} subjects (${dataset.persons} civil servants), ${dataset.records} records, ${dataset.activeListings}/${dataset.listings} listings active; archive scenario: ${dataset.cadres} cadres, ${dataset.archiveEntries} file entries, ${dataset.cadreRecords} records naming them`,
  );
  const machine = await describeMachine(db.runtime);
  const plan = await planRun(db, options);
  let hubStatements: HubStatementCounts = {};
  if (options.servers.includes('hub')) {
    log("counting the hub's SQL statements per operation (in-process, db/sql-statements.ts)");
    hubStatements = await countHubStatements(db, options, plan);
    checkHubStatements(hubStatements, checks);
  }
  const scenarios = scenarioResults(options);
  const ctx: RunContext = {
    db,
    options,
    plan,
    hubStatements,
    answers: { blacklist: {}, decision: {}, status: {}, archive: {} },
    checks,
    log,
  };
  const servers: BenchReport['servers'] = {};
  for (const serverName of options.servers) {
    if (scenarios.length === 0) break;
    await measureServer(ctx, serverName, scenarios, servers);
  }
  compareAnswers(ctx.answers, checks, log);
  setRatios(scenarios);
  return { machine, dataset, scenarios, servers, hubStatements };
}

/**
 * The archive reading's statements are an expectation, not just a figure (docs/benchmarks.md, #20): 4, a RESTRICTED
 * record released or not (the request's access-log entries, the records subgraph's included, are one append).
 */
export const HUB_ARCHIVE_STATEMENTS = 4;

function checkHubStatements(counts: HubStatementCounts, checks: Check[]): void {
  if (counts.archive === undefined) return;
  const bound = HUB_ARCHIVE_STATEMENTS;
  checks.push({
    scenario: 'archive',
    server: 'hub',
    ok: counts.archive <= bound,
    detail: `${counts.archive} SQL statements per archive reading, access-log appends included (at most ${bound}${counts.archiveRestricted ? ', a RESTRICTED record released' : ''})`,
  });
}

/** CPU seconds so far: the machine, this process, the embedded cluster (0 when not embedded). */
function seedCpu(db: BenchDatabase) {
  const self = process.cpuUsage();
  return {
    at: Date.now(),
    machine: machineBusySeconds(),
    node: (self.user + self.system) / 1e6,
    postgres: db.postmasterPid ? treeCpuSeconds(db.postmasterPid) : 0,
  };
}

/**
 * `--seed-only`: the dataset a run would measure on (seed, listings, ingest targets, archive
 * cadres), and no run; logs the wall time and the CPU the seeding took, with the machine's
 * other load (the bulk load's backend has exited by then and is counted).
 */
export async function seedOnly(options: BenchOptions, log: (message: string) => void): Promise<DatasetInfo> {
  const db = await openBenchDatabase(options, log);
  try {
    const before = seedCpu(db);
    const dataset = await ensureDataset(db, options, log);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = seedCpu(db);
    const [wall, node, postgres] = [
      (after.at - before.at) / 1000,
      after.node - before.node,
      after.postgres - before.postgres,
    ];
    const foreign = Math.max(0, after.machine - before.machine - node - postgres) / wall;
    log(
      `dataset (${dataset.source}): ${dataset.subjects} subjects (${dataset.persons} civil servants), ${dataset.records} records, ${dataset.activeListings}/${dataset.listings} listings active; archive scenario: ${dataset.cadres} cadres, ${dataset.archiveEntries} file entries, ${dataset.cadreRecords} records naming them`,
    );
    log(
      `seeding took ${wall.toFixed(1)} s wall (the last 1 s idle), Node CPU ${node.toFixed(1)} s, PostgreSQL CPU ${postgres.toFixed(1)} s, other processes ${foreign.toFixed(2)} cores`,
    );
    return dataset;
  } finally {
    await db.close();
  }
}

export async function runBench(options: BenchOptions, log: (message: string) => void): Promise<BenchReport> {
  const db = await openBenchDatabase(options, log);
  const checks: Check[] = [];
  let measured: Measured;
  try {
    measured = await measure(db, options, checks, log);
  } finally {
    await db.close();
  }
  return {
    generatedAt: new Date().toISOString(),
    command: `node dist/bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    mode: options.mode,
    machine: measured.machine,
    options: {
      duration: options.duration,
      warmup: options.warmup,
      connections: options.connections,
      blacklistCodes: options.blacklistCodes,
      ingestBatch: options.ingestBatch,
      servers: options.servers,
    },
    database: { embedded: db.embedded, url: db.url.replace(/\/\/([^:]+):[^@]*@/, '//$1:****@') },
    dataset: measured.dataset,
    scenarios: measured.scenarios,
    servers: measured.servers,
    hubStatements: measured.hubStatements,
    checks,
    targets: evaluateTargets(measured.scenarios),
    ok: checks.every((c) => c.ok),
  };
}
