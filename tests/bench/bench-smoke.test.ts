/**
 * Keeps the benchmark from rotting: runs `bench --smoke` (tiny dataset, ~2 s per scenario) against the test database
 * as a child process, the way `npm run bench:smoke` does. `npm test` has installed the benchmark's own packages
 * (bench/package.json: PostGraphile and autocannon are not project dependencies) and compiled it; run alone, this file
 * does both first.
 * The smoke run itself checks that raw, hub and PostGraphile each answer every scenario
 * without errors and that the hub's and PostGraphile's answers equal the raw server's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const withDatabase = process.env.DATABASE_URL ? test : test.skip;

function curveFrom(files: string[], out: string) {
  const args = [path.join(ROOT, 'dist', 'bench', 'run.js'), '--curve-from', files.join(','), '--out', out];
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
}

/**
 * `--curve-from`: full runs at two sizes (the smoke report reshaped into them, the hub's blacklist CPU doubled at the
 * larger) become one curve, smallest first, with the growth check failing for the doubled scenario; a smoke run or a
 * dataset of another shape is refused.
 */
function expectCurveFromReports(smoke: any, out: string) {
  const point = (subjects: number, factor: number) => {
    const report = structuredClone(smoke);
    report.mode = 'full';
    report.dataset = { ...report.dataset, subjects: subjects + 506, records: subjects * 3 + 550 };
    const hub = report.scenarios.find((s: { name: string }) => s.name === 'blacklist').servers.hub;
    hub.cpuMsPerRequest.server = 10 * factor;
    const file = path.join(out, `point-${subjects}.json`);
    fs.writeFileSync(file, JSON.stringify(report));
    return file;
  };
  const large = point(100_000, 2);
  const small = point(20_000, 1);
  const curveOut = path.join(out, 'curve');
  const run = curveFrom([large, small], curveOut);
  expect(run.status).toBe(0);
  const curve = JSON.parse(fs.readFileSync(path.join(curveOut, 'curve.json'), 'utf8'));
  expect(curve.sizes).toEqual([20_000, 100_000]);
  expect(curve.growth.find((g: { scenario: string }) => g.scenario === 'blacklist')).toMatchObject({
    smallest: 10,
    largest: 20,
    ratio: 2,
    met: false,
  });
  const smokeFile = path.join(out, 'smoke.json');
  fs.writeFileSync(smokeFile, JSON.stringify(smoke));
  expect(curveFrom([small, smokeFile], curveOut).status).toBe(1);
  const misshapen = structuredClone(JSON.parse(fs.readFileSync(large, 'utf8')));
  misshapen.dataset.records = misshapen.dataset.subjects * 5;
  fs.writeFileSync(large, JSON.stringify(misshapen));
  expect(curveFrom([small, large], curveOut).status).toBe(1);
}

/**
 * What `npm test` does before any test (scripts/test.mjs), for a run of this file alone: the compile rewrites dist/src,
 * which other files' processes load, so within `npm test` it never runs beside them.
 */
function compileBench() {
  const deps = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'install-deps.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (deps.status !== 0) throw new Error(`bench/install-deps.mjs failed:\n${deps.stdout}${deps.stderr}`);
  const tsc = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'bench', 'tsconfig.json')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
}

describe('benchmark smoke run', () => {
  withDatabase(
    'raw, hub and peer answer every scenario, with the same answers',
    () => {
      if (!process.env.BENCH_COMPILED) compileBench();

      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-bench-smoke-'));
      try {
        // --reset: the test database is a throw-away (every test file empties it anyway).
        const run = spawnSync(
          process.execPath,
          [path.join(ROOT, 'dist', 'bench', 'run.js'), '--smoke', '--reset', '--out', out],
          {
            cwd: ROOT,
            encoding: 'utf8',
            env: { ...process.env },
            timeout: 170_000,
          },
        );
        const output = `${run.stdout}\n${run.stderr}`;
        if (run.status !== 0) throw new Error(`bench --smoke exited with ${run.status}:\n${output.slice(-6000)}`);

        const report = JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8'));
        expect(report.ok).toBe(true);
        expect(report.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
        const measured = report.scenarios;
        expect(measured.map((s: { name: string }) => s.name)).toEqual([
          'blacklist',
          'decision',
          'status',
          'archive',
          'ingest',
        ]);
        for (const scenario of measured) {
          // PostGraphile has no interception policy: the decision scenario is raw against the hub.
          for (const server of scenario.name === 'decision' ? ['raw', 'hub'] : ['raw', 'hub', 'peer']) {
            const result = scenario.servers[server];
            expect({ scenario: scenario.name, server, error: result?.error }).toEqual({
              scenario: scenario.name,
              server,
              error: undefined,
            });
            expect(result.load.requests).toBeGreaterThan(0);
            expect(result.statementsPerOp).toBeGreaterThan(0);
          }
        }
        // The archive reading: every cadre's file has its 20 entries, and the three servers agreed
        // on them and on the records.
        expect(report.dataset.cadres).toBeGreaterThan(0);
        expect(report.dataset.archiveEntries).toBe(report.dataset.cadres * 20);
        const archiveChecks = report.checks
          .filter((c: { scenario: string }) => c.scenario === 'archive')
          .map((c: { server: string; detail: string }) => `${c.server}: ${c.detail}`);
        expect(archiveChecks).toEqual(
          expect.arrayContaining(['hub: same answers as raw', 'peer: same answers as raw']),
        );
        // The decisions and the check log: the hub's equal raw SQL's computation of the same policy and the rows raw
        // wrote (records.interception_check), code for code, in both scenarios that check.
        for (const scenario of ['blacklist', 'decision']) {
          const checks = report.checks
            .filter((c: { scenario: string }) => c.scenario === scenario)
            .map((c: { server: string; detail: string }) => `${c.server}: ${c.detail}`);
          expect(checks).toEqual(
            expect.arrayContaining([
              'hub: same answers as raw',
              expect.stringMatching(/^raw: .* \d+ (of \d+ )?valid codes logged$/),
            ]),
          );
        }
        expect(report.targets.map((t: { name: string }) => t.name)).toContain(
          'archive read: hub p99 <= 2.0x raw (access-log write included)',
        );
        expect(fs.readFileSync(path.join(out, 'latest.md'), 'utf8')).toContain('| blacklist | hub |');
        expectCurveFromReports(report, out);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    },
    // Up to 5 minutes of it only on a fresh clone, for installing the benchmark's packages.
    540_000,
  );
});
