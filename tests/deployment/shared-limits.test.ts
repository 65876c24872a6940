import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueDevelopmentToken } from '../../src/auth/tokens';
import { createHttpServer } from '../../src/gateway/http';
import { Role, startTestHub, TEST_JWT_SECRET, type TestHub } from '../helpers/test-hub';
import { startService, type Service } from '../helpers/processes';
import { postGraphQLFrom } from '../helpers/loopback-post';

const RATE = 6;
const FAILURES = 3;

interface Answer {
  status: number;
  code?: string;
  retryAfter?: string;
}

/** `{ __typename }` to `base` from a chosen loopback address: its status, error code and Retry-After. */
async function ask(base: string, options: { token?: string; from?: string } = {}): Promise<Answer> {
  const { status, headers, body } = await postGraphQLFrom(base, { query: '{ __typename }' }, options);
  return { status, code: body.errors?.[0]?.extensions?.code, retryAfter: headers['retry-after'] as string | undefined };
}

const ok: Answer = { status: 200, code: undefined, retryAfter: undefined };
const limited = { status: 429, code: 'RATE_LIMITED', retryAfter: expect.stringMatching(/^[1-9]\d*$/) };

/**
 * Gateway replicas on one PostgreSQL with RATE_LIMIT_STORE=postgres: two `serve --gateway`
 * processes and this process's in-process hub. RATE_LIMIT_PER_MINUTE and
 * AUTH_FAILURES_PER_MINUTE are each the total over all of them, per client and per address,
 * with the refusal the single process gives (HTTP 429, RATE_LIMITED, Retry-After).
 * `{ __typename }` is answered by the gateway itself: the subgraph URLs are never called.
 */
describe('gateway replicas share their limits (RATE_LIMIT_STORE=postgres)', () => {
  const env = {
    RATE_LIMIT_STORE: 'postgres',
    RATE_LIMIT_PER_MINUTE: String(RATE),
    AUTH_FAILURES_PER_MINUTE: String(FAILURES),
  };
  let t: TestHub;
  let front: Server;
  let processes: Service[];
  let replicas: string[];

  beforeAll(async () => {
    t = await startTestHub({ demo: false, env }); // migrated; the counters' table emptied
    front = createHttpServer(t.hub);
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const subgraphs = ['subjects', 'records', 'archives'].map((name) => `${name}=http://127.0.0.1:9/graphql`).join(',');
    const processEnv = {
      ...env,
      DATABASE_URL: process.env.DATABASE_URL!,
      JWT_SECRET: TEST_JWT_SECRET,
      PII_SECRET: 'test-pii-secret',
      GATEWAY_SECRET: 'test-gateway-secret',
    };
    processes = await Promise.all([1, 2].map(() => startService(['--gateway', '--subgraphs', subgraphs], processEnv)));
    replicas = [...processes.map((p) => p.url), `http://127.0.0.1:${(front.address() as AddressInfo).port}`];
  });

  afterAll(async () => {
    await Promise.all((processes ?? []).map((p) => p.stop()));
    await new Promise((resolve) => front?.close(resolve));
    await t?.close();
  });

  it("a client's requests count once, wherever they land: the limit is the total", async () => {
    const token = await t.token(Role.PROCUREMENT, { sub: 'shared-budget' });
    const spread = [];
    for (let i = 0; i < RATE; i += 1) spread.push(await ask(replicas[i % replicas.length], { token }));
    expect(spread).toEqual(Array(RATE).fill(ok));
    // Each replica has seen only RATE / 3 of them; each refuses the next.
    for (const replica of replicas) expect(await ask(replica, { token })).toEqual(limited);
    // Per client, not for everyone: another client still has its whole budget, on any replica.
    const other = await t.token(Role.PROCUREMENT, { sub: 'shared-budget-other' });
    for (const replica of replicas) expect(await ask(replica, { token: other })).toEqual(ok);
  });

  it('anonymous callers: one budget per address over all replicas', async () => {
    const from = '127.0.0.31';
    for (let i = 0; i < RATE; i += 1) expect(await ask(replicas[i % replicas.length], { from })).toEqual(ok);
    for (const replica of replicas) expect(await ask(replica, { from })).toEqual(limited);
    expect(await ask(replicas[0], { from: '127.0.0.32' })).toEqual(ok);
  });

  it('failed authentications from one address count on every replica, and lock it out on all', async () => {
    const forged = await issueDevelopmentToken('another-secret', { role: Role.PROCUREMENT });
    const good = await t.token(Role.PROCUREMENT, { sub: 'shared-failures' });
    const from = '127.0.0.41';
    for (let i = 0; i < FAILURES; i += 1)
      expect(await ask(replicas[i % replicas.length], { token: forged, from })).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    // Locked out everywhere before any token is verified, a good one included.
    for (const replica of replicas) expect(await ask(replica, { token: good, from })).toEqual(limited);
    for (const replica of replicas) expect(await ask(replica, { token: good, from: '127.0.0.42' })).toEqual(ok);
  });
});
