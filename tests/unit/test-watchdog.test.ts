import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * scripts/test-watchdog.mjs, the reporter that ends a run that hangs, in a jest of its own over test files written
 * here: a worker whose event loop never returns, a global teardown that never resolves, and a run that is only passing.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const WATCHDOG = path.join(ROOT, 'scripts', 'test-watchdog.mjs');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
/** A nested jest still running after this has not been ended by the watchdog: it is killed, and the case fails. */
const BACKSTOP_MS = 40_000;

interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

/** Runs jest over `files` (name → source) in a fresh directory with the watchdog as a reporter. */
async function runJest(files: Record<string, string>, config: object, env: Record<string, string>): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-watchdog-'));
  try {
    for (const [name, source] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), source);
    const reports = path.join(dir, 'reports');
    fs.mkdirSync(reports);
    const jestConfig = {
      rootDir: dir,
      testMatch: ['**/*.check.js'],
      transform: {},
      testEnvironment: 'node',
      // No timings from earlier runs: two files then go to two workers, not in band.
      cacheDirectory: path.join(dir, 'cache'),
      reporters: ['default', WATCHDOG],
      ...config,
    };
    const { JEST_WORKER_ID: _worker, ...parentEnv } = process.env;
    const started = Date.now();
    const child = spawn(process.execPath, [JEST, '--config', JSON.stringify(jestConfig), '--maxWorkers=2'], {
      cwd: dir,
      env: {
        ...parentEnv,
        NODE_OPTIONS: `--report-on-signal --report-signal=SIGUSR2 --report-directory=${reports}`,
        TEST_REPORT_DIR: reports,
        TEST_REPORT_SIGNAL: 'SIGUSR2',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // In a group of its own: a watchdog that failed to act would leave a busy worker behind, stopped below.
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const stopGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // nothing left in the group
      }
    };
    const backstop = setTimeout(stopGroup, BACKSTOP_MS);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(backstop);
    stopGroup();
    return { code, output, seconds: (Date.now() - started) / 1000 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const PASSING = `it('passes', () => expect(1).toBe(1));`;
const BUSY = `it('never yields', () => { for (;;) {} });`;

describe('the test watchdog (scripts/test-watchdog.mjs)', () => {
  it('ends a run whose file blocks its worker, naming the file and the workers', async () => {
    const run = await runJest({ 'busy.check.js': BUSY, 'ok.check.js': PASSING }, {}, { TEST_FILE_LIMIT_SECONDS: '1' });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/\[test-watchdog\] .*busy\.check\.js \(TEST_FILE_LIMIT_SECONDS=1\)/);
    expect(run.output).toMatch(/running: busy\.check\.js \d+ s/);
    // The blocked worker cannot write a report; it is named with its state all the same.
    expect(run.output).toMatch(/\[test-watchdog\] worker \d+: .*jest-worker.*\[R/);
    expect(run.seconds).toBeLessThan(BACKSTOP_MS / 1000);
  });

  it('ends jest that a global teardown holds after its run', async () => {
    const teardown = 'module.exports = () => new Promise(() => setInterval(() => undefined, 1000));';
    const run = await runJest(
      { 'ok.check.js': PASSING, 'other.check.js': PASSING, 'teardown.js': teardown },
      { globalTeardown: '<rootDir>/teardown.js' },
      { TEST_EXIT_LIMIT_SECONDS: '1' },
    );
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/\[test-watchdog\] .*jest has not exited 1 s after its run/);
    expect(run.seconds).toBeLessThan(BACKSTOP_MS / 1000);
  });

  it('says nothing of a run that passes in its time', async () => {
    const run = await runJest({ 'ok.check.js': PASSING, 'other.check.js': PASSING }, {}, {});
    expect(run.code).toBe(0);
    expect(run.output).not.toContain('[test-watchdog]');
  });
});
