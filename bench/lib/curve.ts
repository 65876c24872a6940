import fs from 'node:fs';
import path from 'node:path';
import { openBenchDatabase, sql, type BenchDatabase } from './database';
import type { DatasetInfo } from './dataset';
import { describeMachine } from './machine';
import { round } from './numbers';
import type { BenchOptions, ScenarioName, ServerName } from './options';
import { measure } from './orchestrate';
import type { BenchReport, Check, ScenarioResult } from './results';

/** Records per subject at every point of the curve (#20). */
export const CURVE_RECORDS_PER_SUBJECT = 3;
/** The hub's CPU per request at the largest size may exceed its cost at the smallest by this much (#20). */
export const CURVE_GROWTH_LIMIT = 1.15;

export interface CurvePoint {
  subjects: number;
  dataset: DatasetInfo;
  scenarios: ScenarioResult[];
  hubStatements: BenchReport['hubStatements'];
}

/** The hub's cost of one scenario at the largest size against the smallest. */
export interface CurveGrowth {
  scenario: ScenarioName;
  smallest: number;
  largest: number;
  /** largest / smallest, CPU ms per request of the hub process. */
  ratio: number | null;
  met: boolean | null;
}

export interface CurveReport {
  generatedAt: string;
  command: string;
  machine: BenchReport['machine'];
  options: Pick<BenchOptions, 'duration' | 'warmup' | 'connections' | 'servers' | 'scenarios'>;
  sizes: number[];
  points: CurvePoint[];
  growth: CurveGrowth[];
  checks: Check[];
  ok: boolean;
}

async function subjectCount(db: BenchDatabase): Promise<number> {
  const [row] = await sql<{ n: number }>(db.runtime, 'SELECT count(*)::int AS n FROM subjects.subject');
  return row.n;
}

/** The options of one point: its size, and a reset when the database holds more than it (a dataset only grows). */
async function pointOptions(db: BenchDatabase, options: BenchOptions, subjects: number): Promise<BenchOptions> {
  const larger = (await subjectCount(db)) > subjects * 1.05;
  if (larger && !db.embedded && !options.reset)
    throw new Error(`the database holds more than ${subjects} subjects: give --reset to empty it (throw-away only!)`);
  return {
    ...options,
    dataset: { ...options.dataset, subjects, records: subjects * CURVE_RECORDS_PER_SUBJECT },
    reset: larger,
  };
}

const hubCpu = (point: CurvePoint, scenario: ScenarioName) =>
  point.scenarios.find((s) => s.name === scenario)?.servers.hub?.cpuMsPerRequest?.server;

export function growthOf(points: CurvePoint[]): CurveGrowth[] {
  const first = points[0];
  const last = points[points.length - 1];
  return first.scenarios.map(({ name }) => {
    const smallest = hubCpu(first, name);
    const largest = hubCpu(last, name);
    const ratio = smallest && largest ? round(largest / smallest, 2) : null;
    return {
      scenario: name,
      smallest: smallest ?? 0,
      largest: largest ?? 0,
      ratio,
      met: ratio === null ? null : ratio <= CURVE_GROWTH_LIMIT,
    };
  });
}

/**
 * `--curve`: the whole benchmark at each size, smallest first, growing the dataset between
 * points (bulkSeed appends what is missing; the archive scenario's cadres stay as they are).
 */
