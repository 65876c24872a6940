import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueDevelopmentToken } from '../../src/auth/tokens';
import { freePort } from '../../src/common/net';
import type { HubConfig } from '../../src/config';
import { createHttpServer } from '../../src/gateway/http';
import { startMetricsServer } from '../../src/gateway/metrics-route';
import { codes, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { postGraphQLFrom } from '../helpers/loopback-post';

/** A POST to /graphql from a chosen loopback address: its status and body. */
async function post(url: string, query: string, options: { token?: string; from?: string } = {}) {
  const { status, body } = await postGraphQLFrom(url, { query }, options);
  return { status, body };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('production hardening', () => {
  let t: TestHub;
  const servers: Server[] = [];
  /** An HTTP front over the test hub with `change` applied to its configuration. */
  const front = (change: Partial<HubConfig> = {}) => {
    const server = createHttpServer({ ...t.hub, deps: { ...t.hub.deps, config: { ...t.services.config, ...change } } });
    servers.push(server);
    return listen(server);
  };
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: 'production', AUTH_FAILURES_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await t.close();
  });

  describe('no schema suggestions', () => {
    it.each([
      [
        'an enum value in a literal',
        '{ searchSubjects(filter: { kinds: [GOVERMENT] }) { totalCount } }',
        undefined,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'an enum value in a variable',
        'query($k: [SubjectKind!]) { searchSubjects(filter: { kinds: $k }) { totalCount } }',
        { k: ['GOVERMENT'] },
        'BAD_USER_INPUT',
      ],
      ['a field', '{ searchSubject { totalCount } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
      [
        'an input field',
        '{ searchSubjects(filter: { nameContain: "x" }) { totalCount } }',
        undefined,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      ['an argument', '{ searchSubjects(filtr: {}) { totalCount } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ])('for %s', async (_label, query, variables, code) => {
      const result = await t.run(query, variables);
      expect(codes(result)).toEqual([code]);
      for (const error of result.errors!) {
        expect(error.message).not.toMatch(/Did you mean/);
        expect(error.message).not.toMatch(/"(GOVERNMENT|searchSubjects|nameContains|filter)"/);
      }
    });
  });

  describe('/metrics', () => {
    it('production with neither METRICS_TOKEN nor METRICS_PORT: not served', async () => {
      expect((await fetch(`${await front()}/metrics`)).status).toBe(404);
    });

    it('with METRICS_TOKEN: only with that bearer token', async () => {
      const url = await front({ metrics: { token: 'scrape-secret' } });
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('credit_hub_');
    });

    it('with METRICS_PORT: on that port only', async () => {
      const port = await freePort();
      const config = { ...t.services.config, host: '127.0.0.1', metrics: { port } };
      expect((await fetch(`${await front(config)}/metrics`)).status).toBe(404);
      const metricsServer = (await startMetricsServer(config, t.services.logger))!;
      servers.push(metricsServer);
      const ok = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('credit_hub_');
      expect((await fetch(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    });
  });

  it('failed authentications lock an address out before any token is verified, and only that address', async () => {
    const url = await front();
    const verify = jest.spyOn(t.hub.deps.tokens, 'principalFromHeader');
    const good = await t.token(Role.CREDIT_OFFICE, { region: '3209' });
    const forged = await issueDevelopmentToken('another-secret', { role: Role.CREDIT_OFFICE });
    const from = '127.0.0.3';
    for (let i = 0; i < 5; i++) {
      const { status, body } = await post(url, '{ __typename }', { token: forged, from });
      expect([status, body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    const verified = verify.mock.calls.length;
    for (const token of [forged, good, undefined]) {
      const { status, body } = await post(url, '{ __typename }', { token, from });
      expect([status, body.errors[0].extensions.code]).toEqual([429, 'RATE_LIMITED']);
    }
    expect(verify.mock.calls.length).toBe(verified);
    const other = await post(url, '{ __typename }', { token: good, from: '127.0.0.4' });
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual({ __typename: 'Query' });
    verify.mockRestore();
  });

  describe('the query explorer', () => {
    const open = async (base: string, pathname: string) =>
      fetch(`${base}${pathname}`, { headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' } });

    it('is off by default: a browser at /graphql gets no page and /explorer/ serves nothing', async () => {
      const base = await front();
      const page = await open(base, '/graphql');
      expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
      expect((await open(base, '/explorer/config.json')).status).toBe(404);
      expect((await open(base, '/explorer/explorer.js')).status).toBe(404);
    });

    it('EXPLORER=true serves it, without the development token picker and without source maps', async () => {
      const base = await front({ explorer: true });
      const page = await open(base, '/graphql');
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const settings = (await (await open(base, '/explorer/config.json')).json()) as any;
      expect(settings.devLogin).toBe(false);
      expect(settings.examples.length).toBeGreaterThan(0);
      expect((await open(base, '/dashboard/dev/viewers')).status).toBe(404);
      expect((await open(base, '/explorer/explorer.js.map')).status).toBe(404);
    });
  });
});
