/**
 * Installs the benchmark's own packages (bench/package.json: PostGraphile, its connection
 * filter, autocannon) into bench/node_modules when they are missing or not at the pinned
 * version, with `npm ci` on bench/package-lock.json. The project's `npm install` never installs
 * them: PostGraphile 5 declares Node >= 22, and only the benchmark needs it. Run by the bench
 * scripts and by tests/bench/bench-smoke.test.ts; quiet when all is in place.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const bench = import.meta.dirname;
const wanted = JSON.parse(fs.readFileSync(path.join(bench, 'package.json'), 'utf8')).dependencies;

function installed(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(bench, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

const missing = Object.entries(wanted).filter(([name, version]) => installed(name) !== version);
if (missing.length > 0) {
  process.stderr.write(
    `installing the benchmark's packages (bench/package.json): ${missing.map(([n]) => n).join(', ')}\n`,
  );
  // Engine warnings of PostGraphile's packages (Node >= 22) are expected: the peer runs with a polyfill.
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: bench, stdio: 'inherit' });
  if (npm.status !== 0) {
    process.stderr.write(`npm ci in bench/ failed (${npm.error ? npm.error.message : `exit ${npm.status}`})\n`);
    process.exit(1);
  }
}
