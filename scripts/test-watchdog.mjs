/**
 * A jest reporter that names the test files still running, so a file that hangs shows in a CI log that keeps only
 * its last lines. Jest's own timeouts end a test whose promise never settles, but not one whose worker's event loop
 * is blocked or stuck in a system call: such a file ran until a CI's 90-minute limit once, with nothing in the log
 * but the worker's SIGTERM. Here a file running past `warnAfterSeconds` is named once; past `limitSeconds` the
 * workers are asked for a Node diagnostic report (their JavaScript stacks: NODE_OPTIONS from scripts/test.mjs), the
 * stacks are printed beside the names and the run ends with exit code 1 (scripts/test.mjs then stops the workers and
 * whatever they started).
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval, setTimeout } from 'node:timers';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const REPORT_WAIT_MS = 3000;

export default class TestWatchdog {
  constructor(_globalConfig, options = {}) {
    this.warnAfterMs = Number(process.env.TEST_FILE_WARN_SECONDS ?? options.warnAfterSeconds ?? 120) * 1000;
    this.limitMs = Number(process.env.TEST_FILE_LIMIT_SECONDS ?? options.limitSeconds ?? 480) * 1000;
    this.running = new Map();
    this.root = process.cwd();
    this.timer = undefined;
  }

  onTestFileStart(test) {
    this.running.set(test.path, { started: Date.now(), warned: false });
    // Unreferenced: the watch never keeps jest's own process alive.
    this.timer ??= setInterval(() => this.check(), 5000).unref();
  }

  onTestFileResult(test) {
    this.running.delete(test.path);
  }

  onRunComplete() {
    clearInterval(this.timer);
  }

  check() {
    const now = Date.now();
    for (const [file, run] of this.running) {
      const seconds = Math.round((now - run.started) / 1000);
      if (now - run.started > this.limitMs) {
        clearInterval(this.timer);
        return void this.abort(file, seconds);
      }
      if (!run.warned && now - run.started > this.warnAfterMs) {
        run.warned = true;
        this.say(`测试文件仍在运行 / still running: ${this.name(file)} (${seconds} s)`);
      }
    }
  }

  async abort(file, seconds) {
    this.say(
      `测试文件超时 / test file over its limit: ${this.name(file)} ran ${seconds} s ` +
        `(TEST_FILE_LIMIT_SECONDS=${this.limitMs / 1000}); files running: ` +
        [...this.running.keys()].map((other) => this.name(other)).join(', '),
    );
    await this.printWorkerStacks();
    process.exit(1);
  }

  /** Each jest worker's JavaScript stack, from the report Node writes on TEST_REPORT_SIGNAL. */
  async printWorkerStacks() {
    const dir = process.env.TEST_REPORT_DIR;
    const signal = process.env.TEST_REPORT_SIGNAL;
    if (!dir || !signal) return;
    const workers = childrenOf(process.pid);
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
