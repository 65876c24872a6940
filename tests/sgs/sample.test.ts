import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '../../src/config';
import { readSheetRows, writeSheet } from '../../src/subgraphs/records/disclosure/files';
import { sampleTable } from './sample';

const CSV = path.join(__dirname, '..', '..', 'samples', 'sgs-penalties.csv');
const XLSX = path.join(__dirname, '..', '..', 'samples', 'sgs-penalties.xlsx');

async function readAll(file: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const cells of readSheetRows(file, loadConfig({}).imports)) rows.push(cells);
  return rows;
}

/** Trailing empty cells are not written to XLSX: compare rows padded to the header's width. */
const padded = (rows: string[][], width: number) =>
  rows.map((row) => [...row, ...Array(Math.max(0, width - row.length)).fill('')]);

describe('the shipped 双公示 sample (samples/)', () => {
  // SGS_WRITE_SAMPLES=1 npx jest tests/sgs/sample regenerates both files from sample.ts.
  if (process.env.SGS_WRITE_SAMPLES) {
    beforeAll(async () => {
      fs.writeFileSync(CSV, `\uFEFF${stringify(sampleTable())}`);
      await writeSheet(XLSX, '行政处罚', sampleTable());
    });
  }

  it('the CSV is what the generator gives (check characters computed by src/identity)', async () => {
    expect(await readAll(CSV)).toEqual(sampleTable());
  });

  it('the XLSX holds the same rows as the CSV', async () => {
    const table = sampleTable();
    expect(padded(await readAll(XLSX), table[0].length)).toEqual(table);
  });
});