export async function runCurve(options: BenchOptions, log: (message: string) => void): Promise<CurveReport> {
  const sizes = options.curve!;
  const db = await openBenchDatabase(options, log);
  const checks: Check[] = [];
  const points: CurvePoint[] = [];
  let machine: BenchReport['machine'];
  try {
    machine = await describeMachine(db.runtime);
    for (const subjects of sizes) {
      log(`curve: ${subjects.toLocaleString('en-US')} subjects, ${CURVE_RECORDS_PER_SUBJECT} records each`);
      const first = checks.length;
      const measured = await measure(db, await pointOptions(db, options, subjects), checks, log);
      for (const check of checks.slice(first)) check.detail = `@${label(subjects)}: ${check.detail}`;
      points.push({
        subjects,
        dataset: measured.dataset,
        scenarios: measured.scenarios,
        hubStatements: measured.hubStatements,
      });
    }
  } finally {
    await db.close();
  }
  return {
    generatedAt: new Date().toISOString(),
    command: `node dist/bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    options: {
      duration: options.duration,
      warmup: options.warmup,
      connections: options.connections,
      servers: options.servers,
      scenarios: options.scenarios,
    },
    sizes,
    points,
    growth: growthOf(points),
    checks,
    ok: checks.every((c) => c.ok),
  };
}

const SERVERS: ServerName[] = ['raw', 'hub', 'peer'];
const fmt = (value: number | undefined, digits = 2) =>
  value === undefined ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: digits });
const label = (subjects: number) =>
  subjects >= 1e6 && subjects % 1e5 === 0
    ? `${subjects / 1e6}M`
    : subjects >= 1e3
      ? `${subjects / 1e3}k`
      : String(subjects);

/** One row per scenario and server: p50 and server CPU per request at each size. */
function curveTable(report: CurveReport): string[] {
  const head = [
    'scenario',
    'server',
    ...report.points.flatMap((p) => [`p50 ms @${label(p.subjects)}`, `CPU ms/req @${label(p.subjects)}`]),
  ];
  const rows = [head, head.map((_, i) => (i < 2 ? '---' : '---:'))];
  for (const { name } of report.points[0].scenarios)
    for (const server of SERVERS) {
      const cells = report.points.map((p) => p.scenarios.find((s) => s.name === name)?.servers[server]);
      if (cells.every((c) => !c?.load)) continue;
      rows.push([name, server, ...cells.flatMap((c) => [fmt(c?.load?.p50Ms, 1), fmt(c?.cpuMsPerRequest?.server)])]);
    }
  return rows.map((r) => `| ${r.join(' | ')} |`);
}

function growthTable(report: CurveReport): string[] {
  const [small, large] = [report.points[0], report.points[report.points.length - 1]].map((p) => label(p.subjects));
  const rows = [
    `| scenario | hub CPU ms/req @${small} | @${large} | ratio | within ${Math.round((CURVE_GROWTH_LIMIT - 1) * 100)} % |`,
    '|---|---:|---:|---:|---|',
  ];
  for (const g of report.growth)
    rows.push(
      `| ${g.scenario} | ${fmt(g.smallest)} | ${fmt(g.largest)} | ${fmt(g.ratio ?? undefined)} | ${g.met === null ? '–' : g.met ? 'yes' : '**no**'} |`,
    );
  return rows;
}

/** Machine load per point: cores used by processes that are not ours during each measurement, at most. */
function loadLine(report: CurveReport): string {
  return report.points
    .map((p) => {
      const foreign = p.scenarios.flatMap((s) => Object.values(s.servers).map((r) => r?.foreignCores ?? 0));
      return `${label(p.subjects)}: ${p.dataset.subjects.toLocaleString('en-US')} subjects, ${p.dataset.records.toLocaleString('en-US')} records (${p.dataset.source}, ${p.dataset.seedSeconds} s), other processes up to ${fmt(Math.max(0, ...foreign))} cores`;
    })
    .join('; ');
}

export function curveMarkdown(report: CurveReport): string {
  const m = report.machine;
  return [
    '# credit-hub benchmark: cost against data size',
    '',
    `Generated ${report.generatedAt} by \`${report.command}\` on revision ${m.revision}. Machine: ${m.cpus} × ${m.cpuModel}, Node ${m.node}; ${String(m.postgres).split(',')[0]}.`,
    '',
    `Load: ${report.options.duration} s measured after ${report.options.warmup} s warm-up per scenario and server, ${report.options.connections.read} connections (reads), ${report.options.connections.ingest} (ingest).`,
    '',
    `Points: ${loadLine(report)}.`,
    '',
    ...curveTable(report),
    '',
    `The hub's server CPU per request at the largest size against the smallest (target: within ${Math.round((CURVE_GROWTH_LIMIT - 1) * 100)} %):`,
    '',
    ...growthTable(report),
    '',
    'Checks:',
    '',
    ...report.checks.map((c) => `- ${c.ok ? 'ok' : '**FAILED**'} ${c.scenario}/${c.server}: ${c.detail}`),
    '',
  ].join('\n');
}

export function writeCurve(report: CurveReport, outDir: string): { json: string; md: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, 'curve.json');
  const md = path.join(outDir, 'curve.md');
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(md, curveMarkdown(report));
  return { json, md };
}
