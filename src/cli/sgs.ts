import fs from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { Presets, SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify';
import { makePrincipal, type Principal } from '../auth/principal';
import { isRole } from '../auth/roles';
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
import { HeaderError, recognizeHeaders, rowFromCells } from '../subgraphs/records/disclosure/items';
import { DEFAULT_LANGUAGE, inLanguage, type Language } from '../common/language';

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

export interface ImportSummary {
  rows: number;
  counts: Record<string, number>;
  seconds: number;
}

const REPORT_COLUMNS = ['row', 'outcome', 'decision_no', 'record_id', 'item', 'error'];

/** The --report CSV, written as the import goes (waiting on the file when it lags behind). */
function rowReport(file: string | undefined) {
  if (!file) return null;
  const report = stringify({ bom: true, ...CSV_FORMULA_ESCAPE, header: true, columns: REPORT_COLUMNS });
  const written = pipeline(report, fs.createWriteStream(file));
  written.catch(() => undefined);
  return {
    async write(r: PenaltyRowReport): Promise<void> {
      const row = {
        row: r.row,
        outcome: r.outcome,
        decision_no: r.decisionNo ?? '',
        record_id: r.recordId ?? '',
        item: r.item ?? '',
        error: r.error ?? '',
      };
      if (!report.write(row)) await Promise.race([once(report, 'drain'), written]);
    },
    end: () => report.end(),
    done: written,
  };
}

function progressBar(show: boolean): SingleBar | null {
  if (!show) return null;
  return new SingleBar(
    {
      format: 'import sgs [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {duration_formatted}',
      stream: process.stderr,
      hideCursor: true,
      fps: 5,
    },
    Presets.shades_classic,
  );
}

function penaltyImport(services: HubServices, language: Language): PenaltyImport {
  const session = () => {
    const em = services.orm.em.fork();
    return { em, directory: services.subjectDirectory(em) };
  };
  return new PenaltyImport(session, services.keys, services.creditPolicy, today(), services.evaluation, language);
}

/** The file's data rows in batches of `size`, each row with its line number (the header is line 1). */
async function* rowBatches(
  file: string,
  services: HubServices,
  size: number,
  language: Language,
  onBytes: (read: number) => void,
): AsyncGenerator<PenaltyRowIn[]> {
  let columns: ReturnType<typeof recognizeHeaders> | null = null;
  let batch: PenaltyRowIn[] = [];
  let line = 0;
  for await (const cells of readSheetRows(file, services.config.imports, onBytes)) {
    line++;
    if (!columns) {
      columns = headerColumns(cells, language);
      continue;
    }
    batch.push({ row: line, items: rowFromCells(columns, cells) });
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (!columns) throw new Error(`${file}: no header row`);
  if (batch.length > 0) yield batch;
}

/** The header row's columns; a refused header in the command's language. */
function headerColumns(cells: string[], language: Language): ReturnType<typeof recognizeHeaders> {
  try {
    return recognizeHeaders(cells);
  } catch (error) {
    if (error instanceof HeaderError) throw new Error(inLanguage(error.text, language), { cause: error });
    throw error;
  }
}

/** Without --report, rejected rows are listed on stderr so they are not lost (the first 100). */
function showRejected(shown: PenaltyRowReport[], rejected: number): void {
  for (const r of shown) process.stderr.write(`row ${r.row}: ${r.error}\n`);
  if (rejected > shown.length)
    process.stderr.write(`… and ${rejected - shown.length} more rejected rows (use --report)\n`);
}

/**
 * `credit-hub import sgs <file>`: checks the whole file against IMPORT_MAX_* first (nothing
 * is written from a file over them), then reads it as a stream, validates and writes it in
 * batches through PenaltyImport (what importPenalties uses), writes the row report as it
 * goes, in `options.language` (Chinese by default). Memory stays flat: one batch of rows
 * and the set of decision numbers seen.
 */
export async function importSgsFile(
  services: HubServices,
  file: string,
  options: ActingOptions & { report?: string; batch: number; progress: boolean; language?: Language },
  log: (line: string) => void,
): Promise<ImportSummary> {
  const viewer = cliPrincipal(options);
  const started = performance.now();
  const size = fs.statSync(file).size;
  const language = options.language ?? DEFAULT_LANGUAGE;
  const importer = penaltyImport(services, language);
  const report = rowReport(options.report);
  const bar = progressBar(options.progress);
  bar?.start(size, 0, { rows: 0, rate: '0' });
  const shown: PenaltyRowReport[] = [];
  const counts = { IMPORTED: 0, UPDATED: 0, UNCHANGED: 0, REJECTED: 0 };
  let bytes = 0;
  let rows = 0;
  try {
    for await (const batch of rowBatches(file, services, options.batch, language, (read) => (bytes = read))) {
      rows += batch.length;
      const reports = await importer.importRows(viewer, batch, options.batch);
      const batchCounts = countOutcomes(reports);
      for (const outcome of Object.keys(counts) as (keyof typeof counts)[]) counts[outcome] += batchCounts[outcome];
      for (const r of reports) {
        if (report) await report.write(r);
        else if (r.error && shown.push(r) > 100) shown.pop();
      }
      bar?.update(bytes, { rows, rate: Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001)) });
    }
  } finally {
    bar?.update(size, { rows });
    bar?.stop();
    report?.end();
  }
  await report?.done;
  if (!report) showRejected(shown, counts.REJECTED);
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
