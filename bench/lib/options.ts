import path from 'node:path';
import { PROJECT_ROOT } from '../../src/common/paths';

export type ServerName = 'raw' | 'hub' | 'peer';
export type ScenarioName = 'blacklist' | 'decision' | 'status' | 'archive' | 'ingest';

export const ALL_SERVERS: readonly ServerName[] = ['raw', 'hub', 'peer'];
export const ALL_SCENARIOS: readonly ScenarioName[] = ['blacklist', 'decision', 'status', 'archive', 'ingest'];

export interface BenchOptions {
  mode: 'full' | 'smoke';
  /** Seconds of measured load per scenario and server. */
  duration: number;
  /** Seconds of unmeasured load before each measurement. */
  warmup: number;
  /** Concurrent connections of the load generator: read scenarios, ingest. */
  connections: { read: number; ingest: number };
  /** Size asked of the seeder (the fallback generator takes it as a target too). */
  dataset: { subjects: number; records: number; seed: number; cadres: number; archiveEntries: number };
  servers: ServerName[];
  scenarios: ScenarioName[];
  /** Where latest.json / latest.md go. */
  outDir: string;
  /** Empty the credit-hub tables first (smoke on a throw-away database only). */
  reset: boolean;
  /** Directory for a V8 CPU profile of the hub child (node --cpu-prof), if set. */
  cpuProfDir?: string;
  /** Codes per blacklistCheck, records per submitRecords batch. */
  blacklistCodes: number;
  ingestBatch: number;
  /** Smoke: fail (exit 1) when any server answers wrongly or not at all. */
  strict: boolean;
  /** `--curve`: the data sizes (subjects, 3 records each) to measure at, ascending (curve.ts). */
  curve?: number[];
  /** `--curve-from`: full-run reports (latest.json) at different sizes to assemble into a curve (curve-from.ts). */
  curveFrom?: string[];
  /** Seconds to wait at most for the machine to be quiet before each measurement (full runs). */
  maxWait: number;
  /** `--seed-only`: make the dataset (seed, listings, ingest targets, archive cadres), then stop. */
  seedOnly: boolean;
}

/** `--curve` without sizes: 100k, 1M and 5M subjects. */
export const CURVE_SIZES = [100_000, 1_000_000, 5_000_000];

export function defaultOptions(mode: 'full' | 'smoke'): BenchOptions {
  const full = mode === 'full';
  return {
    mode,
    // Smoke: 2 s, so PostGraphile's ingest (100 create mutations a batch) completes a batch on a busy CI machine.
    duration: full ? 15 : 2,
    warmup: full ? 3 : 0.5,
    connections: full ? { read: 8, ingest: 4 } : { read: 4, ingest: 2 },
    dataset: full
      ? { subjects: 1_000_000, records: 5_000_000, seed: 42, cadres: 300, archiveEntries: 0 }
      : { subjects: 300, records: 600, seed: 7, cadres: 24, archiveEntries: 0 },
    servers: [...ALL_SERVERS],
    scenarios: [...ALL_SCENARIOS],
    outDir: full
      ? path.join(PROJECT_ROOT, 'bench', 'results')
      : path.join(PROJECT_ROOT, 'bench', 'results', 'smoke.tmp'),
    reset: false,
    blacklistCodes: 500,
    // Smoke: batches of 100, so even PostGraphile (one create mutation per row) answers within a 2 s run.
    ingestBatch: full ? 500 : 100,
    strict: !full,
    maxWait: full ? 120 : 0,
    seedOnly: false,
  };
}

const HELP = `usage: node dist/bench/run.js [--smoke] [options]
  --smoke                 tiny dataset, ~2 s per scenario, checks answers (CI)
  --duration S            measured seconds per scenario and server
  --warmup S              warm-up seconds before each measurement
  --connections N         concurrent connections for read scenarios
  --ingest-connections N  concurrent connections for submitRecords
  --subjects N --records N --seed N   dataset size asked of the seeder
  --cadres N              cadres with a 20-entry integrity file (archive scenario; 300, smoke 24)
  --archive-entries N     bulk integrity-file entries for the seeded civil servants (bulkArchiveEntries; 0)
  --seed-only             make the dataset (seed, listings, ingest targets, archive cadres), then stop
  --servers raw,hub,peer  which servers to run
  --scenarios blacklist,decision,status,archive,ingest   (decision: blacklistCheck with its decision; raw and hub)
  --out DIR               results directory (latest.json, latest.md)
  --reset                 empty the credit-hub tables first (throw-away databases only!)
  --cpu-prof DIR          run the hub child under node --cpu-prof, profiles into DIR
  --curve [SIZES]         cost against data size: every scenario at each size (subjects, 3 records each;
                          default 100k,1M,5M; e.g. --curve 20000,100000), into curve.json / curve.md
  --curve-from A,B,…      the same curve from full runs' latest.json made one by one at different sizes
                          (each on its own data directory), into curve.json / curve.md in --out
  --max-wait S            wait at most S seconds for an idle machine before each measurement (120)
Environment: DATABASE_URL (else embedded PostgreSQL in .data/bench-postgres, port BENCH_PG_PORT or 5434),
JWT_SECRET, PII_SECRET (defaults as for the hub).`;

