import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { makeUscc } from '../../src/identity';
import type { Principal } from '../../src/auth/principal';
import { today } from '../../src/common/dates';
import { freePort } from '../../src/common/net';
import { createHttpServer } from '../../src/gateway/http';
import { exportRoutes } from '../../src/gateway/exports';
import { exportSgsFile, importSgsFile } from '../../src/cli/sgs';
import { exportPenalties } from '../../src/subgraphs/records/disclosure/export';
import { MAX_IMPORT_ROWS } from '../../src/subgraphs/records/disclosure/penalty-import.resolver';
import type { SgsRow } from '../../src/subgraphs/records/disclosure/items';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { sampleRows, SAMPLE_VALID_ROWS } from './sample';

const IMPORT = `mutation($rows: [PenaltyRowInput!]!) {
  importPenalties(rows: $rows) { imported updated unchanged rejected rows { row outcome decisionNo recordId item error } }
}`;
const SAMPLE_CSV = path.join(__dirname, '..', '..', 'samples', 'sgs-penalties.csv');

let t: TestHub;
const creditOffice = as(Role.CREDIT_OFFICE, { region: '3209', sub: 'sgs-test-office' });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-sgs-'));

beforeAll(async () => {
  // Lists longer than importPenalties takes get past the gateway's own list limit, to reach the mutation's.
  t = await startTestHub({ env: { MAX_LIST_LENGTH: '5000' } });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function exported(viewer: Principal, options: { mine?: boolean } = {}): Promise<Record<string, string>[]> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await exportPenalties(t.services, viewer, sink, { ...options, fetchSize: 7 });
  return parse(Buffer.concat(chunks).toString('utf8'), { bom: true, columns: true });
}

describe('importPenalties: who may call it (records permission table, push scope of ADMINISTRATIVE_PENALTY)', () => {
  it.each([Role.CREDIT_OFFICE, Role.PROCUREMENT, Role.TENDERING, Role.DEBT])('%s may', async (role) => {
    const result = await t.run(IMPORT, { rows: [] }, as(role, { region: '3209' }));
    expect(result.errors).toBeUndefined();
    expect(result.data.importPenalties.rows).toEqual([]);
  });

  it.each([Role.COURT, Role.DISCIPLINE, Role.INVESTMENT, Role.ORG_DEPT, Role.SUBJECT])('%s may not', async (role) => {
    const result = await t.run(IMPORT, { rows: [] }, as(role, { region: '3209' }));
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });

  it('PUBLIC may not', async () => {
    expect(codes(await t.run(IMPORT, { rows: [] }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('importPenalties', () => {
  it(`more than ${MAX_IMPORT_ROWS} rows in one call are BAD_USER_INPUT, nothing written`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({
      ...sampleRows()[0],
      cf_wsh: `盐市监处罚〔上限〕${i}号`,
    }));
    const result = await t.run(IMPORT, { rows }, creditOffice);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]).toMatchObject({ path: ['importPenalties'], extensions: { field: 'rows' } });
    expect(await t.sql(`SELECT id FROM records.credit_record WHERE external_id LIKE '盐市监处罚〔上限〕%'`)).toEqual(
      [],
    );
  });

  it('imports the valid sample rows, reports every invalid one with its item, and is idempotent on the decision number', async () => {
    const rows = sampleRows();
    const first = (await t.run(IMPORT, { rows }, creditOffice)).data.importPenalties;
    expect(first).toMatchObject({
      imported: SAMPLE_VALID_ROWS,
      updated: 0,
      unchanged: 0,
      rejected: rows.length - SAMPLE_VALID_ROWS,
    });
    const rejected = first.rows.filter((r: { outcome: string }) => r.outcome === 'REJECTED');
    expect(rejected.map((r: { item: string }) => r.item)).toEqual([
      'cf_sy',
      'cf_xdr_shxym',
      'cf_xdr_zjhm',
      'cf_fr_zjhm',
      'cf_jdrq',
      'cf_jdrq',
      'cf_xdr_lb',
      'cf_cflb',
      'cf_nr_fk',
      'cf_nr_fk',
      'cf_wsh',
      'cf_xdr_zzjg',
      'cf_gsjzq',
      'cf_cfjgdm',
      'cf_xdr_zjhm',
    ]);
    // Row reports are in the caller's language: Chinese here (no Accept-Language).
    expect(rejected.find((r: { row: number }) => r.row === 31).error).toMatch(
      /^行政处罚决定书文号 \(cf_wsh\)：“.*”已见于第 1 行$/,
    );
    expect(rejected.at(-1).error).toMatch(/^自然人证件号码 \(cf_xdr_zjhm\)：不是已登记的公务员/);
    for (const r of rejected) expect(r.recordId).toBeNull();

    const again = (await t.run(IMPORT, { rows }, creditOffice)).data.importPenalties;
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: SAMPLE_VALID_ROWS });
    expect(again.rows.map((r: { recordId: string }) => r.recordId)).toEqual(
      first.rows.map((r: { recordId: string }) => r.recordId),
    );

    const changed = { ...rows[0], cf_nr_fk: '0.8', cf_nr: '罚款人民币0.8万元' };
    const update = (await t.run(IMPORT, { rows: [changed, rows[1]] }, creditOffice)).data.importPenalties;
    expect(update.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['UPDATED', 'UNCHANGED']);
    const [stored] = await t.sql(
      `SELECT version, source_items->>'cf_nr_fk' AS fine FROM records.credit_record WHERE id = ?`,
      [update.rows[0].recordId],
    );
    expect(stored).toEqual({ version: 2, fine: '0.8' });
    const history = await t.sql(
      `SELECT content->'source_items'->>'cf_nr_fk' AS fine FROM records.record_history WHERE record_id = ?`,
      [update.rows[0].recordId],
    );
    expect(history).toEqual([{ fine: '0.5' }]);
  });

  it('writes what the mapping says: category, severity, disclosure, domain, a new subject registered', async () => {
    const records = await t.sql(
      `SELECT external_id, category, severity, disclosure, domain, subject_key FROM records.credit_record WHERE source_system = ? ORDER BY external_id`,
      [creditOffice.sub],
    );
    const byNo = new Map(records.map((r: { external_id: string }) => [r.external_id, r]));
    expect(byNo.get('盐市监处罚〔2026〕8号')).toMatchObject({
      category: 'ADMINISTRATIVE_PENALTY',
      severity: 'SERIOUS',
      domain: 'ENVIRONMENT',
      disclosure: 'PUBLIC',
    });
    expect(byNo.get('盐市监处罚〔2026〕9号')).toMatchObject({ severity: 'GENERAL', disclosure: 'GOVERNMENT' });
    expect(byNo.get('盐市监处罚〔2026〕6号')).toMatchObject({ domain: 'TENDERING' });
    const [subject] = await t.sql(`SELECT kind, name, region_code FROM subjects.subject WHERE code_key = ?`, [
      sampleRows()[10].cf_xdr_shxym,
    ]);
    expect(subject).toEqual({ kind: 'ENTERPRISE', name: '亭湖区示例小吃店', region_code: '320902' });
  });

  it('a role imports only the domains its push scope allows; the rest are rejected per row', async () => {
    const rows = sampleRows().slice(0, SAMPLE_VALID_ROWS);
    const result = (
      await t.run(IMPORT, { rows }, as(Role.PROCUREMENT, { region: '3209', sub: 'sgs-test-procurement' }))
    ).data.importPenalties;
    expect(result.imported).toBe(1);
    expect(result.rows.find((r: { outcome: string }) => r.outcome === 'IMPORTED').decisionNo).toBe(
      '盐市监处罚〔2026〕7号',
    );
    expect(result.rows.find((r: { outcome: string }) => r.outcome === 'REJECTED')).toMatchObject({
      item: 'cf_wfxw',
      error: expect.stringMatching(/超出 PROCUREMENT 可报送的范围/),
    });
  });

  it('a natural person: imported when a registered civil servant, never registered from a penalty file', async () => {
    const person = t.demo.cityCadre;
    const row: SgsRow = {
      ...sampleRows()[0],
      cf_xdr_lb: '自然人',
      cf_xdr_shxym: '',
      cf_frdb: '',
      cf_xdr_mc: person.name,
      cf_xdr_zjlx: '身份证',
      cf_xdr_zjhm: person.code,
      cf_wsh: '盐市监处罚〔2026〕900号',
    };
    const result = (await t.run(IMPORT, { rows: [row] }, creditOffice)).data.importPenalties;
    expect(result.rows[0]).toMatchObject({ outcome: 'IMPORTED', error: null });
    const [stored] = await t.sql(
      `SELECT subject_key, source_items::text AS items FROM records.credit_record WHERE id = ?`,
      [result.rows[0].recordId],
    );
    expect(stored.subject_key).not.toBe(person.code);
    expect(stored.items).not.toContain(person.code);
  });

  it('a row the write path refuses (the registry will not register its subject) is taken out of its batch, the rest written', async () => {
    const rows = sampleRows()
      .slice(2, 5)
      .map((row, i) => ({ ...row, cf_wsh: `盐市监处罚〔2026〕95${i}号` }));
    // A national-level division (100000) is a valid USCC but not a division the registry accepts for a new subject.
    rows[1] = { ...rows[1], cf_xdr_shxym: makeUscc('91', '100000', 'PC200095') };
    const result = (await t.run(IMPORT, { rows }, creditOffice)).data.importPenalties;
    expect(result.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['IMPORTED', 'REJECTED', 'IMPORTED']);
    expect(result.rows[1]).toMatchObject({ item: 'cf_xdr_shxym' });
  });
});

describe('export (双公示 CSV, streamed from a cursor, recordVisibility)', () => {
  it('PUBLIC gets published penalties only, without facts or legal basis; the credit office gets its jurisdiction', async () => {
    // Decided today, so both are inside their publicity window whenever the test runs.
    const [fine, warningRow] = [sampleRows()[0], sampleRows()[8]].map((row, i) => ({
      ...row,
      cf_wsh: `盐市监处罚〔今日〕${i}号`,
      cf_jdrq: today(),
    }));
    const imported = (await t.run(IMPORT, { rows: [fine, warningRow] }, creditOffice)).data.importPenalties;
    expect(imported.imported).toBe(2);
    const publicRows = await exported(PUBLIC_PRINCIPAL);
    const officeRows = await exported(creditOffice);
    const warning = warningRow.cf_wsh;
    expect(officeRows.map((r) => r.cf_wsh)).toContain(warning);
    expect(publicRows.map((r) => r.cf_wsh)).not.toContain(warning);
    expect(publicRows.map((r) => r.cf_wsh)).toContain(fine.cf_wsh);
    expect(publicRows.every((r) => r.cf_sy === '' && r.cf_yj === '')).toBe(true);
    expect(officeRows.find((r) => r.cf_wsh === warning)!.cf_sy).not.toBe('');
    // The natural person's row: never the ID number; the name only for government roles.
    const personRow = officeRows.find((r) => r.cf_wsh === '盐市监处罚〔2026〕900号')!;
    expect(personRow).toMatchObject({
      cf_xdr_lb: '自然人',
      cf_xdr_zjhm: '',
      cf_xdr_shxym: '',
      cf_xdr_mc: t.demo.cityCadre.name,
    });
    expect(publicRows.find((r) => r.cf_wsh === '盐市监处罚〔2026〕900号')?.cf_xdr_mc ?? '').toBe('');
    // Another jurisdiction's credit office sees none of Yancheng's government-only records.
    const elsewhere = await exported(as(Role.CREDIT_OFFICE, { region: '4103', sub: 'luoyang-office' }));
    expect(elsewhere.map((r) => r.cf_wsh)).not.toContain(warning);
  });

  it('GET /export/sgs.csv authenticates like /graphql and streams the same rows', async () => {
    const server: http.Server = createHttpServer(t.hub, exportRoutes(t.services));
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${port}/export/sgs.csv`;
      const token = await t.token(Role.CREDIT_OFFICE, { region: '3209', sub: creditOffice.sub });
      const office = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(office.status).toBe(200);
      expect(office.headers.get('content-type')).toMatch(/text\/csv/);
      const officeRows = parse(await office.text(), { bom: true, columns: true }) as Record<string, string>[];
      expect(officeRows.map((r) => r.cf_wsh).sort()).toEqual(
        (await exported(creditOffice)).map((r) => r.cf_wsh).sort(),
      );
      const anonymous = parse(await (await fetch(url)).text(), { bom: true, columns: true }) as Record<
        string,
        string
      >[];
      expect(anonymous.map((r) => r.cf_wsh)).toContain('盐市监处罚〔今日〕0号');
      expect(anonymous.map((r) => r.cf_wsh)).not.toContain('盐市监处罚〔今日〕1号');
      expect((await fetch(url, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
      const zh = await (
        await fetch(`${url}?header=zh&mine=true`, { headers: { authorization: `Bearer ${token}` } })
      ).text();
      expect(zh.split('\n')[0]).toContain('行政处罚决定书文号');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('formula cells come out neutralised (a leading apostrophe) and re-import unchanged', async () => {
    const acting = { as: 'sgs-formula', role: Role.CREDIT_OFFICE, region: '3209' };
    const viewer = as(Role.CREDIT_OFFICE, { region: '3209', sub: acting.as });
    const formulas = {
      cf_wfxw: '=HYPERLINK("http://evil.example/","详情")',
      cf_nr: '-',
      bz: '@SUM(A1:A9)',
      cf_nr_zkdx: '+1+1',
      cf_frdb: '－张三',
    };
    const row = { ...sampleRows()[0], cf_wsh: '盐市监处罚〔公式〕1号', ...formulas };
    expect((await t.run(IMPORT, { rows: [row] }, viewer)).data.importPenalties.imported).toBe(1);
    const out = path.join(tmp, 'formulas.csv');
    expect(await exportSgsFile(t.services, out, { ...acting, mine: true }, () => undefined)).toBe(1);
    const [cells] = parse(fs.readFileSync(out), { bom: true, columns: true }) as Record<string, string>[];
    expect(cells).toMatchObject(Object.fromEntries(Object.entries(formulas).map(([key, value]) => [key, `'${value}`])));
    for (const value of Object.values(cells)) expect(value).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    const again = await importSgsFile(t.services, out, { ...acting, batch: 500, progress: false }, () => undefined);
    expect(again.counts).toEqual({ IMPORTED: 0, UPDATED: 0, UNCHANGED: 1, REJECTED: 0 });
    const [stored] = await t.sql(
      `SELECT title, source_items->>'bz' AS bz FROM records.credit_record WHERE source_system = ?`,
      [acting.as],
    );
    // Stored as given (the title is the offence plus the penalty types).
    expect(stored).toEqual({ title: `${formulas.cf_wfxw}（罚款）`, bz: formulas.bz });
  });

  it('round trip: import the shipped sample, export it, re-import the export: all UNCHANGED, same records', async () => {
    const acting = { as: 'sgs-round-trip', role: Role.CREDIT_OFFICE, region: '3209' };
    const log = () => undefined;
    const first = await importSgsFile(
      t.services,
      SAMPLE_CSV,
      { ...acting, batch: 7, progress: false, report: path.join(tmp, 'first.csv') },
      log,
    );
    expect(first.counts).toEqual({
      IMPORTED: SAMPLE_VALID_ROWS,
      UPDATED: 0,
      UNCHANGED: 0,
      REJECTED: sampleRows().length - SAMPLE_VALID_ROWS,
    });
    const out = path.join(tmp, 'export.csv');
    expect(await exportSgsFile(t.services, out, { ...acting, mine: true, header: 'zh' }, log)).toBe(SAMPLE_VALID_ROWS);
    const again = await importSgsFile(
      t.services,
      out,
      { ...acting, batch: 500, progress: false, report: path.join(tmp, 'again.csv') },
      log,
    );
    expect(again.counts).toEqual({ IMPORTED: 0, UPDATED: 0, UNCHANGED: SAMPLE_VALID_ROWS, REJECTED: 0 });
    const ids = (file: string) =>
      (parse(fs.readFileSync(file), { bom: true, columns: true }) as { decision_no: string; record_id: string }[])
        .filter((r) => r.record_id)
        .map((r) => `${r.decision_no}=${r.record_id}`)
        .sort();
    expect(ids(path.join(tmp, 'again.csv'))).toEqual(ids(path.join(tmp, 'first.csv')));
    // The XLSX version of the sample maps to the same records.
    const xlsx = await importSgsFile(
      t.services,
      SAMPLE_CSV.replace(/\.csv$/, '.xlsx'),
      { ...acting, batch: 500, progress: false },
      log,
    );
    expect(xlsx.counts).toMatchObject({ IMPORTED: 0, UPDATED: 0, UNCHANGED: SAMPLE_VALID_ROWS });
  });
});
