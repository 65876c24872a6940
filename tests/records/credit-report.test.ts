import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compactVerify, createLocalJWKSet } from 'jose';
import { createHttpServer } from '../../src/gateway/http';
import { clientOperation } from '../helpers/client-operations';
import { DEMO_CITY } from '../../src/seed/demo-subjects';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf, viewers } from '../helpers/viewers';

/**
 * Credit reports (issue #15 item 5, docs/credit-report.md) through the gateway on real PostgreSQL: who may issue,
 * read back and verify; the report tells only what its issuer may read; the signature verifies with the key the
 * JWKS publishes over HTTP; a tampered report and a subject changed since issue are detected.
 */
const ISSUE = `mutation IssueReport($code: String!, $purpose: ReportPurpose!) {
  creditReport(code: $code, purpose: $purpose) {
    number purpose issuedOn keyId digest verificationCode jws payloadJson downloadToken
  }
}`;
const ISSUED = `query($number: String!) { issuedCreditReport(number: $number) { number digest jws downloadToken } }`;
const VERIFY = `query($number: String!, $digest: String!) {
  verifyCreditReport(number: $number, digest: $digest) { number authentic issuedOn changedSinceIssue }
}`;
const PUSH = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { recordId } } }`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Changes one character of the JWS payload (its middle part): the signature no longer covers it. */
function tampered(jws: string): string {
  const [header, payload, signature] = jws.split('.');
  const text = Buffer.from(payload, 'base64url').toString('utf8').replace('"level":"', '"level":"A');
  const forged = [header, Buffer.from(text).toString('base64url'), signature].join('.');
  if (forged === jws) throw new Error('tampered(): the payload has no level to change');
  return forged;
}

describe('credit reports', () => {
  let t: TestHub;
  let server: Server;
  let base: string;
  const procurement = as(Role.PROCUREMENT, { region: DEMO_CITY, sub: 'report-procurement' });
  const issue = (code: string, viewer = procurement, purpose = 'PROCUREMENT') =>
    t.run(ISSUE, { code, purpose }, viewer);
  const verify = (number: string, digest: string) => t.run(VERIFY, { number, digest }, PUBLIC_PRINCIPAL);
  const push = (externalId: string, code: string, disclosure: string) =>
    t.run(
      PUSH,
      {
        input: [
          {
            ...{ externalId, subject: { code }, nature: 'DISHONESTY', category: 'ADMINISTRATIVE_PENALTY' },
            ...{ domain: 'PROCUREMENT', severity: 'GENERAL', title: `测试处罚 ${externalId}` },
            ...{ decidedAt: '2026-11-01', disclosure, documentNo: `盐测罚〔2026〕${externalId}` },
          },
        ],
      },
      viewers.creditOffice,
    );

  beforeAll(async () => {
    t = await startTestHub();
    server = createHttpServer(t.hub);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  describe('who may issue', () => {
    it('anonymous callers may not (UNAUTHENTICATED at creditReport)', async () => {
      const result = await issue(t.demo.blacklistedEnterprise.code, PUBLIC_PRINCIPAL);
      expect(codes(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.errors![0].path).toEqual(['creditReport']);
    });

    it('a government system issues a numbered, stored report on any subject', async () => {
      const result = await issue(t.demo.blacklistedEnterprise.code);
      expect(result.errors).toBeUndefined();
      const report = result.data.creditReport;
      expect(report.number).toMatch(/^XYBG-\d{8}-\d{6}$/);
      expect(report.number.slice(5, 13)).toBe(report.issuedOn.replace(/-/g, ''));
      expect(report.digest).toBe(sha256(report.jws));
      expect(report.verificationCode).toBe(report.digest.slice(0, 16).toUpperCase().match(/.{4}/g).join('-'));
      const payload = JSON.parse(report.payloadJson);
      expect(payload).toMatchObject({ number: report.number, purpose: 'PROCUREMENT', issuer: { role: 'PROCUREMENT' } });
      expect(payload.listings.map((l: any) => l.listType)).toEqual(['TENDER_BLACKLIST']);
      expect(payload.records.map((r: any) => r.title)).toContain('串通投标');
      const [stored] = await t.sql(`SELECT digest, issued_by FROM records.credit_report WHERE number = ?`, [
        report.number,
      ]);
      expect(stored).toEqual({ digest: report.digest, issued_by: 'report-procurement' });
    });

    it('issuing costs the same bounded number of SQL statements for one record in force as for three', async () => {
      const code = t.demo.portConstructionGroup.code;
      const inForce = async () => {
        const result = await t.counted(ISSUE, { code, purpose: 'PROCUREMENT' }, procurement);
        return {
          records: JSON.parse(result.data.creditReport.payloadJson).records.length,
          statements: result.statements,
        };
      };
      // The demo's PROCUREMENT_BAN rests on one of its records already (src/seed/demo/records/rule-lists.ts).
      const before = (await inForce()).records;
      const count = async (records: number) => {
        const issued = await inForce();
        expect(issued.records).toBe(before + records);
        return issued.statements;
      };
      expect((await push('RPT-CNT-1', code, 'PUBLIC')).errors).toBeUndefined();
      const one = await count(1);
      for (const id of ['RPT-CNT-2', 'RPT-CNT-3']) expect((await push(id, code, 'PUBLIC')).errors).toBeUndefined();
      expect(await count(3)).toBe(one);
      expect(one).toBeLessThanOrEqual(12);
    });

    it('numbers follow each other within a day', async () => {
      const first = (await issue(t.demo.cleanEnterprise.code)).data.creditReport.number;
      const second = (await issue(t.demo.cleanEnterprise.code)).data.creditReport.number;
      expect(Number(second.slice(-6))).toBe(Number(first.slice(-6)) + 1);
    });

    it('concurrent issues take distinct, consecutive numbers (one transaction each, under the day’s lock)', async () => {
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => issue(t.demo.consultancy.code)));
      const numbers = results.map((result) => {
        expect(result.errors).toBeUndefined();
        return Number(result.data.creditReport.number.slice(-6));
      });
      const sorted = [...numbers].sort((a, b) => a - b);
      expect(sorted).toEqual(sorted.map((_n, i) => sorted[0] + i));
    });

    it('a civil servant issues its own report through the self-service portal', async () => {
      const own = await issue(t.demo.cityCadre.code, viewers.selfService, 'APPROVAL');
      expect(own.errors).toBeUndefined();
      expect(JSON.parse(own.data.creditReport.payloadJson).subject.kind).toBe('PUBLIC_SERVANT');
    });

    it('a subject issues its own report, not another’s (FORBIDDEN)', async () => {
      const own = await issue(t.demo.cleanEnterprise.code, selfOf(t.demo.cleanEnterprise), 'TENDERING');
      expect(own.errors).toBeUndefined();
      const other = await issue(t.demo.blacklistedEnterprise.code, selfOf(t.demo.cleanEnterprise));
      expect(codes(other)).toEqual(['FORBIDDEN']);
      expect(other.errors![0].path).toEqual(['creditReport']);
    });

    it('an invalid code is BAD_USER_INPUT; an unregistered one and a person not told to the caller are NOT_FOUND', async () => {
      expect(codes(await issue('91110000600037341N'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await issue('91110000600037341L'))).toEqual(['NOT_FOUND']);
      expect(codes(await issue(t.demo.sanctionedCadre.code))).toEqual(['NOT_FOUND']);
    });
  });

  describe('what a report tells', () => {
    it('only what its issuer may read, and a RESTRICTED record cited is access-logged', async () => {
      const code = t.demo.labourContractor.code;
      expect((await push('RPT-GOV-1', code, 'GOVERNMENT')).errors).toBeUndefined();
      expect((await push('RPT-RES-1', code, 'RESTRICTED')).errors).toBeUndefined();
      const titles = async (viewer: typeof procurement) => {
        const result = await issue(code, viewer);
        expect(result.errors).toBeUndefined();
        return JSON.parse(result.data.creditReport.payloadJson)
          .records.map((r: any) => r.title)
          .sort();
      };
      expect(await titles(outsideClient(Role.PROCUREMENT))).toEqual([]);
      expect(await titles(cityClient(Role.PROCUREMENT))).toEqual(['测试处罚 RPT-GOV-1']);
      const before = await t.sql(
        `SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'RESTRICTED_RECORD'`,
      );
      expect(await titles(viewers.creditOffice)).toEqual(['测试处罚 RPT-GOV-1', '测试处罚 RPT-RES-1']);
      const after = await t.sql(`SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'RESTRICTED_RECORD'`);
      expect(after[0].n).toBeGreaterThan(before[0].n);
    });

    it('a civil servant’s report to the credit office of the jurisdiction logs the standing it releases', async () => {
      const result = await issue(t.demo.sanctionedCadre.code, viewers.creditOffice, 'HONOURS');
      expect(result.errors).toBeUndefined();
      const payload = JSON.parse(result.data.creditReport.payloadJson);
      expect(payload.subject).toMatchObject({ code: t.demo.sanctionedCadre.code, kind: 'PUBLIC_SERVANT' });
      const [logged] = await t.sql(
        `SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'PERSON_STANDING' AND operation = 'IssueReport'`,
      );
      expect(logged.n).toBeGreaterThan(0);
    });
  });

  describe('reading a report back', () => {
    let number: string;
    let token: string;
    beforeAll(async () => {
      number = (await issue(t.demo.blacklistedEnterprise.code)).data.creditReport.number;
      token = await t.token(Role.PROCUREMENT, { region: DEMO_CITY, sub: 'report-procurement' });
    });

    it('issuedCreditReport: its issuer gets it; another client null; anonymous FORBIDDEN', async () => {
      expect((await t.run(ISSUED, { number }, procurement)).data.issuedCreditReport).toMatchObject({
        number,
        downloadToken: null,
      });
      expect((await t.run(ISSUED, { number }, viewers.procurement)).data.issuedCreditReport).toBeNull();
      expect((await t.run(ISSUED, { number }, viewers.creditOffice)).data.issuedCreditReport).toBeNull();
      const anonymous = await t.run(ISSUED, { number }, PUBLIC_PRINCIPAL);
      expect(codes(anonymous)).toEqual(['FORBIDDEN']);
      expect(anonymous.errors![0].path).toEqual(['issuedCreditReport']);
    });

    it('downloads as JSON and as a printable Chinese page with the issuer’s token only', async () => {
      const json = await fetch(`${base}/reports/credit-report.json?number=${number}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(json.status).toBe(200);
      const body = await json.json();
      expect(body.payload.number).toBe(number);
      expect(body.digest).toBe(sha256(body.jws));
      const html = await fetch(`${base}/reports/credit-report.html?number=${number}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/text\/html/);
      const text = await html.text();
      for (const part of ['信用报告', number, body.verificationCode, '@media print', '招标投标黑名单'])
        expect(text).toContain(part);
      const other = await t.token(Role.TENDERING, { region: DEMO_CITY, sub: 'report-other' });
      const refused = await fetch(`${base}/reports/credit-report.json?number=${number}`, {
        headers: { authorization: `Bearer ${other}` },
      });
      expect(refused.status).toBe(404);
      expect((await fetch(`${base}/reports/credit-report.html?number=${number}`)).status).toBe(403);
      const badToken = { authorization: 'Bearer not-a-token' };
      expect((await fetch(`${base}/reports/credit-report.json?number=${number}`, { headers: badToken })).status).toBe(
        401,
      );
    });
  });

  describe('one-time download links', () => {
    const html = (number: string, token: string) =>
      fetch(`${base}/reports/credit-report.html?number=${number}&token=${encodeURIComponent(token)}`);

    it('open the report once, without a bearer token, then never again', async () => {
      const report = (await issue(t.demo.penalizedAgency.code)).data.creditReport;
      expect(report.downloadToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const [stored] = await t.sql(`SELECT download_token_hash FROM records.credit_report WHERE number = ?`, [
        report.number,
      ]);
      expect(stored.download_token_hash).toBe(sha256(report.downloadToken));
      expect((await html(report.number, `${report.downloadToken}x`)).status).toBe(404);
      const first = await html(report.number, report.downloadToken);
      expect(first.status).toBe(200);
      expect(first.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await first.text()).toContain(report.verificationCode);
      expect((await html(report.number, report.downloadToken)).status).toBe(404);
    });

    it('expire after their time, and name only their own report', async () => {
      const report = (await issue(t.demo.penalizedAgency.code)).data.creditReport;
      const other = (await issue(t.demo.penalizedAgency.code)).data.creditReport;
      expect((await html(other.number, report.downloadToken)).status).toBe(404);
      await t.sql(
        `UPDATE records.credit_report SET download_expires_at = now() - interval '1 second' WHERE number = ?`,
        [report.number],
      );
      expect((await html(report.number, report.downloadToken)).status).toBe(404);
      const json = await fetch(
        `${base}/reports/credit-report.json?number=${other.number}&token=${other.downloadToken}`,
      );
      expect(json.status).toBe(200);
      expect((await json.json()).digest).toBe(other.digest);
    });
  });

  describe('verification', () => {
    let report: { number: string; digest: string; verificationCode: string; jws: string; payloadJson: string };
    beforeAll(async () => {
      report = (await issue(t.demo.penalizedAgency.code)).data.creditReport;
    });

    it('the signature verifies with the key published at /.well-known/credit-report-keys.json', async () => {
      const response = await fetch(`${base}/.well-known/credit-report-keys.json`);
      expect(response.status).toBe(200);
      const jwks = await response.json();
      expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(jwks.keys[0].d).toBeUndefined();
      const { payload, protectedHeader } = await compactVerify(report.jws, createLocalJWKSet(jwks));
      expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: jwks.keys[0].kid });
      expect(new TextDecoder().decode(payload)).toBe(report.payloadJson);
      await expect(compactVerify(tampered(report.jws), createLocalJWKSet(jwks))).rejects.toThrow();
    });

    it('anyone, PUBLIC included, learns authentic, the date and unchanged by the digest or the printed code', async () => {
      for (const digest of [
        report.digest,
        report.verificationCode,
        report.verificationCode.replace(/-/g, '').toLowerCase(),
      ]) {
        const result = await verify(report.number, digest);
        expect(result.errors).toBeUndefined();
        expect(result.data.verifyCreditReport).toEqual({
          number: report.number,
          authentic: true,
          issuedOn: report.number.replace(/^XYBG-(\d{4})(\d{2})(\d{2})-\d+$/, '$1-$2-$3'),
          changedSinceIssue: false,
        });
      }
    });

    it('a wrong code, an unknown number and a tampered report are not authentic, and tell nothing more', async () => {
      const no = { authentic: false, issuedOn: null, changedSinceIssue: null };
      expect((await verify(report.number, 'ABCD-ABCD-ABCD-ABCD')).data.verifyCreditReport).toMatchObject(no);
      expect((await verify('XYBG-20000101-000001', report.digest)).data.verifyCreditReport).toMatchObject(no);
      const forged = tampered(report.jws);
      expect((await verify(report.number, sha256(forged))).data.verifyCreditReport).toMatchObject(no);
      // The stored copy rewritten with a matching digest: its signature no longer verifies.
      await t.sql(`UPDATE records.credit_report SET jws = ?, digest = ? WHERE number = ?`, [
        forged,
        sha256(forged),
        report.number,
      ]);
      expect((await verify(report.number, sha256(forged))).data.verifyCreditReport).toMatchObject(no);
      await t.sql(`UPDATE records.credit_report SET jws = ?, digest = ? WHERE number = ?`, [
        report.jws,
        report.digest,
        report.number,
      ]);
      expect((await verify(report.number, report.digest)).data.verifyCreditReport.authentic).toBe(true);
    });

    it('malformed input is BAD_USER_INPUT at verifyCreditReport', async () => {
      for (const [number, digest] of [
        ['XYBG-1', report.digest],
        [report.number, 'not-hex'],
      ]) {
        const result = await verify(number, digest);
        expect(codes(result)).toEqual(['BAD_USER_INPUT']);
        expect(result.errors![0].path).toEqual(['verifyCreditReport']);
      }
    });

    it('a subject changed since issue is detected, as changed only', async () => {
      const code = t.demo.farmingEnterprise.code;
      const issued = (await issue(code)).data.creditReport;
      expect((await verify(issued.number, issued.digest)).data.verifyCreditReport.changedSinceIssue).toBe(false);
      // A RESTRICTED record the issuer cannot read changes nothing in what the report states.
      expect((await push('RPT-RES-2', code, 'RESTRICTED')).errors).toBeUndefined();
      expect((await verify(issued.number, issued.digest)).data.verifyCreditReport.changedSinceIssue).toBe(false);
      expect((await push('RPT-PUB-2', code, 'PUBLIC')).errors).toBeUndefined();
      expect((await verify(issued.number, issued.digest)).data.verifyCreditReport).toEqual({
        number: issued.number,
        authentic: true,
        issuedOn: issued.issuedOn,
        changedSinceIssue: true,
      });
    });

    it('the public verification page answers in Chinese', async () => {
      const form = await fetch(`${base}/verify-report`);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('信用报告核验');
      const ok = await fetch(`${base}/verify-report?number=${report.number}&code=${report.verificationCode}`);
      expect(await ok.text()).toContain('核验通过');
      const bad = await fetch(`${base}/verify-report?number=${report.number}&code=0000-0000-0000-0000`);
      expect(await bad.text()).toContain('未通过核验');
    });
  });

  it('the procurement client contract issues a report and checks it (clients/procurement)', async () => {
    const issued = await t.run(
      clientOperation('procurement/IssueCreditReport'),
      { code: t.demo.commendedEnterprise.code },
      procurement,
    );
    expect(issued.errors).toBeUndefined();
    const { number, verificationCode } = issued.data.creditReport;
    const checked = await t.run(clientOperation('procurement/CheckCreditReport'), { number, digest: verificationCode });
    expect(checked.data.verifyCreditReport).toMatchObject({ authentic: true, changedSinceIssue: false });
  });

  it('the demo data holds one issued report, verifiable by anyone', async () => {
    const [demo] = await t.sql(
      `SELECT number, digest FROM records.credit_report WHERE issued_by = 'yancheng-procurement' ORDER BY id LIMIT 1`,
    );
    expect((await verify(demo.number, demo.digest)).data.verifyCreditReport.authentic).toBe(true);
  });
});