function number(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} needs a number`);
  return parsed;
}

function list<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T[] {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items)
    if (!allowed.includes(item as T)) throw new Error(`${name}: unknown "${item}" (${allowed.join(', ')})`);
  if (items.length === 0) throw new Error(`${name} needs a list`);
  return items as T[];
}

/** What each argument sets; `value()` takes the argument after it. */
type Setter = (options: BenchOptions, value: () => string | undefined, arg: string) => void;

const SETTERS: Record<string, Setter> = {
  '--smoke': () => undefined,
  '--duration': (o, value, arg) => (o.duration = number(arg, value())),
  '--warmup': (o, value, arg) => (o.warmup = number(arg, value())),
  '--connections': (o, value, arg) => (o.connections.read = Math.max(1, number(arg, value()))),
  '--ingest-connections': (o, value, arg) => (o.connections.ingest = Math.max(1, number(arg, value()))),
  '--subjects': (o, value, arg) => (o.dataset.subjects = number(arg, value())),
  '--records': (o, value, arg) => (o.dataset.records = number(arg, value())),
  '--seed': (o, value, arg) => (o.dataset.seed = number(arg, value())),
  '--cadres': (o, value, arg) => (o.dataset.cadres = Math.max(1, Math.floor(number(arg, value())))),
  '--servers': (o, value, arg) => (o.servers = list(arg, value(), ALL_SERVERS)),
  '--scenarios': (o, value, arg) => (o.scenarios = list(arg, value(), ALL_SCENARIOS)),
  '--out': (o, value) => (o.outDir = path.resolve(value() ?? '')),
  '--reset': (o) => (o.reset = true),
  '--cpu-prof': (o, value) => (o.cpuProfDir = path.resolve(value() ?? '')),
  '--max-wait': (o, value, arg) => (o.maxWait = number(arg, value())),
  '--curve-from': (o, value) => (o.curveFrom = (value() ?? '').split(',').filter(Boolean)),
  '--archive-entries': (o, value, arg) => (o.dataset.archiveEntries = Math.floor(number(arg, value()))),
  '--seed-only': (o) => (o.seedOnly = true),
};

/** A size as 20000, 100k or 1M. */
function size(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new Error(`--curve: "${text}" is not a size (20000, 100k, 1M)`);
  const factor = { '': 1, k: 1e3, m: 1e6 }[match[2].toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * factor);
}

/** `--curve`, with the sizes when the next argument is a list of them. */
function curveSizes(next: string | undefined): { sizes: number[]; consumed: boolean } {
  if (next === undefined || next.startsWith('--')) return { sizes: [...CURVE_SIZES], consumed: false };
  const sizes = [...new Set(next.split(',').map(size))].sort((a, b) => a - b);
  if (sizes.length < 2 || sizes[0] < 1) throw new Error('--curve needs at least two sizes of one subject or more');
  return { sizes, consumed: true };
}

export function parseArgs(argv: string[]): BenchOptions {
  const smoke = argv.includes('--smoke');
  const options = defaultOptions(smoke ? 'smoke' : 'full');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${HELP}\n`);
      process.exit(0);
    }
    if (arg === '--curve') {
      const { sizes, consumed } = curveSizes(argv[i + 1]);
      options.curve = sizes;
      if (consumed) i += 1;
      continue;
    }
    const setter = Object.hasOwn(SETTERS, arg) ? SETTERS[arg] : undefined;
    if (!setter) throw new Error(`unknown argument ${arg}\n${HELP}`);
    setter(options, () => argv[++i], arg);
  }
  return options;
}
