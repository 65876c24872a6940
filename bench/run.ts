#!/usr/bin/env node
/**
 * `npm run bench` / `npm run bench:smoke`: raw vs hub vs PostGraphile over one database.
 * See docs/benchmarks.md. Exit code 1 when a check fails in smoke mode (or on any error).
 */
import 'reflect-metadata';
import { parseArgs } from './lib/options';
import { runBench, seedOnly } from './lib/orchestrate';
import { consoleTable, writeReport } from './lib/report';
import { curveMarkdown, runCurve, writeCurve, type CurveReport } from './lib/curve';
import { curveFromReports } from './lib/curve-from';

/** `--curve`: every scenario at each data size (bench/lib/curve.ts). */
async function curve(options: ReturnType<typeof parseArgs>, log: (message: string) => void): Promise<number> {
  const report: CurveReport = options.curveFrom ? curveFromReports(options.curveFrom) : await runCurve(options, log);
  const files = writeCurve(report, options.outDir);
  process.stdout.write(`\n${curveMarkdown(report)}\nwrote ${files.json} and ${files.md}\n`);
  const failed = report.checks.filter((c) => !c.ok);
  process.stdout.write(`bench --curve: ${report.checks.length - failed.length} passed, ${failed.length} failed\n`);
  return failed.length > 0 && options.strict ? 1 : 0;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (message: string) =>
    process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
  if (options.curve || options.curveFrom) return curve(options, log);
  if (options.seedOnly) {
    await seedOnly(options, log);
    return 0;
  }
  const report = await runBench(options, log);
  const files = writeReport(report, options.outDir);
  process.stdout.write(`\n${consoleTable(report)}\n\nwrote ${files.json} and ${files.md}\n`);
  const failed = report.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    process.stdout.write(
      `${failed.length} check(s) failed:\n${failed.map((c) => `  ${c.scenario}/${c.server}: ${c.detail}`).join('\n')}\n`,
    );
    if (options.strict) return 1;
  }
  const passed = report.checks.length - failed.length;
  process.stdout.write(`bench: ${passed} passed, ${failed.length} failed\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
