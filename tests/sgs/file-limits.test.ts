import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importSgsFile } from '../../src/cli/sgs';
import type { ImportLimits } from '../../src/config';
import type { HubServices } from '../../src/services';
import { ImportLimitError } from '../../src/subgraphs/records/disclosure/file-limits';
import { readSheetRows } from '../../src/subgraphs/records/disclosure/files';
import { Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { writeSharedStringsBomb } from './zip-bomb';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const acting = { as: 'sgs-limits-test', role: Role.CREDIT_OFFICE, region: '3209', batch: 7, progress: false };

let t: TestHub;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-sgs-limits-'));
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const withLimits = (change: Partial<ImportLimits>): HubServices => ({
  ...t.services,
  config: { ...t.services.config, imports: { ...t.services.config.imports, ...change } },
});
const written = async () =>
  Number(
    (await t.sql(`SELECT count(*)::int AS n FROM records.credit_record WHERE source_system = ?`, [acting.as]))[0].n,
  );

async function readAll(file: string, limits: ImportLimits): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const cells of readSheetRows(file, limits)) rows.push(cells);
  return rows;
}

describe('import limits (IMPORT_MAX_*), checked before anything is read into memory or written', () => {
  it('the generated bomb is an XLSX the reader accepts when it is small', async () => {
    const file = path.join(tmp, 'small.xlsx');
    await writeSharedStringsBomb(file, 1);
    const rows = await readAll(file, t.services.config.imports);
    expect(rows).toEqual([[expect.stringContaining('盐城示例商贸有限公司')]]);
  });

  it.each([
    ['that declares its size', false],
    ['that lies about its size', true],
  ])(
    'a 1 MB XLSX whose shared strings unpack to 320 MiB, %s, is refused quickly with bounded memory and nothing written',
    async (_label, lie) => {
      const file = path.join(tmp, `bomb-${lie}.xlsx`);
      await writeSharedStringsBomb(file, 320, { lie });
      expect(fs.statSync(file).size).toBeLessThan(2 * 1024 * 1024);
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      let peak = rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      try {
        await expect(importSgsFile(t.services, file, acting, () => undefined)).rejects.toThrow(ImportLimitError);
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(performance.now() - started).toBeLessThan(5000);
      expect((peak - rss) / 1024 / 1024).toBeLessThan(48);
      expect(await written()).toBe(0);
    },
  );

  it('the error says which limit, Chinese first', async () => {
    const file = path.join(tmp, 'bomb-message.xlsx');
    await writeSharedStringsBomb(file, 80);
    await expect(readAll(file, t.services.config.imports)).rejects.toThrow(
      /^文件超出导入限制.*IMPORT_MAX_SHARED_STRINGS_BYTES/,
    );
  });

  it('counts shared strings', async () => {
    const file = path.join(tmp, 'many-strings.xlsx');
    await writeSharedStringsBomb(file, 1);
    await expect(readAll(file, { ...t.services.config.imports, maxSharedStrings: 1000 })).rejects.toThrow(
      /IMPORT_MAX_SHARED_STRINGS\)/,
    );
  });

  it.each(['sgs-penalties.csv', 'sgs-penalties.xlsx'])(
    '%s over IMPORT_MAX_ROWS is refused whole: not one row written',
    async (name) => {
      await expect(
        importSgsFile(withLimits({ maxRows: 30 }), path.join(SAMPLES, name), acting, () => undefined),
      ).rejects.toThrow(/IMPORT_MAX_ROWS/);
      expect(await written()).toBe(0);
      // Within the limit, the same file imports.
      const within = await importSgsFile(
        withLimits({ maxRows: 36 }),
        path.join(SAMPLES, name),
        { ...acting, report: path.join(tmp, 'report.csv') },
        () => undefined,
      );
      expect(within.rows).toBe(35);
      await t.sql(`DELETE FROM records.credit_record WHERE source_system = ?`, [acting.as]);
    },
  );

  it('a CSV over IMPORT_MAX_BYTES, or an XLSX that unpacks over it, is refused', async () => {
    await expect(
      importSgsFile(withLimits({ maxBytes: 4096 }), path.join(SAMPLES, 'sgs-penalties.csv'), acting, () => undefined),
    ).rejects.toThrow(/IMPORT_MAX_BYTES/);
    await expect(
      importSgsFile(withLimits({ maxBytes: 4096 }), path.join(SAMPLES, 'sgs-penalties.xlsx'), acting, () => undefined),
    ).rejects.toThrow(/IMPORT_MAX_BYTES/);
    expect(await written()).toBe(0);
  });
});
