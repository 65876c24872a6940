/**
 * `npm test`: the type check, the lint, the build and the benchmark's package install
 * (bench/install-deps.mjs, mostly network) run side by side, since none needs another; then
 * every test (jest: three workers, each on its own database of the embedded test cluster; in
 * band when DATABASE_URL names a database of yours, since the files would share it). Three
 * workers on two cores: many files wait on PostgreSQL and on the processes they start, so two
 * workers left a third of the CPU idle. Arguments go to jest (`npm test -- tests/records`).
 * Each side job's output is printed whole when it ends.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(label, command, args, { capture }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (capture)
        process.stdout.write(`── ${label}: ${code === 0 ? 'ok' : `failed (exit ${code})`}, ${seconds} s\n${output}`);
      resolve(code === 0);
    });
  });
}

const checks = await Promise.all([
  run('type check (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { capture: true }),
  run('lint (npm run lint)', 'npm', ['run', 'lint', '--silent'], { capture: true }),
  run('benchmark packages (bench/install-deps.mjs)', process.execPath, ['bench/install-deps.mjs'], { capture: true }),
  run('build (npm run build)', 'npm', ['run', 'build', '--silent'], { capture: true }),
]);
if (!checks.every(Boolean)) process.exit(1);
const workers = process.env.DATABASE_URL ? ['--runInBand'] : ['--maxWorkers=3'];
const jestArgs = [...workers, ...process.argv.slice(2)];
process.exit((await run('jest', bin('jest'), jestArgs, { capture: false })) ? 0 : 1);
