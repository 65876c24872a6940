/**
 * `npm test`: the type check, the lint, the build and the benchmark's package install
 * (bench/install-deps.mjs, mostly network) run side by side, since none needs another, and the
 * benchmark's compile once the last two are done; then
 * every test (jest: three workers, each on its own database of the embedded test cluster; in
 * band when DATABASE_URL names a database of yours, since the files would share it). Three
 * workers on two cores: many files wait on PostgreSQL and on the processes they start, so two
 * workers left a third of the CPU idle. Arguments go to jest (`npm test -- tests/records`).
 * Each side job's output is printed whole when it ends.
 *
 * Jest runs in a process group of its own, with scripts/test-watchdog.mjs among its reporters (jest.config.js): a
 * file that hangs is named and ends the run (TEST_FILE_LIMIT_SECONDS) instead of running into a CI's time limit, and
 * whatever the workers started (hubs, PostgreSQL servers) is stopped with the group when jest ends. Its workers write
 * a Node diagnostic report on SIGUSR2, which the watchdog asks for to print a hung worker's stack.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(label, command, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`── ${label}: ${code === 0 ? 'ok' : `failed (exit ${code})`}, ${seconds} s\n${output}`);
      resolve(code === 0);
    });
  });
}

// The benchmark's compile (bench/tsconfig.json) writes dist/src as well as dist/bench: it runs once the build has
// written dist/src and before any test runs the compiled code, never beside a test that spawns the CLI from dist/.
const build = run('build (npm run build)', 'npm', ['run', 'build', '--silent']);
const benchPackages = run('benchmark packages (bench/install-deps.mjs)', process.execPath, ['bench/install-deps.mjs']);
const benchBuild = Promise.all([build, benchPackages]).then(
  (done) =>
    done.every(Boolean) &&
    run('benchmark build (tsc -p bench/tsconfig.json)', bin('tsc'), ['-p', 'bench/tsconfig.json']),
);
const checks = await Promise.all([
  run('type check (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']),
  run('lint (npm run lint)', 'npm', ['run', 'lint', '--silent']),
  benchPackages,
  build,
  benchBuild,
]);
if (!checks.every(Boolean)) process.exit(1);
const workers = process.env.DATABASE_URL ? ['--runInBand'] : ['--maxWorkers=3'];
process.exit((await runJest([...workers, ...process.argv.slice(2)])) ? 0 : 1);

/** Jest in its own process group; the group is stopped when jest ends, or when a signal stops this script. */
function runJest(args) {
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-test-reports-'));
  const report = ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${reportDir}`];
  const env = {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, ...report].filter(Boolean).join(' '),
    TEST_REPORT_DIR: reportDir,
    TEST_REPORT_SIGNAL: 'SIGUSR2',
    // tests/bench/bench-smoke.test.ts runs the benchmark compiled above instead of compiling it itself.
    BENCH_COMPILED: '1',
  };
  const child = spawn(bin('jest'), args, { cwd: root, stdio: 'inherit', env, detached: true });
  const stopGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group has no process left
    }
  };
  const forward = (signal) => () => stopGroup(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`jest: ${error.message}\n`);
      resolve(false);
    });
    child.on('close', (code) => {
      stopGroup('SIGKILL');
      fs.rmSync(reportDir, { recursive: true, force: true });
      resolve(code === 0);
    });
  });
}
