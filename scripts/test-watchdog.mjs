/**
 * A jest reporter that tells what is running when a run goes wrong, in a CI log that keeps only its last lines.
 * Jest's own timeouts end a test whose promise never settles, but not a file whose worker's event loop is blocked or
 * stuck in a system call, and nothing ends a run that is merely slow: one CI run reached its 90-minute limit with
 * nothing in its log but a jest worker's SIGTERM.
 * - A file running past TEST_FILE_WARN_SECONDS is named once.
 * - A file past TEST_FILE_LIMIT_SECONDS, or a run past TEST_RUN_LIMIT_SECONDS, ends the run with exit code 1 after
 *   printing the state of the run and each worker's JavaScript stack (a Node diagnostic report on
 *   TEST_REPORT_SIGNAL, which scripts/test.mjs enables); scripts/test.mjs then stops whatever the workers started.
 * - On SIGTERM or SIGINT (a CI's time limit, Ctrl-C) the state of the run is printed, then the signal takes its course.
 * - Jest still alive TEST_EXIT_LIMIT_SECONDS after its run has ended (the global teardown, an open handle) exits with
 *   code 1.
 * The state: time since the run began, files done of all, the files running with their time, the slowest done.
 * In band (tests on a DATABASE_URL of yours) the files run in jest's own process: a file that blocks it blocks this
 * too, and only a CI's limit ends it. Tested in tests/unit/test-watchdog.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval, setTimeout } from 'node:timers';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const REPORT_WAIT_MS = 3000;
const CHECK_MS = 5000;
const SLOWEST_SHOWN = 8;

const seconds = (ms) => Math.round(ms / 1000);
const limitMs = (name, fallbackSeconds) => Number(process.env[name] ?? fallbackSeconds) * 1000;

export default class TestWatchdog {
  constructor(globalConfig) {
    // In watch mode jest stays after each run by design.
    this.watching = Boolean(globalConfig?.watch || globalConfig?.watchAll);
    this.warnAfterMs = limitMs('TEST_FILE_WARN_SECONDS', 120);
    this.fileLimitMs = limitMs('TEST_FILE_LIMIT_SECONDS', 480);
    this.runLimitMs = limitMs('TEST_RUN_LIMIT_SECONDS', 2400);
    this.exitLimitMs = limitMs('TEST_EXIT_LIMIT_SECONDS', 120);
    this.running = new Map();
    this.done = [];
    this.total = 0;
    this.root = process.cwd();
  }

  onRunStart(results) {
    this.started = Date.now();
    this.total = results.numTotalTestSuites;
    // Unreferenced: the watch never keeps jest's own process alive.
    this.timer = setInterval(() => this.check(), CHECK_MS).unref();
    // Prints, then raises the signal again for whoever else handles it (the test cluster's stop, which stands aside
    // while another listener is there: src/db/embedded-signals.ts), or for the default exit.
    this.onSignal = (signal) => {
      this.say(`收到 ${signal} / got ${signal}\n${this.state()}`);
      this.stopWatching();
      process.kill(process.pid, signal);
    };
    process.once('SIGTERM', this.onSignal);
    process.once('SIGINT', this.onSignal);
  }

  onTestFileStart(test) {
    this.running.set(test.path, { started: Date.now(), warned: false });
  }

  onTestFileResult(test) {
    const run = this.running.get(test.path);
    this.running.delete(test.path);
    if (run) this.done.push({ file: test.path, ms: Date.now() - run.started });
  }

  stopWatching() {
    clearInterval(this.timer);
    process.off('SIGTERM', this.onSignal);
    process.off('SIGINT', this.onSignal);
  }

  onRunComplete() {
    this.stopWatching();
    // Jest then stops the test cluster (global teardown) and exits. Unreferenced: this fires only if something holds
    // the process after that.
    if (this.watching) return;
    setTimeout(() => {
      this.say(
        `jest 在运行结束 ${this.exitLimitMs / 1000} s 后仍未退出 / jest has not exited ${this.exitLimitMs / 1000} s after ` +
          'its run: the global teardown (stopping the test cluster) or an open handle holds it',
      );
      process.exit(1);
    }, this.exitLimitMs).unref();
  }

  check() {
    const now = Date.now();
    if (now - this.started > this.runLimitMs)
      return this.abort(`测试运行超时 / the run is over its limit (TEST_RUN_LIMIT_SECONDS=${this.runLimitMs / 1000})`);
    for (const [file, run] of this.running) {
      if (now - run.started > this.fileLimitMs)
        return this.abort(
          `测试文件超时 / test file over its limit: ${this.name(file)} (TEST_FILE_LIMIT_SECONDS=${this.fileLimitMs / 1000})`,
        );
      if (!run.warned && now - run.started > this.warnAfterMs) {
        run.warned = true;
        this.say(`测试文件仍在运行 / still running: ${this.name(file)} (${seconds(now - run.started)} s)`);
      }
    }
  }

  async abort(why) {
    this.stopWatching();
    this.say(`${why}\n${this.state()}`);
    await this.printWorkerStacks();
    process.exit(1);
  }

  state() {
    const now = Date.now();
    const running = [...this.running].map(([file, run]) => `${this.name(file)} ${seconds(now - run.started)} s`);
    const slowest = [...this.done]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST_SHOWN)
      .map(({ file, ms }) => `${this.name(file)} ${seconds(ms)} s`);
    return [
      `  ${seconds(now - this.started)} s since the run began; ${this.done.length} of ${this.total} files done`,
      `  running: ${running.join(', ') || 'none'}`,
      `  slowest done: ${slowest.join(', ') || 'none'}`,
    ].join('\n');
  }

  /** Each jest worker's JavaScript stack, from the report Node writes on TEST_REPORT_SIGNAL. */
  async printWorkerStacks() {
    const dir = process.env.TEST_REPORT_DIR;
    const signal = process.env.TEST_REPORT_SIGNAL;
    if (!dir || !signal) return;
    // Only jest's workers: the test cluster's PostgreSQL is a child of this process too, and takes SIGUSR2 its own way.
    const workers = childrenOf(process.pid).filter((pid) => processState(pid).includes('jest-worker'));
    for (const pid of workers) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
    await sleep(REPORT_WAIT_MS);
    for (const pid of workers) {
      const report = fs.readdirSync(dir).find((name) => name.includes(`.${pid}.`) && name.endsWith('.json'));
      const lines = [`worker ${pid}: ${processState(pid)}`];
      if (report) {
        const { javascriptStack, libuv = [] } = JSON.parse(fs.readFileSync(path.join(dir, report), 'utf8'));
        const stack = javascriptStack?.stack ?? [];
        if (stack.length) lines.push(`  ${javascriptStack.message}`, ...stack.slice(0, 20));
        const handles = libuv.filter((handle) => handle.is_active).map((handle) => handle.type);
        lines.push(`  active handles: ${handles.join(', ')}`);
      } else lines.push('  no diagnostic report: its JavaScript thread is busy or stuck in a system call');
      for (const descendant of descendantsOf(pid)) lines.push(`  started ${descendant}: ${processState(descendant)}`);
      this.say(lines.join('\n'));
    }
  }

  name(file) {
    return path.relative(this.root, file);
  }

  say(line) {
    process.stderr.write(`[test-watchdog] ${line}\n`);
  }
}

function childrenOf(pid) {
  const tasks = `/proc/${pid}/task`;
  try {
    return fs
      .readdirSync(tasks)
      .flatMap((task) => fs.readFileSync(path.join(tasks, task, 'children'), 'utf8').split(' '))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function descendantsOf(pid) {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

/** A process's command line, its state (R: on a CPU, S: waiting, D: in a system call) and what it waits in. */
function processState(pid) {
  const read = (file) => {
    try {
      return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  const command = read('cmdline').split('\0').join(' ').trim().slice(0, 160);
  const state = /^State:\s*(.*)$/m.exec(read('status'))?.[1] ?? 'gone';
  return `${command} [${state}${read('wchan') ? `, in ${read('wchan')}` : ''}]`;
}
