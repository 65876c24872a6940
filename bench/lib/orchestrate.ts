import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueDevelopmentToken } from '../../src/auth/tokens';
import { PROJECT_ROOT } from '../../src/common/paths';
import { DEVELOPMENT_ISSUER } from '../../src/config';
import { sql, openBenchDatabase } from './database';
import { archiveCadreCodes, ensureDataset, ENTRIES_PER_CADRE, rng, type DatasetInfo } from './dataset';
import { BENCH_REGION, CALLERS, hubStatementCounts, type HubStatementCounts } from './hub-statements';
import { AUTOCANNON_VERSION, runLoad, type LoadResult } from './load';
import type { BenchOptions, ScenarioName, ServerName } from './options';
import { PATHS, cpuSeconds, httpGet, httpPost, machineBusySeconds, startServer, type RunningServer } from './servers';
import {
  archiveAnswer,
  blacklistAnswer,
  differences,
  statusAnswer,
  type ArchiveAnswer,
  type BlacklistRow,
  type StatusAnswer,
} from './verify';
import {
  archiveBodies,
  blacklistBatches,
  blacklistBodies,
  ingestBodyFor,
  ingestRecords,
  ingestSource,
  sampleCodes,
  shuffle,
  statusBodies,
  type CodePools,
  type Workload,
} from './workload';

export interface ServerScenarioResult {
  load?: LoadResult;
  itemsPerSec?: number;
  rssPeakMb?: number;
  statementsPerOp?: number | null;
  statementsNote?: string;
  /**
   * CPU milliseconds per request during the measured run: of the server process, of all
   * PostgreSQL processes, and of the load generator (this process). On a 2-core machine they
   * compete, so this, not latency, shows where each server's cost is.
   */
  cpuMsPerRequest?: { server: number; postgres: number; loadGenerator: number };
  /** Share of one core the server process used during the measured run. */
  serverCoreUse?: number;
  /**
   * Cores busy with processes that are none of ours (not the server, the database or the load
   * generator) during the measured run: other work on a shared machine distorts the figures.
   */
  foreignCores?: number;
  error?: string;
}

export interface ScenarioResult {
  name: ScenarioName;
  title: string;
  itemsPerRequest?: number;
  itemLabel?: string;
  connections?: number;
  servers: Partial<Record<ServerName, ServerScenarioResult>>;
  /** hub / other: throughput, p50 latency, and server CPU per request (contention-independent). */
  ratios: { hubToRaw?: Ratio; hubToPeer?: Ratio };
}

export interface Ratio {
  throughput: number;
  p50: number;
  p99: number;
  cpuPerRequest?: number;
}

export interface Check {
  scenario: ScenarioName;
  server: ServerName;
  ok: boolean;
  detail: string;
}

export interface Target {
  name: string;
  required: string;
  measured: string;
  met: boolean | null;
}

export interface BenchReport {
  generatedAt: string;
  command: string;
  mode: 'full' | 'smoke';
  machine: Record<string, string | number>;
  options: Pick<BenchOptions, 'duration' | 'warmup' | 'connections' | 'blacklistCodes' | 'ingestBatch' | 'servers'>;
  database: { embedded: boolean; url: string };
  dataset: DatasetInfo;
  scenarios: ScenarioResult[];
  servers: Partial<Record<ServerName, { startupMs: number; vmHwmMb: number; command: string }>>;
  hubStatements: HubStatementCounts;
  checks: Check[];
  targets: Target[];
  ok: boolean;
}

function titles(options: BenchOptions): Record<ScenarioName, string> {
  return {
    blacklist: `blacklistCheck of ${options.blacklistCodes} codes (8 % listed, 62 % clean, 20 % unknown, 10 % invalid), TENDERING 320900`,
    status: 'creditStatus of one random registered code, PROCUREMENT 320900',
    archive: `organization department (ORG_DEPT 320900) reading one cadre's archive of 20 entries and the dishonesty records naming the person (${options.dataset.cadres} cadres), access log written`,
    ingest: `submitRecords, batches of ${options.ingestBatch} new findings (COURT 320900), idempotency included`,
  };
}

