#!/usr/bin/env node
/**
 * Summarises a V8 CPU profile (node --cpu-prof, e.g. `npm run bench -- --servers hub
 * --scenarios status --cpu-prof .data/profiles`): self time by function and by package.
 *
 *   node dist/bench/profile-summary.js <file.cpuprofile> [--top N] [--json]
 */
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  idleMs: number;
  gcMs: number;
  functions: { name: string; where: string; selfMs: number; percent: number }[];
  packages: { name: string; selfMs: number; percent: number }[];
}

/** Where a frame's code lives: an npm package, a folder of this project, Node internals. */
export function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = /\/dist\/(src\/[^/]+(?:\/[^/]+)?|bench)\//.exec(url);
  if (dist) return `credit-hub ${dist[1].replace(/\/[^/]+\.js$/, '')}`;
  return path.basename(url);
}

export function summarize(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  let idle = 0;
  let gc = 0;
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const packages = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') {
      idle += us;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gc += us;
    const where = frame.url
      ? `${frame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}`
      : '';
    const key = `${frame.functionName}@${where}`;
    const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const pkg = frame.functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const busy = total - idle;
  const ms = (us: number) => Math.round(us / 100) / 10;
  const pct = (us: number) => Math.round((1000 * us) / Math.max(1, busy)) / 10;
  return {
    file,
    totalMs: ms(total),
    idleMs: ms(idle),
    gcMs: ms(gc),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: ms(f.us), percent: pct(f.us) })),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: ms(us), percent: pct(us) })),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const lines = [
    `${summary.file}: ${summary.totalMs} ms sampled, ${summary.idleMs} ms idle/program, busy ${Math.round((summary.totalMs - summary.idleMs) * 10) / 10} ms (GC ${summary.gcMs} ms)`,
    '',
    'self time by package (% of busy):',
    ...summary.packages.map(
      (p) => `  ${String(p.percent).padStart(5)} %  ${String(p.selfMs).padStart(9)} ms  ${p.name}`,
    ),
    '',
    'self time by function (% of busy):',
    ...summary.functions.map(
      (f) => `  ${String(f.percent).padStart(5)} %  ${String(f.selfMs).padStart(9)} ms  ${f.name}  ${f.where}`,
    ),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile-summary.js <file.cpuprofile> [--top N] [--json]\n');
    process.exit(2);
  }
  const topIndex = args.indexOf('--top');
  const summary = summarize(file, topIndex >= 0 ? Number(args[topIndex + 1]) : 25);
  process.stdout.write(
    args.includes('--json') ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`,
  );
}
