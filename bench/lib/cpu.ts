import type { Runtime } from '../../src/runtime';
import { sql } from './database';
import { round } from './numbers';
import { cpuSeconds, machineBusySeconds } from './proc-stats';
import type { RunningServer } from './servers';

/** CPU seconds used so far by the machine, the server, this process and each database process. */
export interface CpuSnapshot {
  at: number;
  machine: number;
  server: number;
  self: NodeJS.CpuUsage;
  pg: Map<number, number>;
}

export interface CpuUsed {
  wall: number;
  server: number;
  postgres: number;
  self: number;
  foreign: number;
}

/** PIDs of the database cluster's processes (backends and background workers), when it runs here. */
async function clusterPids(runtime: Runtime): Promise<number[]> {
  return (await sql<{ pid: number }>(runtime, 'SELECT pid FROM pg_stat_activity')).map((r) => Number(r.pid));
}

export async function cpuSnapshot(runtime: Runtime, running: RunningServer): Promise<CpuSnapshot> {
  const pids = await clusterPids(runtime);
  return {
    at: Date.now(),
    machine: machineBusySeconds(),
    server: running.cpu(),
    self: process.cpuUsage(),
    pg: new Map(pids.map((pid) => [pid, cpuSeconds(pid)])),
  };
}

/** CPU used between two snapshots; `foreign` is what processes other than ours used. */
export function cpuSince(a: CpuSnapshot, b: CpuSnapshot): CpuUsed {
  let postgres = 0;
  for (const [pid, after] of b.pg) postgres += Math.max(0, after - (a.pg.get(pid) ?? 0));
  const selfUsage = process.cpuUsage(a.self);
  const self = (selfUsage.user + selfUsage.system) / 1e6;
  const server = b.server - a.server;
  const wall = (b.at - a.at) / 1000;
  return { wall, server, postgres, self, foreign: Math.max(0, b.machine - a.machine - server - postgres - self) };
}

/** Full runs wait (at most 2 minutes) until other processes leave the machine nearly idle. */
export async function waitForQuiet(
  runtime: Runtime,
  running: RunningServer,
  log: (message: string) => void,
  maxSeconds = 120,
) {
  const started = Date.now();
  let foreign = 0;
  while (Date.now() - started < maxSeconds * 1000) {
    const a = await cpuSnapshot(runtime, running);
    await new Promise((r) => setTimeout(r, 1000));
    const used = cpuSince(a, await cpuSnapshot(runtime, running));
    foreign = used.foreign / used.wall;
    if (foreign < 0.25) return;
    if (Date.now() - started < 1500)
      log(`  waiting for other processes to leave the machine idle (${round(foreign, 2)} cores busy)`);
  }
  log(`  machine still busy with other processes (${round(foreign, 2)} cores): measuring anyway, see foreignCores`);
}