function versionOf(pkg: string): string {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'not installed';
  }
}

/** The commit measured, marked dirty when the work tree differs from it. */
function revision(): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', 'src', 'migrations']).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' + uncommitted changes in src/' : ''}`;
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export async function runBench(options: BenchOptions, log: (message: string) => void): Promise<BenchReport> {
  const db = await openBenchDatabase(options, log);
  const checks: Check[] = [];
  const scenarios: ScenarioResult[] = [];
  const servers: BenchReport['servers'] = {};
  let dataset: DatasetInfo | undefined;
  let hubStatements: HubStatementCounts = {};
  let machine: BenchReport['machine'] = {};
  try {
    const { services } = db.runtime;
    dataset = await ensureDataset(db, options, log);
    log(
      `dataset (${dataset.source}): ${dataset.subjects} subjects (${dataset.persons} civil servants), ${dataset.records} records, ${dataset.activeListings}/${dataset.listings} listings active; archive scenario: ${dataset.cadres} cadres, ${dataset.archiveEntries} file entries, ${dataset.cadreRecords} records naming them`,
    );
    const [{ version }] = await sql<{ version: string }>(db.runtime, 'SELECT version()');
    machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      postgres: version,
      autocannon: AUTOCANNON_VERSION,
      postgraphile: versionOf('postgraphile'),
      connectionFilter: versionOf('postgraphile-plugin-connection-filter'),
      revision: revision(),
    };

    const pools: CodePools = await sampleCodes(db.runtime, options.dataset.seed);
    const full = options.mode === 'full';
    const batches = blacklistBatches(pools, options.blacklistCodes, full ? 64 : 8, options.dataset.seed);
    const statusCodes = pools.status.slice(0, full ? 3000 : 300);
    // Every cadre of the benchmark's organization department, in a seeded random order.
    const cadreCodes = shuffle(rng(options.dataset.seed + 4), archiveCadreCodes(options.dataset.cadres));
    const reader = { sub: CALLERS.archive.sub, org: CALLERS.archive.org, region: CALLERS.archive.region };
    const secret = db.config.jwt.secret!;
    // The callers' tokens are accepted only for registered clients (docs/clients.md).
    for (const caller of Object.values(CALLERS)) {
      const org = 'org' in caller ? caller.org : undefined;
      await services.clients.ensure({
        issuer: db.config.jwt.issuer ?? DEVELOPMENT_ISSUER,
        subject: caller.sub,
        role: caller.role,
        region: caller.region,
        org,
      });
    }
    const tokens = {
      blacklist: await issueDevelopmentToken(secret, CALLERS.blacklist),
      status: await issueDevelopmentToken(secret, CALLERS.status),
      archive: await issueDevelopmentToken(secret, CALLERS.archive),
      ingest: await issueDevelopmentToken(secret, CALLERS.ingest),
    };
    const regionRows = await sql<{ code_key: string; region_code: string }>(
      db.runtime,
      'SELECT code_key, region_code FROM subjects.subject WHERE code_key = ANY(?::text[])',
      [`{${pools.ingestTargets.join(',')}}`],
    );
    const regionOf = new Map(regionRows.map((r) => [r.code_key, r.region_code]));
    const runId = Date.now().toString(36);
    const wanted = new Set(options.scenarios);

    if (options.servers.includes('hub')) {
      log("counting the hub's SQL statements per operation (in-process, db/sql-statements.ts)");
      hubStatements = await hubStatementCounts(services, {
        codes: wanted.has('blacklist') ? batches[0].codes : undefined,
        code: wanted.has('status') ? statusCodes[0] : undefined,
        cadre: wanted.has('archive') ? cadreCodes[0] : undefined,
        records: wanted.has('ingest')
          ? JSON.parse(
              JSON.stringify(ingestRecords(pools.ingestTargets, options.ingestBatch, `${runId}-stmt`))
                .split('@@BATCH@@')
                .join('0'),
            )
          : undefined,
      });
    }

    for (const name of options.scenarios) {
      scenarios.push({
        name,
        title: titles(options)[name],
        itemsPerRequest: name === 'blacklist' ? options.blacklistCodes : name === 'ingest' ? options.ingestBatch : 1,
        itemLabel:
          name === 'blacklist' ? 'codes' : name === 'ingest' ? 'rows' : name === 'archive' ? 'archives' : 'statuses',
        connections: name === 'ingest' ? options.connections.ingest : options.connections.read,
        servers: {},
        ratios: {},
      });
    }
    const answers: Answers = { blacklist: {}, status: {}, archive: {} };
    const verifyCount = { batches: 2, statuses: full ? 60 : 15, archives: Math.min(cadreCodes.length, full ? 60 : 15) };

    const workloadFor = (server: ServerName, scenario: ScenarioName): Workload => {
      const auth = (token: string): Record<string, string> =>
        server === 'hub' ? { authorization: `Bearer ${token}` } : {};
      if (scenario === 'blacklist') {
        return {
          spec: { path: PATHS[server].blacklist, headers: auth(tokens.blacklist) },
          bodies: blacklistBodies(server, batches, services.keys),
          items: options.blacklistCodes,
        };
      }
      if (scenario === 'status') {
        return {
          spec: { path: PATHS[server].status, headers: auth(tokens.status) },
          bodies: statusBodies(server, statusCodes, services.keys, CALLERS.status),
          items: 1,
        };
      }
      if (scenario === 'archive') {
        return {
          spec: { path: PATHS[server].archive, headers: auth(tokens.archive) },
          bodies: archiveBodies(server, cadreCodes, services.keys, reader),
          items: 1,
        };
      }
      return {
        spec: { path: PATHS[server].ingest, headers: auth(tokens.ingest) },
        bodyFor: ingestBodyFor(server, pools.ingestTargets, options.ingestBatch, runId, {
          keys: services.keys,
          policy: services.creditPolicy,
          regionOf,
        }),
        items: options.ingestBatch,
      };
    };

    /** PIDs of the database cluster's processes (backends and background workers), when it runs here. */
    const clusterPids = async () =>
      (await sql<{ pid: number }>(db.runtime, 'SELECT pid FROM pg_stat_activity')).map((r) => Number(r.pid));
    type Snapshot = { at: number; machine: number; server: number; self: NodeJS.CpuUsage; pg: Map<number, number> };
    const cpuSnapshot = async (running: RunningServer): Promise<Snapshot> => {
      const pids = await clusterPids();
      return {
        at: Date.now(),
        machine: machineBusySeconds(),
        server: running.cpu(),
        self: process.cpuUsage(),
        pg: new Map(pids.map((pid) => [pid, cpuSeconds(pid)])),
      };
    };
    const cpuSince = (a: Snapshot, b: Snapshot) => {
      let postgres = 0;
      for (const [pid, after] of b.pg) postgres += Math.max(0, after - (a.pg.get(pid) ?? 0));
      const selfUsage = process.cpuUsage(a.self);
      const self = (selfUsage.user + selfUsage.system) / 1e6;
      const server = b.server - a.server;
      const wall = (b.at - a.at) / 1000;
      return { wall, server, postgres, self, foreign: Math.max(0, b.machine - a.machine - server - postgres - self) };
    };
    /** Full runs wait (at most 2 minutes) until other processes leave the machine nearly idle. */
    const waitForQuiet = async (running: RunningServer) => {
      const started = Date.now();
      let foreign = 0;
      while (Date.now() - started < 120_000) {
        const a = await cpuSnapshot(running);
        await new Promise((r) => setTimeout(r, 1000));
        const used = cpuSince(a, await cpuSnapshot(running));
        foreign = used.foreign / used.wall;
        if (foreign < 0.25) return;
        if (Date.now() - started < 1500)
          log(`  waiting for other processes to leave the machine idle (${round(foreign, 2)} cores busy)`);
      }
      log(`  machine still busy with other processes (${round(foreign, 2)} cores): measuring anyway, see foreignCores`);
    };

    /** Rows written by ingest runs (leftovers of in-flight requests included), then VACUUM so reads see the same table. */
    const removeIngested = async () => {
      const [{ n }] = await sql<{ n: number }>(
        db.runtime,
        `WITH gone AS (DELETE FROM records.credit_record WHERE source_system LIKE 'bench-ingest-%' RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      );
      if (n > 0) await sql(db.runtime, 'VACUUM ANALYZE records.credit_record');
    };

    const check = (scenario: ScenarioName, server: ServerName, ok: boolean, detail: string) => {
      checks.push({ scenario, server, ok, detail });
      log(`  check ${ok ? 'ok  ' : 'FAIL'} ${scenario}/${server}: ${detail}`);
    };

    /** Sends the verification requests; returns the statements one request cost (raw: header). */
    const verify = async (
      running: RunningServer,
      scenario: ScenarioName,
      workload: Workload,
    ): Promise<number | null> => {
      const post = (body: string) => httpPost(`${running.baseUrl}${workload.spec.path}`, body, workload.spec.headers);
      const server = running.name;
      let statements: number | null = null;
      if (scenario === 'blacklist') {
        const rows: BlacklistRow[][] = [];
        for (let i = 0; i < verifyCount.batches; i += 1) {
          const res = await post(workload.bodies![i]);
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 300)}`);
          statements ??= res.headers['x-sql-statements'] ? Number(res.headers['x-sql-statements']) : null;
          rows.push(blacklistAnswer(server, res.body, batches[i].codes, services.keys));
        }
        answers.blacklist[server] = rows;
        const flat = rows.flat();
        const listed = flat.filter((r) => r.listed).length;
        const invalid = flat.filter((r) => !r.valid).length;
        const unknown = flat.filter((r) => r.valid && r.name === null && !r.listed).length;
        check(
          scenario,
          server,
          listed > 0 && invalid > 0 && unknown > 0,
          `${flat.length} codes: ${listed} listed, ${invalid} invalid, ${unknown} valid without a visible subject`,
        );
      } else if (scenario === 'status') {
        const list: StatusAnswer[] = [];
        for (let i = 0; i < verifyCount.statuses; i += 1) {
          const res = await post(workload.bodies![i]);
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 300)}`);
          statements ??= res.headers['x-sql-statements'] ? Number(res.headers['x-sql-statements']) : null;
          list.push(statusAnswer(server, res.body, statusCodes[i], services.keys, services.creditPolicy));
        }
        answers.status[server] = list;
        const levels = [...new Set(list.map((s) => s.level))].sort().join(' ');
        check(
          scenario,
          server,
          list.every((s) => s.registered),
          `${list.length} statuses, levels seen: ${levels}`,
        );
      } else if (scenario === 'archive') {
        const list: ArchiveAnswer[] = [];
        for (let i = 0; i < verifyCount.archives; i += 1) {
          const res = await post(workload.bodies![i]);
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 300)}`);
          statements ??= res.headers['x-sql-statements'] ? Number(res.headers['x-sql-statements']) : null;
          list.push(archiveAnswer(server, res.body, cadreCodes[i], services.keys, reader));
        }
        answers.archive[server] = list;
        const granted = list.filter((a) => a.granted).length;
        const full20 = list.filter((a) => a.entryCount === ENTRIES_PER_CADRE).length;
        const records = list.reduce((n, a) => n + a.recordCount, 0);
        check(
          scenario,
          server,
          granted === list.length && full20 === list.length && records > 0,
          `${list.length} archives read: ${granted} granted, ${full20} with ${ENTRIES_PER_CADRE} entries, ${records} dishonesty records in all`,
        );
      } else if (scenario === 'ingest') {
        const body = workload.bodyFor!(999_999);
        const first = await post(body);
        if (first.status !== 200) throw new Error(`HTTP ${first.status}: ${first.body.slice(0, 300)}`);
        if (first.body.includes('"errors":[')) throw new Error(first.body.slice(0, 400));
        statements = first.headers['x-sql-statements'] ? Number(first.headers['x-sql-statements']) : null;
        const [{ n }] = await sql<{ n: number }>(
          db.runtime,
          `SELECT count(*)::int AS n FROM records.credit_record WHERE source_system = ? AND external_id LIKE ?`,
          [ingestSource(server), `%-999999-%`],
        );
        let detail = `${n}/${options.ingestBatch} rows stored`;
        let ok = n === options.ingestBatch;
        if (server !== 'peer') {
          const again = JSON.parse((await post(body)).body) as {
            data?: { submitRecords?: { created: number; unchanged: number } };
          };
          const repeat = again.data?.submitRecords;
          ok = ok && repeat?.created === 0 && repeat.unchanged === options.ingestBatch;
          detail += `; same batch again: ${repeat?.created} created, ${repeat?.unchanged} unchanged`;
        } else {
          detail += '; no idempotent re-push possible (create mutations only)';
        }
        check(scenario, server, ok, detail);
      }
      return statements;
    };

    for (const serverName of options.servers) {
      if (scenarios.length === 0) break;
      log(`starting ${serverName}`);
      let running: RunningServer;
      try {
        running = await startServer(serverName, {
          databaseUrl: db.url,
          jwtSecret: secret,
          piiSecret: db.config.piiSecret,
          developmentDefaults: db.config.developmentDefaults,
          checkpointDir: db.config.audit.checkpointDir,
          cpuProfDir: serverName === 'hub' ? options.cpuProfDir : undefined,
        });
      } catch (error) {
        for (const scenario of scenarios) {
          scenario.servers[serverName] = { error: (error as Error).message.slice(0, 2000) };
          check(scenario.name, serverName, false, `did not start: ${(error as Error).message.split('\n')[0]}`);
        }
        continue;
      }
      log(`${serverName} ready in ${running.startupMs} ms (pid ${running.pid})`);
      try {
        for (const scenario of scenarios) {
          const result: ServerScenarioResult = {};
          scenario.servers[serverName] = result;
          try {
            await removeIngested();
            const workload = workloadFor(serverName, scenario.name);
            let statements = await verify(running, scenario.name, workload);
            const stopRss = running.sampleRss();
            const base = {
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
            const peerStatements = async () =>
              JSON.parse((await httpGet(`${running.baseUrl}/__bench/statements`)).body).count as number;
            const peerBefore = serverName === 'peer' ? await peerStatements() : 0;
            if (serverName === 'hub') {
              statements = hubStatements[scenario.name as keyof HubStatementCounts] ?? null;
              result.statementsNote = 'counted in-process around one gateway execution';
            }
            result.statementsPerOp = statements;
            if (options.mode === 'full') await waitForQuiet(running);
            log(`  ${scenario.name}/${serverName}: ${options.duration} s at ${scenario.connections} connections`);
            const before = await cpuSnapshot(running);
            const load = await runLoad({ ...base, seconds: options.duration, bodyFor: workload.bodyFor });
            const used = cpuSince(before, await cpuSnapshot(running));
            if (load.requests > 0) {
              const perRequest = (seconds: number) => round((1000 * seconds) / load.requests, 2);
              result.cpuMsPerRequest = {
                server: perRequest(used.server),
                postgres: perRequest(used.postgres),
                loadGenerator: perRequest(used.self),
              };
              result.serverCoreUse = round(used.server / used.wall, 2);
              result.foreignCores = round(used.foreign / used.wall, 2);
            }
            // autocannon stops sending at the deadline; requests in flight still finish on the server.
            await settle(load.p99Ms);
            result.rssPeakMb = round(stopRss());
            if (serverName === 'peer' && load.requests > 0) {
              // Steady state over the whole measured run (connection set-up statements amortised).
              result.statementsPerOp = round(((await peerStatements()) - peerBefore) / load.requests, 1);
              result.statementsNote = 'average over the measured run (pg client query counter)';
              statements = result.statementsPerOp;
            }
            result.load = {
              ...load,
              requestsPerSec: round(load.requestsPerSec, 2),
              p50Ms: round(load.p50Ms, 2),
              p90Ms: round(load.p90Ms, 2),
              p99Ms: round(load.p99Ms, 2),
              meanMs: round(load.meanMs, 2),
            };
            result.itemsPerSec = round(load.requestsPerSec * workload.items, 1);
            const failures = load.errors + load.timeouts + load.non2xx + load.errorAnswers;
            check(
              scenario.name,
              serverName,
              load.requests > 0 && failures === 0,
              `${load.requests} requests under load, ${failures} failed (${load.non2xx} non-2xx, ${load.errorAnswers} with GraphQL errors, ${load.errors} transport errors)`,
            );
            const cpu = result.cpuMsPerRequest;
            log(
              `  ${scenario.name}/${serverName}: ${result.load.requestsPerSec} req/s, p50 ${result.load.p50Ms} ms, p99 ${result.load.p99Ms} ms, peak RSS ${result.rssPeakMb} MB, ${statements ?? '?'} statements/op, CPU ms/req: server ${cpu?.server}, postgres ${cpu?.postgres}, autocannon ${cpu?.loadGenerator} (server ${result.serverCoreUse} cores, other processes ${result.foreignCores} cores)`,
            );
          } catch (error) {
            result.error = (error as Error).message.slice(0, 2000);
            check(scenario.name, serverName, false, `failed: ${result.error.split('\n')[0]}`);
          } finally {
            if (scenario.name === 'ingest') await removeIngested();
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

    compareAnswers(
      answers,
      batches.map((b) => b.codes),
      checks,
      log,
    );
    for (const scenario of scenarios) {
      const { raw, hub, peer } = scenario.servers;
      const ratio = (a?: ServerScenarioResult, b?: ServerScenarioResult): Ratio | undefined => {
        if (!a?.load || !b?.load || b.load.requestsPerSec <= 0 || b.load.p50Ms <= 0) return undefined;
        const cpuA = a.cpuMsPerRequest?.server;
        const cpuB = b.cpuMsPerRequest?.server;
        return {
          throughput: round(a.load.requestsPerSec / b.load.requestsPerSec, 2),
          p50: round(a.load.p50Ms / b.load.p50Ms, 2),
          p99: round(a.load.p99Ms / Math.max(b.load.p99Ms, 0.01), 2),
          cpuPerRequest: cpuA !== undefined && cpuB ? round(cpuA / cpuB, 1) : undefined,
        };
      };
      scenario.ratios = { hubToRaw: ratio(hub, raw), hubToPeer: ratio(hub, peer) };
    }
  } finally {
    await db.close();
  }
  const targets = evaluateTargets(scenarios);
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    command: `node dist/bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    mode: options.mode,
    machine,
    options: {
      duration: options.duration,
      warmup: options.warmup,
      connections: options.connections,
      blacklistCodes: options.blacklistCodes,
      ingestBatch: options.ingestBatch,
      servers: options.servers,
    },
    database: { embedded: db.embedded, url: db.url.replace(/\/\/([^:]+):[^@]*@/, '//$1:****@') },
    dataset: dataset!,
    scenarios,
    servers,
    hubStatements,
    checks,
    targets,
    ok: checks.every((c) => c.ok),
  };
  return report;
}

function settle(p99Ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(10_000, Math.max(300, p99Ms * 2))));
}

function describeCommand(server: ServerName): string {
  if (server === 'raw') return 'node dist/bench/raw/server.js';
  if (server === 'peer') return 'node -r ./bench/peer/polyfill.cjs dist/bench/peer/server.js';
  return 'NODE_ENV=production node dist/src/cli/main.js serve';
}

interface Answers {
  blacklist: Partial<Record<ServerName, BlacklistRow[][]>>;
  status: Partial<Record<ServerName, StatusAnswer[]>>;
  archive: Partial<Record<ServerName, ArchiveAnswer[]>>;
}

function compareAnswers(answers: Answers, _codes: string[][], checks: Check[], log: (message: string) => void): void {
  const record = (scenario: ScenarioName, server: ServerName, lines: string[], against: ServerName) => {
    const ok = lines.length === 0;
    checks.push({
      scenario,
      server,
      ok,
      detail: ok ? `same answers as ${against}` : `differs from ${against}: ${lines.slice(0, 5).join('; ')}`,
    });
    log(
      `  check ${ok ? 'ok  ' : 'FAIL'} ${scenario}/${server}: ${ok ? `same answers as ${against}` : lines.slice(0, 5).join('; ')}`,
    );
  };
  const reference: ServerName | undefined = answers.blacklist.raw ? 'raw' : answers.blacklist.hub ? 'hub' : undefined;
  if (reference) {
    for (const server of ['hub', 'peer'] as ServerName[]) {
      if (server === reference || !answers.blacklist[server]) continue;
      const expected = answers.blacklist[reference]!.flat();
      const fields: (keyof BlacklistRow)[] = ['code', 'valid', 'listed', 'lists', 'name'];
      record('blacklist', server, differences(expected, answers.blacklist[server]!.flat(), fields), reference);
    }
  }
  const statusRef: ServerName | undefined = answers.status.raw ? 'raw' : answers.status.hub ? 'hub' : undefined;
  if (statusRef) {
    for (const server of ['hub', 'peer'] as ServerName[]) {
      if (server === statusRef || !answers.status[server]) continue;
      const fields: (keyof StatusAnswer)[] = [
        'code',
        'registered',
        'level',
        'score',
        'active',
        'serious',
        'lists',
        'name',
      ];
      record('status', server, differences(answers.status[statusRef]!, answers.status[server]!, fields), statusRef);
    }
  }
  const archiveRef: ServerName | undefined = answers.archive.raw ? 'raw' : answers.archive.hub ? 'hub' : undefined;
  if (archiveRef) {
    for (const server of ['hub', 'peer'] as ServerName[]) {
      if (server === archiveRef || !answers.archive[server]) continue;
      const fields: (keyof ArchiveAnswer)[] = [
        'code',
        'name',
        'granted',
        'entryCount',
        'recordCount',
        'entries',
        'records',
      ];
      record(
        'archive',
        server,
        differences(answers.archive[archiveRef]!, answers.archive[server]!, fields),
        archiveRef,
      );
    }
  }
}

function evaluateTargets(scenarios: ScenarioResult[]): Target[] {
  const find = (name: ScenarioName) => scenarios.find((s) => s.name === name);
  const targets: Target[] = [];
  const blacklist = find('blacklist');
  if (blacklist?.ratios.hubToRaw) {
    const r = blacklist.ratios.hubToRaw.p50;
    targets.push({
      name: 'blacklistCheck 500 codes: hub p50 within 2.0x of raw',
      required: 'hub p50 / raw p50 <= 2.0',
      measured: `${r}x`,
      met: r <= 2.0,
    });
  }
  const status = find('status');
  if (status?.ratios.hubToRaw) {
    const r = status.ratios.hubToRaw.throughput;
    targets.push({
      name: 'creditStatus: hub throughput >= 0.5x raw',
      required: 'hub req/s / raw req/s >= 0.5',
      measured: `${r}x`,
      met: r >= 0.5,
    });
  }
  if (status?.ratios.hubToPeer) {
    const r = status.ratios.hubToPeer.throughput;
    targets.push({
      name: 'creditStatus: hub throughput >= 1.0x peer',
      required: 'hub req/s / peer req/s >= 1.0',
      measured: `${r}x`,
      met: r >= 1.0,
    });
  }
  const archive = find('archive');
  if (archive?.ratios.hubToRaw) {
    const r = archive.ratios.hubToRaw!.p99;
    targets.push({
      name: 'archive read: hub p99 within 3x of raw (access-log write included)',
      required: 'hub p99 / raw p99 <= 3.0',
      measured: `${r}x`,
      met: r <= 3.0,
    });
  }
  const ingest = find('ingest');
  if (ingest?.servers.hub?.itemsPerSec && ingest.servers.raw?.itemsPerSec) {
    const r = round(ingest.servers.hub.itemsPerSec / ingest.servers.raw.itemsPerSec, 2);
    targets.push({
      name: 'ingest: hub rows/s >= 0.3x raw multi-row insert',
      required: 'hub rows/s / raw rows/s >= 0.3',
      measured: `${r}x`,
      met: r >= 0.3,
    });
  }
  const hubPeaks = scenarios.map((s) => s.servers.hub?.rssPeakMb).filter((v): v is number => typeof v === 'number');
  if (hubPeaks.length > 0) {
    const peak = Math.max(...hubPeaks);
    targets.push({
      name: 'hub peak RSS under load < 512 MB',
      required: '< 512 MB',
      measured: `${peak} MB`,
      met: peak < 512,
    });
  }
  return targets;
}
