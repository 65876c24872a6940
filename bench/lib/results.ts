import type { DatasetInfo } from './dataset';
import type { HubStatementCounts } from './hub-statements';
import type { LoadResult } from './load';
import type { BenchOptions, ScenarioName, ServerName } from './options';

/** What a run measures and checks: the shape of bench/results/latest.json. */
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
