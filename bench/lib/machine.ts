import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/common/paths';
import type { Runtime } from '../../src/runtime';
import { sql } from './database';
import { AUTOCANNON_VERSION } from './load';
import { round } from './numbers';
import type { BenchReport } from './results';

/** The installed version of a benchmark package (bench/node_modules, else the project's). */
function versionOf(pkg: string): string {
  for (const modules of [path.join(PROJECT_ROOT, 'bench', 'node_modules'), path.join(PROJECT_ROOT, 'node_modules')]) {
    try {
      return (JSON.parse(fs.readFileSync(path.join(modules, pkg, 'package.json'), 'utf8')) as { version: string })
        .version;
    } catch {
      // not installed there
    }
  }
  return 'not installed';
}

/** The commit measured, marked dirty when the work tree differs from it. */
function revision(): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', 'src', 'migrations']).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' + uncommitted changes in src/' : ''}`;
}

/** The machine, the database server and the package versions a report was measured with. */
export async function describeMachine(runtime: Runtime): Promise<BenchReport['machine']> {
  const [{ version }] = await sql<{ version: string }>(runtime, 'SELECT version()');
  return {
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
}
