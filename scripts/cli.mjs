// `npm run token|cli|seed|migrate|schema`: runs the built CLI, compiling first only when a
// source file is newer than the build (tsc rewrites every output, so dist/src/cli/main.js
// dates the last build). Saves the ~25 s of a tsc run when nothing changed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
const SOURCES = ['src', 'migrations', 'web'];
const CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time under `file` (a file or a folder), 0 if absent. */
function newest(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, name)));
  return latest;
}

function fresh() {
  const built = newest(entry);
  if (built === 0) return false;
  return [...SOURCES, ...CONFIG].every((name) => newest(path.join(root, name)) <= built);
}

if (!fresh()) {
  process.stderr.write('credit-hub: sources changed since the last build: compiling (npm run build)\n');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
