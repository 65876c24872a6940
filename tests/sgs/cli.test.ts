import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { generatedPenaltyRow, writeGeneratedPenalties } from '../../src/seed/bulk/penalties';
import { SGS_KEYS } from '../../src/subgraphs/records/disclosure/items';
import { runCli as cli } from '../helpers/processes';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { writeSharedStringsBomb } from './zip-bomb';

const ROWS = 300;
let t: TestHub;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-sgs-cli-'));
const acting = ['--as', 'sgs-cli-test', '--role', 'CREDIT_OFFICE', '--region', '3209'];

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('credit-hub import sgs / export sgs (built CLI)', () => {
  it(`imports ${ROWS} generated rows in batches, reports every row, exits 2 when a row was rejected`, async () => {
    const file = path.join(tmp, 'penalties.csv');
    await writeGeneratedPenalties(file, ROWS);
    const bad = { ...generatedPenaltyRow(ROWS), cf_jdrq: '2026-02-30' };
    fs.appendFileSync(file, stringify([SGS_KEYS.map((key) => bad[key])]));
    const report = path.join(tmp, 'report.csv');
    const first = await cli(['import', 'sgs', file, '--report', report, '--batch', '64', ...acting]);
    expect(first.stderr).not.toMatch(/credit-hub:/);
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(
      new RegExp(
        `${ROWS + 1} rows in [\\d.]+ s \\(\\d+ rows/s\\): ${ROWS} imported, 0 updated, 0 unchanged, 1 rejected`,
      ),
    );
    const rows = parse(fs.readFileSync(report), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[0]).toMatchObject({ row: '2', outcome: 'IMPORTED', decision_no: '盐市监罚字〔2026〕G0号' });
    expect(rows[0].record_id).toMatch(/^\d+$/);
    expect(rows.at(-1)).toMatchObject({ row: String(ROWS + 2), outcome: 'REJECTED', item: 'cf_jdrq', record_id: '' });
    // The CLI writes its report in Chinese unless --language en.
    expect(rows.at(-1)!.error).toMatch(/处罚决定日期 \(cf_jdrq\)：“2026-02-30”不是日期/);
    const [{ n }] = await t.sql(
      `SELECT count(*)::int AS n FROM records.credit_record WHERE source_system = 'sgs-cli-test'`,
    );
    expect(n).toBe(ROWS);
  });

  it('the export of those rows re-imports unchanged, exit code 0', async () => {
    const out = path.join(tmp, 'export.csv');
    const exported = await cli(['export', 'sgs', '--out', out, '--mine', ...acting]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(new RegExp(`^${ROWS} rows written`));
    const again = await cli(['import', 'sgs', out, ...acting]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`0 imported, 0 updated, ${ROWS} unchanged, 0 rejected`));
  });

  it('refuses a file over the import limits with exit code 3 and writes nothing', async () => {
    const file = path.join(tmp, 'bomb.xlsx');
    await writeSharedStringsBomb(file, 80);
    const result = await cli([
      'import',
      'sgs',
      file,
      '--as',
      'sgs-cli-bomb',
      '--role',
      'CREDIT_OFFICE',
      '--region',
      '3209',
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^credit-hub: 文件超出导入限制.*\(IMPORT_MAX_SHARED_STRINGS_BYTES\)/);
    const [{ n }] = await t.sql(
      `SELECT count(*)::int AS n FROM records.credit_record WHERE source_system = 'sgs-cli-bomb'`,
    );
    expect(n).toBe(0);
  });

  it('stops on a file whose columns it does not know, naming them', async () => {
    const file = path.join(tmp, 'wrong.csv');
    fs.writeFileSync(file, 'name,amount\n甲,1\n');
    const result = await cli(['import', 'sgs', file, ...acting]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/无法识别的列：“name”（第 1 列）、“amount”（第 2 列）/);
    const english = await cli(['import', 'sgs', file, '--language', 'en', ...acting]);
    expect(english.code).toBe(1);
    expect(english.stderr).toMatch(/unknown column\(s\): "name" \(column 1\), "amount" \(column 2\)/);
  });
});
