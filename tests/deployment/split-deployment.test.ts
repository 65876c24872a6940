import { GatewaySigner } from '../../src/auth/gateway-signature';
import { as, Role, startTestHub, TEST_JWT_SECRET, type TestHub } from '../helpers/test-hub';
import { postGraphQL, startService, type Service } from '../helpers/processes';
import { clientOperation } from '../helpers/client-operations';

/**
 * The split deployment as processes on loopback: three subgraph services and the gateway
 * over one PostgreSQL, running the contract operations; subgraphs refuse anything not
 * signed by the gateway; a subgraph down gives partial data, not a crash.
 */
describe('split deployment', () => {
  const GATEWAY_SECRET = 'split-test-gateway-secret';
  const env = () => ({
    DATABASE_URL: process.env.DATABASE_URL!,
    JWT_SECRET: TEST_JWT_SECRET,
    PII_SECRET: 'test-pii-secret',
    GATEWAY_SECRET,
  });
  let t: TestHub;
  const subgraphs: Record<string, Service> = {};
  let gateway: Service;
  const token = (role: Role, claims: { region?: string; org?: string } = {}) => t.token(role, claims);

  beforeAll(async () => {
    t = await startTestHub(); // migrated, demo data loaded
    const started = await Promise.all(
      ['subjects', 'records', 'archives'].map((name) => startService(['--subgraph', name], env())),
    );
    ['subjects', 'records', 'archives'].forEach((name, i) => (subgraphs[name] = started[i]));
    const list = Object.entries(subgraphs)
      .map(([name, s]) => `${name}=${s.url}/graphql`)
      .join(',');
    gateway = await startService(['--gateway', '--subgraphs', list], env());
  }, 90000);

  afterAll(async () => {
    await Promise.all([gateway, ...Object.values(subgraphs)].filter(Boolean).map((s) => s.stop('SIGKILL')));
    await t.close();
  });

  const CONTRACT = `query Contract($codes: [String!]!, $code: String!) {
    blacklistCheck(codes: $codes) { code valid listed subject { name } listings { listType } }
    creditStatus(code: $code) { level score subject { name parent { name } } }
    searchSubjects(filter: { kinds: [GOVERNMENT] }, first: 3) { totalCount edges { node { name children { name } } } } }`;

  it('answers the contract operations exactly like the in-process hub', async () => {
    const variables = {
      codes: [t.demo.enterprises[0].code, t.demo.enterprises[1].code, 'bad'],
      code: t.demo.counties.find((c) => c.region === '320924')!.government.code,
    };
    const split = await postGraphQL(gateway.url, CONTRACT, {
      variables,
      token: await token(Role.TENDERING, { region: '320900' }),
    });
    const local = await t.run(CONTRACT, variables, as(Role.TENDERING, { region: '320900' }));
    expect(split.body.errors).toBeUndefined();
    expect(split.body.data).toEqual(local.data);
    expect(split.body.data.creditStatus.level).toBe('D');
  });

  it('reads an integrity file across three services, with the access log written', async () => {
    const before = Number(
      (await t.sql(`SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'ARCHIVE'`))[0].n,
    );
    const result = await postGraphQL(gateway.url, clientOperation('org-dept/ReadFile'), {
      variables: { code: t.demo.people[1].code, purpose: '干部考察' },
      token: await token(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.subject.code).toBe(t.demo.people[1].code);
    expect(result.body.data.subject.archive.dishonestyRecords.length).toBeGreaterThan(0);
    const rows = await t.sql(`SELECT operation, purpose FROM audit.access_log WHERE resource = 'ARCHIVE' ORDER BY id`);
    expect(rows.length).toBe(before + 1);
    expect(rows[rows.length - 1]).toEqual({ operation: 'ReadFile', purpose: '干部考察' });
  });

  it('a denied field is FORBIDDEN at its path through the split gateway too', async () => {
    // An organization: a person looked up by full ID number is not confirmed to PROCUREMENT at all
    // (docs/credit-status.md).
    const result = await postGraphQL(
      gateway.url,
      `query($code: String!) { subject(code: $code) { name managedBy { name } } }`,
      {
        variables: { code: t.demo.finance.code },
        token: await token(Role.PROCUREMENT, { region: '320900' }),
      },
    );
    expect(result.body.data.subject).toEqual({ name: t.demo.finance.name, managedBy: null });
    expect(result.body.errors[0]).toMatchObject({ path: ['subject', 'managedBy'], extensions: { code: 'FORBIDDEN' } });
  });

  describe('subgraphs trust only the gateway', () => {
    const queries = ['{ _service { sdl } }', 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }'];
    it.each(['subjects', 'records', 'archives'])(
      '%s refuses unsigned, forged and replayed principals',
      async (name) => {
        const url = subgraphs[name].url;
        for (const query of queries) {
          const variables = { r: [{ __typename: 'Subject', id: '1' }] };
          const unsigned = await postGraphQL(url, query, { variables });
          expect(unsigned.status).toBe(401);
          expect(unsigned.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
          expect(unsigned.body.data).toBeUndefined();

          const forged = await new GatewaySigner('not-the-gateway-secret').sign(as(Role.CREDIT_OFFICE), 'x', {
            query,
            variables,
          });
          const withForged = await postGraphQL(url, query, { variables, headers: { 'x-hub-principal': forged } });
          expect(withForged.status).toBe(401);

          const genuine = await new GatewaySigner(GATEWAY_SECRET).sign(as(Role.CREDIT_OFFICE), 'x', {
            query: '{ __typename }',
          });
          const replayed = await postGraphQL(url, query, { variables, headers: { 'x-hub-principal': genuine } });
          expect(replayed.status).toBe(401);
        }
        const signed = await new GatewaySigner(GATEWAY_SECRET).sign(as(Role.CREDIT_OFFICE), 'x', { query: queries[0] });
        const accepted = await postGraphQL(url, queries[0], { headers: { 'x-hub-principal': signed } });
        expect(accepted.status).toBe(200);
        expect(accepted.body.data._service.sdl).toContain('type');
      },
    );
  });

  it('health, readiness and metrics answer on every service', async () => {
    for (const service of [gateway, ...Object.values(subgraphs)]) {
      expect((await fetch(`${service.url}/ready`)).status).toBe(200);
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toContain('credit_hub_');
    }
    const subjectsMetrics = await (await fetch(`${subgraphs.subjects.url}/metrics`)).text();
    expect(subjectsMetrics).toMatch(/credit_hub_sql_statements_total \d+/);
    expect(subjectsMetrics).toContain('credit_hub_db_pool_used');
    const gatewayMetrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(gatewayMetrics).toMatch(/credit_hub_requests_total\{operation="Contract",outcome="ok"\} \d+/);
  });

  it('with a subgraph down, the gateway returns partial data with errors at the affected paths', async () => {
    await subgraphs.records.stop('SIGKILL');
    const result = await postGraphQL(
      gateway.url,
      `query($code: String!) { subject(code: $code) { name creditStatus { level } } }`,
      {
        variables: { code: t.demo.finance.code },
      },
    );
    expect(result.status).toBe(200);
    expect(result.body.data.subject.name).toBe(t.demo.finance.name);
    expect(result.body.data.subject.creditStatus).toBeNull();
    expect(result.body.errors[0].path).toEqual(['subject', 'creditStatus']);
  });
});
