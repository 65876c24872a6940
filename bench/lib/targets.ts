import { round } from './numbers';
import type { ScenarioName } from './options';
import type { Ratio, ScenarioResult, ServerScenarioResult, Target } from './results';

/** a / b: throughput, latency and server CPU per request (contention-independent). */
function ratio(a?: ServerScenarioResult, b?: ServerScenarioResult): Ratio | undefined {
  if (!a?.load || !b?.load || b.load.requestsPerSec <= 0 || b.load.p50Ms <= 0) return undefined;
  const cpuA = a.cpuMsPerRequest?.server;
  const cpuB = b.cpuMsPerRequest?.server;
  return {
    throughput: round(a.load.requestsPerSec / b.load.requestsPerSec, 2),
    p50: round(a.load.p50Ms / b.load.p50Ms, 2),
    p99: round(a.load.p99Ms / Math.max(b.load.p99Ms, 0.01), 2),
    cpuPerRequest: cpuA !== undefined && cpuB ? round(cpuA / cpuB, 1) : undefined,
  };
}

export function setRatios(scenarios: ScenarioResult[]): void {
  for (const scenario of scenarios) {
    const { raw, hub, peer } = scenario.servers;
    scenario.ratios = { hubToRaw: ratio(hub, raw), hubToPeer: ratio(hub, peer) };
  }
}

type Find = (name: ScenarioName) => ScenarioResult | undefined;

const target = (name: string, required: string, value: number | undefined, met: (v: number) => boolean): Target[] =>
  value === undefined ? [] : [{ name, required, measured: `${value}x`, met: met(value) }];

/** Issue #20's targets for the tender platform's batch check and the archive read (one run's ratios). */
function readTargets(find: Find): Target[] {
  const blacklist = find('blacklist')?.ratios;
  const archive = find('archive')?.ratios;
  return [
    ...target(
      'blacklistCheck 500 codes: hub server CPU per request <= 1.0x PostGraphile',
      'hub CPU ms/req / peer CPU ms/req <= 1.0',
      blacklist?.hubToPeer?.cpuPerRequest,
      (r) => r <= 1.0,
    ),
    ...target(
      'blacklistCheck 500 codes: hub p50 <= 1.5x raw',
      'hub p50 / raw p50 <= 1.5',
      blacklist?.hubToRaw?.p50,
      (r) => r <= 1.5,
    ),
    ...target(
      'archive read: hub server CPU per request <= 1.0x PostGraphile (access-log write included)',
      'hub CPU ms/req / peer CPU ms/req <= 1.0',
      archive?.hubToPeer?.cpuPerRequest,
      (r) => r <= 1.0,
    ),
    ...target(
      'archive read: hub p99 <= 2.0x raw (access-log write included)',
      'hub p99 / raw p99 <= 2.0',
      archive?.hubToRaw?.p99,
      (r) => r <= 2.0,
    ),
  ];
}

/** Issue #20's targets for creditStatus and ingest. */
function throughputTargets(find: Find): Target[] {
  const status = find('status')?.ratios;
  const ingest = find('ingest')?.servers;
  const ingestRatio =
    ingest?.hub?.itemsPerSec && ingest.raw?.itemsPerSec
      ? round(ingest.hub.itemsPerSec / ingest.raw.itemsPerSec, 2)
      : undefined;
  return [
    ...target(
      'creditStatus: hub throughput >= 1.3x PostGraphile',
      'hub req/s / peer req/s >= 1.3',
      status?.hubToPeer?.throughput,
      (r) => r >= 1.3,
    ),
    ...target(
      'creditStatus: hub throughput >= 0.6x raw',
      'hub req/s / raw req/s >= 0.6',
      status?.hubToRaw?.throughput,
      (r) => r >= 0.6,
    ),
    ...target(
      'ingest: hub rows/s >= 0.5x raw multi-row insert',
      'hub rows/s / raw rows/s >= 0.5',
      ingestRatio,
      (r) => r >= 0.5,
    ),
  ];
}

function memoryTarget(scenarios: ScenarioResult[]): Target[] {
  const hubPeaks = scenarios.map((s) => s.servers.hub?.rssPeakMb).filter((v): v is number => typeof v === 'number');
  if (hubPeaks.length === 0) return [];
  const peak = Math.max(...hubPeaks);
  return [{ name: 'hub peak RSS under load < 512 MB', required: '< 512 MB', measured: `${peak} MB`, met: peak < 512 }];
}

export function evaluateTargets(scenarios: ScenarioResult[]): Target[] {
  const find: Find = (name) => scenarios.find((s) => s.name === name);
  return [...readTargets(find), ...throughputTargets(find), ...memoryTarget(scenarios)];
}
