import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { ImportLimits } from '../../../config';
import { checkSheetFile, MAX_CSV_RECORD_CHARS } from './file-limits';

/**
 * Reads a 双公示 file row by row, as text cells, without holding it in memory: CSV
 * (UTF-8, with or without BOM) through csv-parse, XLSX (first worksheet) through exceljs'
 * streaming reader. Before the first row, the whole file is checked against `limits`
 * (file-limits.ts): a file over them throws ImportLimitError and yields nothing. `onBytes`
 * reports how far into the file the reader is (progress).
 */
export async function* readSheetRows(
  file: string,
  limits: ImportLimits,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string[]> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') throw new Error(`${file}: expected a .csv or .xlsx file`);
  await checkSheetFile(file, extension, limits);
  const input = fs.createReadStream(file);
  if (onBytes) input.on('data', () => onBytes(input.bytesRead));
  if (extension === '.csv') {
    const parser = input.pipe(
      parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_CSV_RECORD_CHARS }),
    );
    for await (const record of parser) yield record as string[];
    return;
  }
  if (extension === '.xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (cells.some((cell) => cell.trim() !== '')) yield cells;
      }
      return; // the first worksheet holds the data
    }
  }
}

/** A cell as text: dates as YYYY-MM-DD, rich text and formula results flattened. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const object = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (object.richText) return object.richText.map((part) => part.text).join('');
    if ('result' in object) return cellText(object.result);
    if ('text' in object) return cellText(object.text);
    return '';
  }
  return String(value);
}

/** Writes rows of text cells as an XLSX sheet (streaming writer; every cell a string so codes keep their form). */
export async function writeSheet(file: string, sheetName: string, rows: Iterable<string[]>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}
