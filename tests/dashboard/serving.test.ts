import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../../src/auth/roles';
import { TokenVerifier } from '../../src/auth/tokens';
import { DEVELOPMENT_ISSUER, loadConfig } from '../../src/config';
import { demoClients } from '../../src/seed/demo-clients';
import { demoSubjects } from '../../src/seed/demo-subjects';
import { memoryClients } from '../helpers/clients';
import { createDashboardHandler, devLoginEnabled } from '../../src/gateway/dashboard';
import { createHttpServer } from '../../src/gateway/http';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { TEST_AUDIT_ENV } from '../helpers/audit-keys';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw request: fetch would normalise `..` and encoded separators before sending them. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    http
      .get({ hostname, port, path }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

/** The hub's /dashboard files over real HTTP (the project must be built: `npm run build`). */
describe('dashboard static files', () => {
  let t: TestHub;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    t = await startTestHub();
    server = createHttpServer(t.hub);
    url = await listen(server);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('redirects /dashboard to /dashboard/ and serves the page with its policy and revalidation headers', async () => {
    const redirect = await fetch(`${url}/dashboard?x=1`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/dashboard/?x=1');

    const page = await fetch(`${url}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/dashboard/main.mjs">');

    const again = await fetch(`${url}/dashboard/index.html`, {
      headers: { 'if-none-match': page.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it.each([
    ['main.mjs', 'text/javascript; charset=utf-8'],
    ['chart.mjs', 'text/javascript; charset=utf-8'],
    ['dashboard.css', 'text/css; charset=utf-8'],
    ['main.mjs.map', 'application/json; charset=utf-8'],
  ])('serves %s as %s', async (name, type) => {
    const response = await fetch(`${url}/dashboard/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
  });

  it('HEAD answers the headers without a body', async () => {
    const response = await fetch(`${url}/dashboard/main.mjs`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    '/dashboard/../package.json',
    '/dashboard/..%2fpackage.json',
    '/dashboard/%2e%2e%2fpackage.json',
    '/dashboard/..%5c..%5cpackage.json',
    '/dashboard/%2fetc%2fpasswd',
    '/dashboard/main.mts',
    '/dashboard/.gitignore',
    '/dashboard/tsconfig.json',
    '/dashboard/missing.css',
    '/dashboard/sub/index.html',
  ])('%s is not served', async (path) => {
    const response = await rawGet(url, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('"name": "credit-hub"');
    expect(response.body).not.toContain('root:');
  });

  it('a malformed escape is a bad request, and other methods are refused', async () => {
    expect((await rawGet(url, '/dashboard/%E0%A4%A')).status).toBe(400);
    const post = await fetch(`${url}/dashboard/index.html`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('outside development defaults, the development login does not exist', async () => {
    expect(devLoginEnabled(t.services.config)).toBe(false);
    expect((await fetch(`${url}/dashboard/dev/viewers`)).status).toBe(404);
    const token = await fetch(`${url}/dashboard/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"viewer":"yancheng-credit-office"}',
    });
    expect(token.status).toBe(404);
    expect(await token.text()).not.toMatch(/token/);
  });
});

describe('development login', () => {
  const devConfig = loadConfig({ LOG_LEVEL: 'silent' });
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const handler = createDashboardHandler(devConfig);
    server = http.createServer((req, res) => void handler(req, res, new URL(req.url!, 'http://localhost')));
    url = await listen(server);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('is enabled only while the JWT secret is the development default', () => {
    expect(devLoginEnabled(devConfig)).toBe(true);
    expect(devLoginEnabled(loadConfig({ JWT_SECRET: 'a-real-secret' }))).toBe(false);
    expect(devLoginEnabled(loadConfig({ JWT_JWKS_URL: 'https://idp.example/jwks' }))).toBe(false);
  });

  it('lists the demo viewers and issues a token the hub accepts for the chosen one', async () => {
    const list = await fetch(`${url}/dashboard/dev/viewers`);
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const { viewers } = (await list.json()) as {
      viewers: { id: string; role: string; label: string; regionPrefix: string }[];
    };
    const creditOffice = viewers.find((v) => v.role === 'CREDIT_OFFICE')!;
    expect(creditOffice).toMatchObject({ id: 'yancheng-credit-office', regionPrefix: '3209' });
    expect(creditOffice.label).toContain('盐城市发展和改革委员会');
    expect(viewers.map((v) => v.role)).toEqual(expect.arrayContaining(['DEBT', 'ORG_DEPT', 'COURT']));

    const response = await fetch(`${url}/dashboard/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ viewer: 'yancheng-debt' }),
    });
    expect(response.status).toBe(200);
    const { token, viewer } = (await response.json()) as { token: string; viewer: { role: string } };
    expect(viewer.role).toBe('DEBT');
    const registry = memoryClients(
      demoClients(demoSubjects().named).map((c) => ({ ...c, issuer: DEVELOPMENT_ISSUER })),
    );
    const principal = await new TokenVerifier(devConfig.jwt, registry).verify(token);
    expect(principal).toMatchObject({
      role: Role.DEBT,
      regionPrefix: '3209',
      sub: 'yancheng-debt',
      clientId: 'yancheng-debt',
    });
  });

  it('refuses an unknown viewer, a non-JSON body and a GET for a token', async () => {
    const post = (body: string) =>
      fetch(`${url}/dashboard/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const unknown = await post('{"viewer":"root"}');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('yancheng-credit-office');
    expect((await post('not json')).status).toBe(400);
    expect((await fetch(`${url}/dashboard/dev/token`)).status).toBe(405);
  });
});

describe('production', () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: 'j',
    PII_SECRET: 'p',
    GATEWAY_SECRET: 'g',
    LOG_LEVEL: 'silent',
    ...TEST_AUDIT_ENV,
  });
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const handler = createDashboardHandler(config);
    server = http.createServer((req, res) => void handler(req, res, new URL(req.url!, 'http://localhost')));
    url = await listen(server);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the scripts but none of their source maps', async () => {
    expect((await fetch(`${url}/dashboard/main.mjs`)).status).toBe(200);
    for (const name of ['main.mjs.map', 'chart.mjs.map', 'api.mjs.map'])
      expect((await fetch(`${url}/dashboard/${name}`)).status).toBe(404);
  });
});
