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

/** The targets stated against ratios of the hub to raw or to the peer. */
function ratioTargets(find: (name: ScenarioName) => ScenarioResult | undefined): Target[] {
  const targets: Target[] = [];
  const blacklist = find('blacklist')?.ratios.hubToRaw;
  if (blacklist) {
    const r = blacklist.p50;
    const name = 'blacklistCheck 500 codes: hub p50 within 2.0x of raw';
    targets.push({ name, required: 'hub p50 / raw p50 <= 2.0', measured: `${r}x`, met: r <= 2.0 });
  }
  const status = find('status');
  if (status?.ratios.hubToRaw) {
    const r = status.ratios.hubToRaw.throughput;
    const name = 'creditStatus: hub throughput >= 0.5x raw';
    targets.push({ name, required: 'hub req/s / raw req/s >= 0.5', measured: `${r}x`, met: r >= 0.5 });
  }
  if (status?.ratios.hubToPeer) {
    const r = status.ratios.hubToPeer.throughput;
    const name = 'creditStatus: hub throughput >= 1.0x peer';
    targets.push({ name, required: 'hub req/s / peer req/s >= 1.0', measured: `${r}x`, met: r >= 1.0 });
  }
  const archive = find('archive')?.ratios.hubToRaw;
  if (archive) {
    const r = archive.p99;
    const name = 'archive read: hub p99 within 3x of raw (access-log write included)';
    targets.push({ name, required: 'hub p99 / raw p99 <= 3.0', measured: `${r}x`, met: r <= 3.0 });
  }
  return targets;
}

function ingestTarget(ingest: ScenarioResult | undefined): Target[] {
  if (!ingest?.servers.hub?.itemsPerSec || !ingest.servers.raw?.itemsPerSec) return [];
  const r = round(ingest.servers.hub.itemsPerSec / ingest.servers.raw.itemsPerSec, 2);
  const name = 'ingest: hub rows/s >= 0.3x raw multi-row insert';
  return [{ name, required: 'hub rows/s / raw rows/s >= 0.3', measured: `${r}x`, met: r >= 0.3 }];
}

function memoryTarget(scenarios: ScenarioResult[]): Target[] {
  const hubPeaks = scenarios.map((s) => s.servers.hub?.rssPeakMb).filter((v): v is number => typeof v === 'number');
  if (hubPeaks.length === 0) return [];
  const peak = Math.max(...hubPeaks);
  return [{ name: 'hub peak RSS under load < 512 MB', required: '< 512 MB', measured: `${peak} MB`, met: peak < 512 }];
}

export function evaluateTargets(scenarios: ScenarioResult[]): Target[] {
  const find = (name: ScenarioName) => scenarios.find((s) => s.name === name);
  return [...ratioTargets(find), ...ingestTarget(find('ingest')), ...memoryTarget(scenarios)];
}
