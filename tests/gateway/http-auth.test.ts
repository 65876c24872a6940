import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SignJWT } from 'jose';
import { issueDevelopmentToken } from '../../src/auth/tokens';
import { createHttpServer } from '../../src/gateway/http';
import { Role, startTestHub, TEST_JWT_SECRET, type TestHub } from '../helpers/test-hub';

/** Authentication over real HTTP, as client systems call the hub. */
describe('HTTP and tokens', () => {
  let t: TestHub;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    t = await startTestHub({ demo: 'subjects' });
    server = createHttpServer(t.hub);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const post = async (query: string, token?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const personQuery = () => `{ subject(code: "${t.demo.cityCadre.code}") { name code } }`;

  it('no token is PUBLIC', async () => {
    const { status, body } = await post(personQuery());
    expect(status).toBe(200);
    expect(body.data.subject).toBeNull();
  });

  it('a valid token carries role, jurisdiction and organization', async () => {
    const token = await t.token(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code });
    const { body } = await post(personQuery(), token);
    expect(body.data.subject).toEqual({ name: t.demo.cityCadre.name, code: t.demo.cityCadre.code });
  });

  it.each([
    ['garbage', async () => 'not-a-jwt'],
    ['a wrong signature', async () => issueDevelopmentToken('another-secret', { role: Role.CREDIT_OFFICE })],
    [
      'an expired token',
      async () =>
        new SignJWT({ role: 'CREDIT_OFFICE' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
          .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
    ],
    [
      'an unknown role',
      async () =>
        new SignJWT({ role: 'ADMIN' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
    ],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"CREDIT_OFFICE","sub":"x"}').toString('base64url')}.`,
    ],
  ])('%s is UNAUTHENTICATED, never PUBLIC', async (_label, make) => {
    const { status, body } = await post(personQuery(), await make());
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  it('/health answers', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
  });
});
