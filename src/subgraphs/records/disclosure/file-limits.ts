import fs from 'node:fs';
import { parse } from 'csv-parse';
import unzipper from 'unzipper';
import type { ImportLimits } from '../../../config';

/**
 * A 双公示 file the hub will not read: too large unpacked, too many rows, too many shared
 * strings. The import refuses the whole file before it reads a row into memory or writes
 * anything (exit code 3 for `credit-hub import sgs`, docs/sgs.md).
 */
export class ImportLimitError extends Error {}

/** Longest CSV record csv-parse assembles (characters): a bound on one row's memory, far above 30 items' lengths. */
export const MAX_CSV_RECORD_CHARS = 1024 * 1024;

const MIB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MIB ? `${Math.round(bytes / MIB)} MiB` : `${bytes} bytes`);

function refuse(what: string, limit: number, setting: string, unit: (n: number) => string = size): never {
  throw new ImportLimitError(
    `文件超出导入限制，未导入任何数据：${what}超过 ${unit(limit)} (${setting}); file refused, nothing imported`,
  );
}

/**
 * Checks a file against the limits by streaming through it once, holding nothing: a CSV's
 * size and record count; an XLSX's parts as the same zip reader exceljs uses (unzipper) sees
 * them, each counted as it inflates — declared sizes are checked first (a zip bomb that admits
 * its size is refused without inflating a byte) and an entry that inflates past what it
 * declares is refused as well. Counts shared strings (`<si>`) and rows (`<row>`) on the way.
 */
export async function checkSheetFile(file: string, extension: string, limits: ImportLimits): Promise<void> {
  if (extension === '.csv') return checkCsv(file, limits);
  if (extension === '.xlsx') return checkXlsx(file, limits);
}

async function checkCsv(file: string, limits: ImportLimits): Promise<void> {
  if ((await fs.promises.stat(file)).size > limits.maxBytes)
    refuse('CSV 文件大小', limits.maxBytes, 'IMPORT_MAX_BYTES');
  const options = {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_CSV_RECORD_CHARS,
  };
  const parser = fs.createReadStream(file).pipe(parse(options));
  let rows = 0;
  for await (const _record of parser) {
    if (++rows > limits.maxRows) {
      parser.destroy();
      refuse('行数', limits.maxRows, 'IMPORT_MAX_ROWS', String);
    }
  }
}

type Part = 'sharedStrings' | 'worksheet' | 'other';

function partOf(path: string): Part {
  if (path === 'xl/sharedStrings.xml') return 'sharedStrings';
  return /^xl\/worksheets\/[^/]+\.xml$/.test(path) ? 'worksheet' : 'other';
}

/** Counts an element's start tags across chunk boundaries (`<si>`, `<si …>`, `<x:si>`). */
class TagCounter {
  count = 0;
  private tail = '';
  private readonly pattern: RegExp;

  constructor(name: string) {
    this.pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}[\\s/>]`, 'g');
  }

  add(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    for (const match of text.matchAll(this.pattern)) if (match.index + match[0].length > this.tail.length) this.count++;
    this.tail = text.slice(-32);
  }
}

async function checkXlsx(file: string, limits: ImportLimits): Promise<void> {
  const input = fs.createReadStream(file);
  const zip = input.pipe(unzipper.Parse({ forceStream: true }));
  let total = 0;
  let rows = 0;
  try {
    for await (const entry of zip as AsyncIterable<unzipper.Entry>) {
      const part = partOf(entry.path);
      const declared = declaredSize(entry);
      const inMemoryLimit = part === 'worksheet' ? Infinity : limits.maxSharedStringsBytes;
      if (declared !== null) {
        if (total + declared > limits.maxBytes) refuse('XLSX 解压后总大小', limits.maxBytes, 'IMPORT_MAX_BYTES');
        if (declared > inMemoryLimit)
          refuse(`${entry.path} 解压后大小`, limits.maxSharedStringsBytes, 'IMPORT_MAX_SHARED_STRINGS_BYTES');
      }
      const tags =
        part === 'sharedStrings' ? new TagCounter('si') : part === 'worksheet' ? new TagCounter('row') : null;
      let unpacked = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        unpacked += chunk.length;
        total += chunk.length;
        if (declared !== null && unpacked > declared) {
          throw new ImportLimitError(
            `XLSX 文件损坏：${entry.path} 解压后大于其声明的大小 (${entry.path} unpacks past its declared size); file refused, nothing imported`,
          );
        }
        if (total > limits.maxBytes) refuse('XLSX 解压后总大小', limits.maxBytes, 'IMPORT_MAX_BYTES');
        if (unpacked > inMemoryLimit)
          refuse(`${entry.path} 解压后大小`, limits.maxSharedStringsBytes, 'IMPORT_MAX_SHARED_STRINGS_BYTES');
        tags?.add(chunk);
        const strings = part === 'sharedStrings' ? tags!.count : 0;
        if (strings > limits.maxSharedStrings)
          refuse('共享字符串条数', limits.maxSharedStrings, 'IMPORT_MAX_SHARED_STRINGS', String);
        if (part === 'worksheet' && rows + tags!.count > limits.maxRows)
          refuse('行数', limits.maxRows, 'IMPORT_MAX_ROWS', String);
      }
      if (part === 'worksheet') rows += tags!.count;
    }
  } finally {
    zip.destroy();
    input.destroy();
  }
}

/**
 * The uncompressed size an entry's local header states (zip64 included), or null when it defers it to a data
 * descriptor.
 */
function declaredSize(entry: unzipper.Entry): number | null {
  const vars = entry.vars as unzipper.Entry['vars'] & { uncompressedSize?: number };
  const known = !(vars.flags & 0x08) || vars.compressedSize > 0;
  return known && typeof vars.uncompressedSize === 'number' ? vars.uncompressedSize : null;
}
