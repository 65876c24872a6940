import fs from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { Presets, SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify';
import { makePrincipal, type Principal } from '../auth/principal';
import { isRole, Role } from '../auth/roles';
import { today } from '../common/dates';
import type { HubServices } from '../services';
import { exportPenalties } from '../subgraphs/records/disclosure/export';
import { readSheetRows } from '../subgraphs/records/disclosure/files';
import { CSV_FORMULA_ESCAPE } from '../subgraphs/records/disclosure/formula-cells';
import {
  countOutcomes,
  PenaltyImport,
  type PenaltyRowIn,
  type PenaltyRowReport,
} from '../subgraphs/records/disclosure/import';
import { recognizeHeaders, rowFromCells } from '../subgraphs/records/disclosure/items';

/** Who the command acts as: like a token's claims, given on the command line (docs/sgs.md). */
export interface ActingOptions {
  as: string;
  role: string;
  region?: string;
  org?: string;
}

export function cliPrincipal(options: ActingOptions): Principal {
  if (!isRole(options.role)) throw new Error(`--role: unknown role ${options.role}`);
  if (options.region && !/^\d{1,6}$/.test(options.region)) throw new Error('--region must be 1 to 6 digits');
  return makePrincipal({ sub: options.as, role: options.role, region: options.region, org: options.org });
}

export const DEFAULT_ACTING = { as: 'sgs-import', role: Role.CREDIT_OFFICE } as const;

export interface ImportSummary {
  rows: number;
  counts: Record<string, number>;
  seconds: number;
}

/**
 * `credit-hub import sgs <file>`: checks the whole file against IMPORT_MAX_* first (nothing
 * is written from a file over them), then reads it as a stream, validates and writes it in
 * batches through PenaltyImport (what importPenalties uses), writes the row report as it
 * goes. Memory stays flat: one batch of rows and the set of decision numbers seen.
 */
export async function importSgsFile(
  services: HubServices,
  file: string,
  options: ActingOptions & { report?: string; batch: number; progress: boolean },
  log: (line: string) => void,
): Promise<ImportSummary> {
  const viewer = cliPrincipal(options);
  const started = performance.now();
  const size = fs.statSync(file).size;
  const importer = new PenaltyImport(
    () => {
      const em = services.orm.em.fork();
      return { em, directory: services.subjectDirectory(em) };
    },
    services.keys,
    services.creditPolicy,
    today(),
    services.evaluation,
  );
  const columns = ['row', 'outcome', 'decision_no', 'record_id', 'item', 'error'];
  const report = options.report ? stringify({ bom: true, ...CSV_FORMULA_ESCAPE, header: true, columns }) : null;
  const reportWritten = report ? pipeline(report, fs.createWriteStream(options.report!)) : null;
  reportWritten?.catch(() => undefined);
  const bar = options.progress
    ? new SingleBar(
        {
          format: 'import sgs [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {duration_formatted}',
          stream: process.stderr,
          hideCursor: true,
          fps: 5,
        },
        Presets.shades_classic,
      )
    : null;
  bar?.start(size, 0, { rows: 0, rate: '0' });
  const shown: PenaltyRowReport[] = []; // without --report: the first 100 rejected rows, for stderr
  const counts = { IMPORTED: 0, UPDATED: 0, UNCHANGED: 0, REJECTED: 0 };
  let bytes = 0;
  let rows = 0;
  const flush = async (batch: PenaltyRowIn[]) => {
    if (batch.length === 0) return;
    const reports = await importer.importRows(viewer, batch, options.batch);
    const batchCounts = countOutcomes(reports);
    for (const outcome of Object.keys(counts) as (keyof typeof counts)[]) counts[outcome] += batchCounts[outcome];
    for (const r of reports) {
      if (
        report &&
        !report.write({
          row: r.row,
          outcome: r.outcome,
          decision_no: r.decisionNo ?? '',
          record_id: r.recordId ?? '',
          item: r.item ?? '',
          error: r.error ?? '',
        })
      ) {
        await Promise.race([once(report, 'drain'), reportWritten]);
      }
    }
    if (!report) {
      for (const r of reports) if (r.error && shown.push(r) > 100) shown.pop();
    }
    bar?.update(bytes, { rows, rate: Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001)) });
  };
  try {
    let columns: ReturnType<typeof recognizeHeaders> | null = null;
    let batch: PenaltyRowIn[] = [];
    let line = 0;
    for await (const cells of readSheetRows(file, services.config.imports, (read) => (bytes = read))) {
      line++;
      if (!columns) {
        columns = recognizeHeaders(cells);
        continue;
      }
      rows++;
      batch.push({ row: line, items: rowFromCells(columns, cells) });
      if (batch.length >= options.batch) {
        await flush(batch);
        batch = [];
      }
    }
    if (!columns) throw new Error(`${file}: no header row`);
    await flush(batch);
  } finally {
    bar?.update(size, { rows });
    bar?.stop();
    report?.end();
  }
  await reportWritten;
  // Without --report, rejected rows are listed on stderr so they are not lost.
  for (const r of shown) process.stderr.write(`row ${r.row}: ${r.error}\n`);
  if (counts.REJECTED > shown.length)
    process.stderr.write(`… and ${counts.REJECTED - shown.length} more rejected rows (use --report)\n`);
  const seconds = (performance.now() - started) / 1000;
  log(
    `${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001))} rows/s): ` +
      `${counts.IMPORTED} imported, ${counts.UPDATED} updated, ${counts.UNCHANGED} unchanged, ${counts.REJECTED} rejected`,
  );
  return { rows, counts, seconds };
}

/** `credit-hub export sgs --out file.csv`: the same code as GET /export/sgs.csv. */
export async function exportSgsFile(
  services: HubServices,
  out: string,
  options: ActingOptions & { mine?: boolean; header?: 'cf' | 'zh' },
  log: (line: string) => void,
): Promise<number> {
  const viewer = cliPrincipal(options);
  const started = performance.now();
  const count = await exportPenalties(services, viewer, fs.createWriteStream(out), {
    mine: options.mine,
    header: options.header,
  });
  log(`${count} rows written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return count;
}
