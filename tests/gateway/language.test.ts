import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../src/gateway/http';
import { Role } from '../../src/auth/roles';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { sampleRows } from '../sgs/sample';

/** Han characters: a text in Chinese contains them, the English one none. */
const CJK = /[\u4e00-\u9fff]/;
// A valid all-digit USCC (121200004013590816) with its check character mistyped.
const MISTYPED_USCC = '121200004013590817';

/** The language of human-readable texts over real HTTP: 简体中文 by default, English on request. */
describe('Accept-Language', () => {
  let t: TestHub;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    t = await startTestHub();
    server = createHttpServer(t.hub);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const post = async (query: string, language?: string, authorization?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(language ? { 'accept-language': language } : {}),
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return { language: response.headers.get('content-language'), body: (await response.json()) as any };
  };
  const invalidStatus = `{ creditStatus(code: "${MISTYPED_USCC}") { score } }`;

  it('answers an error in Chinese by default and in English for Accept-Language en, with the same code, path and check', async () => {
    const zh = await post(invalidStatus);
    const en = await post(invalidStatus, 'en-US,en;q=0.9');
    expect([zh.language, en.language]).toEqual(['zh-CN', 'en']);
    for (const { body } of [zh, en]) {
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].path).toEqual(['creditStatus']);
      expect(body.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'code',
        check: 'check',
        readAs: 'USCC',
        decidedBy: 'further',
      });
      expect(body.errors[0].extensions).not.toHaveProperty('messageEn');
    }
    expect(zh.body.errors[0].message).toMatch(CJK);
    expect(en.body.errors[0].message).not.toMatch(CJK);
  });

  it('Chinese wins over a language the hub does not speak', async () => {
    const { language, body } = await post(invalidStatus, 'fr-FR');
    expect(language).toBe('zh-CN');
    expect(body.errors[0].message).toMatch(CJK);
  });

  it('a code problem in data follows the same choice', async () => {
    const query = `{ blacklistCheck(codes: ["${MISTYPED_USCC}"]) { valid problem } }`;
    const zh = await post(query);
    const en = await post(query, 'en');
    expect(zh.body.errors).toBeUndefined();
    expect(en.body.errors).toBeUndefined();
    expect(zh.body.data.blacklistCheck[0]).toEqual({ valid: false, problem: expect.stringMatching(CJK) });
    expect(en.body.data.blacklistCheck[0].valid).toBe(false);
    expect(en.body.data.blacklistCheck[0].problem).not.toMatch(CJK);
  });

  it('a refused token, refused before execution, is in the caller’s language too', async () => {
    const zh = await post('{ evaluationPeriods }', undefined, 'Bearer not-a-jwt');
    const en = await post('{ evaluationPeriods }', 'en', 'Bearer not-a-jwt');
    for (const { body } of [zh, en]) {
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].extensions).not.toHaveProperty('messageEn');
    }
    expect(zh.body.errors[0].message).toMatch(CJK);
    expect(en.body.errors[0].message).not.toMatch(CJK);
  });

  it('every invalid item of a batch is in the caller’s language, with its index and field, and no carrier', async () => {
    const token = `Bearer ${await t.token(Role.CREDIT_OFFICE, { region: '320900' })}`;
    const register = `mutation { registerSubjects(input: [
      { kind: DEPARTMENT, name: " ", code: "11320900MB1234567X", regionCode: "320900" },
      { kind: DEPARTMENT, name: "某局", code: "${MISTYPED_USCC}", regionCode: "320900" }
    ]) { id } }`;
    const zh = await post(register, undefined, token);
    const en = await post(register, 'en', token);
    for (const { body } of [zh, en]) {
      const [error] = body.errors;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'name' });
      expect(error.extensions.invalid.map(({ index, field }: any) => ({ index, field }))).toEqual([
        { index: 0, field: 'name' },
        { index: 1, field: 'code' },
      ]);
      expect(error.extensions.invalid[1]).toMatchObject({ check: 'check', readAs: 'USCC' });
      expect(JSON.stringify(error)).not.toContain('messageEn');
    }
    for (const item of zh.body.errors[0].extensions.invalid) expect(item.message).toMatch(CJK);
    for (const item of en.body.errors[0].extensions.invalid) expect(item.message).not.toMatch(CJK);
    expect(en.body.errors[0].message).not.toMatch(CJK);
  });

  it('a records workflow CONFLICT is in the caller’s language, with the same code and state', async () => {
    const token = `Bearer ${await t.token(Role.CREDIT_OFFICE, { region: '320900' })}`;
    const subjectCode = t.demo.county('320923').government.code;
    const report = `mutation { reportComplaint(input: { subjectCode: "${subjectCode}", title: "拖欠工程款", content: "某项目竣工验收两年仍未支付工程款" }) { id } }`;
    const reported = await post(report, undefined, token);
    expect(reported.body.errors).toBeUndefined();
    // SUBMITTED cannot become VERIFIED: the complaint must be assigned first.
    const verify = `mutation { verifyComplaint(id: "${reported.body.data.reportComplaint.id}", finding: "经核实属实") { id } }`;
    const zh = await post(verify, undefined, token);
    const en = await post(verify, 'en', token);
    expect([zh.language, en.language]).toEqual(['zh-CN', 'en']);
    for (const { body } of [zh, en]) {
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].path).toEqual(['verifyComplaint']);
      expect(body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'SUBMITTED' });
      expect(body.errors[0].extensions).not.toHaveProperty('messageEn');
    }
    expect(zh.body.errors[0].message).toMatch(CJK);
    expect(en.body.errors[0].message).not.toMatch(CJK);
  });

  it('a 双公示 import row report is in the caller’s language; outcome and item stay the same', async () => {
    const token = `Bearer ${await t.token(Role.CREDIT_OFFICE, { region: '320900' })}`;
    const row = { ...sampleRows()[0], cf_jdrq: '2026-02-30' };
    const literal = Object.entries(row)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(', ');
    const query = `mutation { importPenalties(rows: [{ ${literal} }]) { rejected rows { row outcome item error } } }`;
    const zh = await post(query, undefined, token);
    const en = await post(query, 'en', token);
    for (const { body } of [zh, en]) {
      expect(body.errors).toBeUndefined();
      expect(body.data.importPenalties.rejected).toBe(1);
      expect(body.data.importPenalties.rows[0]).toMatchObject({ row: 1, outcome: 'REJECTED', item: 'cf_jdrq' });
    }
    // The item's label is the standard's Chinese name in both; the reason follows Accept-Language.
    expect(zh.body.data.importPenalties.rows[0].error).toBe(
      '处罚决定日期 (cf_jdrq)：“2026-02-30”不是日期（YYYY-MM-DD）',
    );
    expect(en.body.data.importPenalties.rows[0].error).toBe(
      '处罚决定日期 (cf_jdrq): "2026-02-30" is not a date (YYYY-MM-DD)',
    );
  });
});
