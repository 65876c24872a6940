import fs from 'node:fs';
import path from 'node:path';
import { CURVE_RECORDS_PER_SUBJECT, growthOf, type CurvePoint, type CurveReport } from './curve';
import type { BenchReport, Check } from './results';

/** A point's records per subject may stray this far from the curve's 3 (bulkSeed's extras: listings, cadres). */
const RECORDS_PER_SUBJECT_TOLERANCE = 0.1;

function readReport(file: string): BenchReport {
  const report = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8')) as BenchReport;
  if (!report.dataset || !Array.isArray(report.scenarios))
    throw new Error(`--curve-from: ${file} is not a bench report`);
  return report;
}

/** The size a dataset was asked for, from what it holds (bulkSeed and the bench add a few hundred extras). */
function nominalSize(subjects: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(subjects)) - 1);
  return Math.floor(subjects / unit) * unit;
}

/** A point must be a full run of the curve's shape: 3 records per subject. */
function assertCurveShape(report: BenchReport, file: string): void {
  const { subjects, records } = report.dataset;
  const perSubject = records / subjects;
  if (report.mode !== 'full') throw new Error(`--curve-from: ${file} is a ${report.mode} run, not a full one`);
  if (Math.abs(perSubject - CURVE_RECORDS_PER_SUBJECT) > RECORDS_PER_SUBJECT_TOLERANCE)
    throw new Error(
      `--curve-from: ${file} has ${perSubject.toFixed(2)} records per subject, not ${CURVE_RECORDS_PER_SUBJECT}`,
    );
}

/** A point's checks, labelled with its size. */
const pointChecks = (report: BenchReport): Check[] =>
  report.checks.map((c) => ({ ...c, detail: `@${report.dataset.subjects.toLocaleString('en-US')}: ${c.detail}` }));

/**
 * `--curve-from A.json,B.json,…`: the curve assembled from full runs made one after the other on datasets of
 * different sizes (each its own data directory, so a large one need not be grown from a small one), with the
 * same tables and growth check as `--curve`. The runs must share the machine, revision and load settings.
 */
export function curveFromReports(files: string[]): CurveReport {
  const reports = files.map((file) => ({ file, report: readReport(file) }));
  for (const { file, report } of reports) assertCurveShape(report, file);
  reports.sort((a, b) => a.report.dataset.subjects - b.report.dataset.subjects);
  const revisions = new Set(reports.map(({ report }) => String(report.machine.revision)));
  if (revisions.size > 1) throw new Error(`--curve-from: runs of different revisions (${[...revisions].join(', ')})`);
  const points: CurvePoint[] = reports.map(({ report }) => ({
    subjects: nominalSize(report.dataset.subjects),
    dataset: report.dataset,
    scenarios: report.scenarios,
    hubStatements: report.hubStatements,
  }));
  const checks = reports.flatMap(({ report }) => pointChecks(report));
  const first = reports[0].report;
  return {
    generatedAt: new Date().toISOString(),
    command: `node dist/bench/run.js --curve-from ${files.join(',')}`,
    machine: first.machine,
    options: { ...first.options, scenarios: first.scenarios.map((s) => s.name) },
    sizes: points.map((p) => p.subjects),
    points,
    growth: growthOf(points),
    checks,
    ok: checks.every((c) => c.ok),
  };
}
