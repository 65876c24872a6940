import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../src/gateway/http';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { postGraphQL } from '../helpers/processes';
import { totalStatements } from '../../src/db/sql-statements';

/** Hostile input is refused with QUERY_TOO_COMPLEX or RATE_LIMITED before any SQL runs. */
describe('query limits and rate limiting', () => {
  let t: TestHub;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    t = await startTestHub({ env: { RATE_LIMIT_PER_MINUTE: '40', MAX_BODY_BYTES: String(1024 * 1024) } });
    server = createHttpServer(t.hub);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  /** Posts and asserts that PostgreSQL was not asked anything. */
  const refusedBeforeSql = async (query: string, variables?: Record<string, unknown>) => {
    const before = totalStatements();
    const result = await postGraphQL(url, query, { variables, headers: { 'x-forwarded-for': 'ignored' } });
    expect(totalStatements()).toBe(before);
    return result;
  };

  it('refuses a deep query', async () => {
    let selection = 'name';
    for (let i = 0; i < 20; i += 1) selection = `parent { ${selection} }`;
    const { body } = await refusedBeforeSql(`{ searchSubjects { edges { node { ${selection} } } } }`);
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.data).toBeUndefined();
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: searchSubjects { totalCount }`).join(' ');
    const { body } = await refusedBeforeSql(`{ ${aliases} }`);
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a 10,000-code blacklist check', async () => {
    const codes = Array.from({ length: 10000 }, (_, i) => `91320900MA${String(i).padStart(7, '0')}X`);
    const { body } = await refusedBeforeSql(`query($codes: [String!]!) { blacklistCheck(codes: $codes) { listed } }`, {
      codes,
    });
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a 10 MB body with HTTP 413', async () => {
    const before = totalStatements();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(10 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(totalStatements()).toBe(before);
  });

  it('limits each client to its budget per minute with RATE_LIMITED (HTTP 429)', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => postGraphQL(url, '{ __typename }')));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(20);
    expect(limited[0].body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(40);
  });
});
