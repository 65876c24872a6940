import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { Principal } from '../../src/auth/principal';
import { exportSgsFile } from '../../src/cli/sgs';
import { freePort } from '../../src/common/net';
import { exportRoutes } from '../../src/gateway/exports';
import { createHttpServer } from '../../src/gateway/http';
import { exportPenalties } from '../../src/subgraphs/records/disclosure/export';
import { Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { pushFacts, viewersOf, type ViewerName, type Viewers } from './fixture';

/**
 * The 双公示 export is derived from records (issue #13, item 1): per identity, in and outside
 * the jurisdiction, which rows and which items (a natural person's name, facts, ID number) it
 * gets, through the function, GET /export/sgs.csv and `credit-hub export sgs`.
 */
describe('the 双公示 export releases only the rows and items of its identity', () => {
  let t: TestHub;
  let v: Viewers;
  beforeAll(async () => {
    t = await startTestHub();
    v = viewersOf(t);
    await pushFacts(t);
  });
  afterAll(() => t.close());

  const text = (value: unknown) => JSON.stringify(value);

  async function exported(viewer: Principal): Promise<Record<string, string>[]> {
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (chunks.push(chunk), done()) });
    await exportPenalties(t.services, viewer, sink);
    return parse(Buffer.concat(chunks).toString('utf8'), { bom: true, columns: true });
  }
  // Per viewer: sees the GOVERNMENT penalty; the person's name beside the person's PUBLIC penalty.
  const EXPECTED: [ViewerName, boolean, boolean][] = [
    ['public', false, false],
    ['officeIn', true, true],
    ['officeOut', false, false],
    ['disciplineOther', true, true],
    ['disciplineOut', false, false],
    ['orgDeptManaging', true, true],
    ['orgDeptOther', false, false],
    ['procurementIn', true, false],
    ['self', false, true],
    ['impostor', false, false],
  ];
  it.each(EXPECTED)(
    '%s: government rows %s, the person named %s; never a RESTRICTED row or an ID number',
    async (name, government, named) => {
      const rows = await exported(v[name]);
      const numbers = rows.map((r) => r.cf_wsh);
      expect(numbers.includes('TRUST-PEN-GOV')).toBe(government);
      expect(numbers).not.toContain('TRUST-PEN-RES');
      const person = rows.find((r) => r.cf_wsh === 'TRUST-PEN-PERSON')!;
      expect(person).toMatchObject({
        cf_xdr_lb: '自然人',
        cf_xdr_zjhm: '',
        cf_xdr_mc: named ? t.demo.people[1].name : '',
      });
      expect(person.cf_sy === '').toBe(!named);
      expect(text(rows)).not.toContain(t.demo.people[1].code);
    },
  );

  it('GET /export/sgs.csv and `credit-hub export sgs` give the same rows and items as the function, per identity', async () => {
    const server = createHttpServer(t.hub, exportRoutes(t.services));
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trust-sgs-')), 'out.csv');
    try {
      const url = `http://127.0.0.1:${port}/export/sgs.csv`;
      const token = await t.token(Role.PROCUREMENT, { region: '320900', sub: 'gp-system', org: t.demo.finance.code });
      const viaHttp = async (auth?: string) =>
        parse(await (await fetch(url, auth ? { headers: { authorization: `Bearer ${auth}` } } : {})).text(), {
          bom: true,
          columns: true,
        });
      expect(await viaHttp()).toEqual(await exported(v.public));
      expect(await viaHttp(token)).toEqual(await exported(v.procurementIn));
      await exportSgsFile(
        t.services,
        file,
        { as: 'gp-system', role: Role.PROCUREMENT, region: '320900', org: t.demo.finance.code },
        () => undefined,
      );
      expect(parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true })).toEqual(
        await exported(v.procurementIn),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
