import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SignJWT } from 'jose';
import { DEVELOPMENT_ISSUER } from '../../src/config';
import { createHttpServer } from '../../src/gateway/http';
import { registerTestClient, Role, startTestHub, TEST_JWT_SECRET, type TestHub } from '../helpers/test-hub';

/**
 * Tokens name registered clients (docs/clients.md): anything else is UNAUTHENTICATED over HTTP,
 * and identity is the client id.
 */
describe('client registry and tokens', () => {
  let t: TestHub;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Every refused token here counts against 127.0.0.1's failed-authentication budget (tested in production.test.ts).
    t = await startTestHub({ env: { AUTH_FAILURES_PER_MINUTE: '1000' } });
    server = createHttpServer(t.hub);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await registerTestClient(t.services, Role.PROCUREMENT, {
      sub: 'registry-procurement',
      region: '320900',
      org: t.demo.finance.code,
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const post = async (query: string, token: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const ME = `{ searchSubjects(first: 1) { totalCount } }`;
  /** A token signed with the test secret, claims exactly as given (iat/exp in seconds; null leaves one out). */
  const raw = (claims: Record<string, unknown>, times: { iat?: number | null; exp?: number | null } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({
      iss: DEVELOPMENT_ISSUER,
      sub: 'registry-procurement',
      role: 'PROCUREMENT',
      ...claims,
    }).setProtectedHeader({ alg: 'HS256' });
    if (times.iat !== null) jwt.setIssuedAt(times.iat ?? now);
    if (times.exp !== null) jwt.setExpirationTime(times.exp ?? now + 3600);
    return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
  };

  it('a registered client with matching claims is served', async () => {
    const { status, body } = await post(ME, await raw({ region: '320900', org: t.demo.finance.code }));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it.each([
    ['an unregistered client', () => raw({ sub: 'nobody-registered' })],
    ['another role than registered', () => raw({ role: 'CREDIT_OFFICE' })],
    ['a wider region than registered', () => raw({ region: '32' })],
    ['a national region ("") for a regional client', () => raw({ region: '' })],
    ['another organization', () => raw({ org: t.demo.creditOffice.code })],
    ['a numeric region', () => raw({ region: 320900 })],
    ['a null region', () => raw({ region: null })],
    ['a null org', () => raw({ org: null })],
    ['a numeric sub', () => raw({ sub: 42 })],
    ['no iss', () => raw({ iss: undefined })],
    ['no exp', () => raw({}, { exp: null })],
    ['no iat', () => raw({}, { iat: null })],
    ['a lifetime over JWT_MAX_LIFETIME (24 h)', () => raw({}, { exp: Math.floor(Date.now() / 1000) + 25 * 3600 })],
    [
      'an iat in the future',
      () => raw({}, { iat: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 7200 }),
    ],
    [
      "a SUBJECT token whose sub is the credit office's",
      () => raw({ sub: 'yancheng-credit-office', role: 'SUBJECT', org: t.demo.people[0].code }),
    ],
  ])('%s is UNAUTHENTICATED (401)', async (_label, make) => {
    const { status, body } = await post(ME, await make());
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  it('a revoked client is UNAUTHENTICATED', async () => {
    await registerTestClient(t.services, Role.COURT, { sub: 'registry-revoked-court', region: '3209' });
    await t.services.clients.revoke('registry-revoked-court');
    const { status } = await post(ME, await t.token(Role.COURT, { sub: 'registry-revoked-court', region: '3209' }));
    expect(status).toBe(401);
  });

  it('a narrower region is served, and limits what is seen to it', async () => {
    const titles = async (region: string) => {
      const { status, body } = await post(
        `{ records(first: 200) { edges { node { title } } } }`,
        await raw({ region }),
      );
      expect(status).toBe(200);
      return body.data.records.edges.map((e: any) => e.node.title);
    };
    // A GOVERNMENT record on a county government (320922): inside 3209, outside 320923.
    expect(await titles('320900')).toContain('招商引资奖励政策未兑现');
    expect(await titles('320923')).not.toContain('招商引资奖励政策未兑现');
  });

  describe('a client restricted to registered operations', () => {
    const ALLOWED = 'query Allowed { searchSubjects(first: 1) { totalCount } }';
    it('runs exactly those documents; anything else is FORBIDDEN with reason OPERATION_NOT_REGISTERED', async () => {
      const claims = { sub: 'registry-restricted', region: '3209' };
      await registerTestClient(t.services, Role.TENDERING, claims);
      await t.services.clients.allowOperations('registry-restricted', [{ name: 'Allowed', text: ALLOWED }]);
      const token = await t.token(Role.TENDERING, claims);
      const allowed = await post(ALLOWED, token);
      expect(allowed.status).toBe(200);
      expect(allowed.body.errors).toBeUndefined();
      const other = await post(`${ALLOWED} `, token);
      expect(other.status).toBe(403);
      expect(other.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_REGISTERED' });
      expect(other.body.data).toBeUndefined();
      // Unrestricted clients run anything.
      expect((await post(`${ALLOWED} `, await raw({}))).status).toBe(200);
    });
  });

  describe('two clients with colliding names under different issuers', () => {
    const SANCTION = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`;
    // By id: a look-up by full ID number answers only those entitled to the number (docs/credit-status.md).
    const RECORDS = `query($id: ID!) { subject(id: $id) { records(first: 50) { edges { node { title details sourceSystem } } } } }`;
    const A = { issuer: 'https://idp-a.example', sub: 'discipline', clientId: 'discipline-a', region: '3209' };
    const B = { issuer: 'https://idp-b.example', sub: 'discipline', clientId: 'discipline-b', region: '3209' };

    it("get different client ids and do not see each other's RESTRICTED pushes", async () => {
      const person = t.demo.people[2];
      const input = [
        {
          externalId: 'COLLIDE-1',
          subject: { code: person.code },
          nature: 'DISHONESTY',
          category: 'DISCIPLINARY_SANCTION',
          domain: 'GENERAL',
          severity: 'SERIOUS',
          title: '同名系统推送的处分',
          details: '仅推送方可见',
          decidedAt: '2026-06-01',
          disclosure: 'RESTRICTED',
        },
      ];
      const pushed = await post(SANCTION, await t.token(Role.DISCIPLINE, A), { input });
      expect(pushed.body.errors).toBeUndefined();
      expect(pushed.body.data.submitRecords.created).toBe(1);
      const [row] = await t.sql(`SELECT source_system FROM records.credit_record WHERE external_id = 'COLLIDE-1'`);
      expect(row.source_system).toBe('discipline-a');

      const [{ id }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
        `${person.code.slice(0, 6)}********${person.code.slice(14)}`,
      ]);
      const titles = async (token: string) =>
        ((await post(RECORDS, token, { id })).body.data.subject?.records.edges ?? []).map((e: any) => e.node.title);
      expect(await titles(await t.token(Role.DISCIPLINE, A))).toContain('同名系统推送的处分');
      expect(await titles(await t.token(Role.DISCIPLINE, B))).not.toContain('同名系统推送的处分');
    });
  });
});
