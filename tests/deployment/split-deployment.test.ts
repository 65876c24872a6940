import { Client } from 'pg';
import { GatewaySigner } from '../../src/auth/gateway-signature';
import { DIRECTORY_AUDIENCE, DIRECTORY_PATH } from '../../src/common/remote-subject-directory';
import { makeUscc } from '../../src/identity';
import { addMonths, today } from '../../src/common/dates';
import { as, Role, startTestHub, TEST_JWT_SECRET, type TestHub } from '../helpers/test-hub';
import { cityClient } from '../helpers/viewers';
import { postGraphQL, startService, type Service } from '../helpers/processes';
import { clientOperation } from '../helpers/client-operations';

/**
 * A login role with every privilege of the hub's role but none on schema `subjects` (not
 * even USAGE): what a records or archives service may touch when the registry is not theirs.
 */
async function roleWithoutSubjects(t: TestHub, role: string): Promise<string> {
  await t.sql(`DO $$ DECLARE r record; BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN PASSWORD '${role}'; END IF;
    FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('subjects', 'information_schema')
               AND nspname NOT LIKE 'pg\\_%' AND has_schema_privilege('credit_hub_app', oid, 'USAGE') LOOP
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${role}', r.nspname);
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS rel, c.relkind, p.priv FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
               unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'USAGE']) AS p(priv)
             WHERE n.nspname NOT IN ('subjects', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
               AND ((c.relkind IN ('r', 'p', 'v') AND p.priv <> 'USAGE' AND has_table_privilege('credit_hub_app', c.oid, p.priv))
                 OR (c.relkind = 'S' AND p.priv IN ('SELECT', 'USAGE') AND has_sequence_privilege('credit_hub_app', c.oid, p.priv))) LOOP
      EXECUTE format('GRANT %s ON %s TO ${role}', r.priv, r.rel);
    END LOOP;
    -- Column grants (the access log's chain heads: UPDATE of seq and last_hash only).
    FOR r IN SELECT a.attrelid::regclass AS rel, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
               JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('subjects', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND a.attnum > 0
               AND c.relkind = 'r' AND NOT has_table_privilege('credit_hub_app', c.oid, 'UPDATE')
               AND has_column_privilege('credit_hub_app', c.oid, a.attname, 'UPDATE') LOOP
      EXECUTE format('GRANT UPDATE (%I) ON %s TO ${role}', r.attname, r.rel);
    END LOOP;
  END $$`);
  const url = new URL(process.env.DATABASE_URL!);
  url.username = role;
  url.password = role;
  return url.toString();
}

/** The subjects service's count of directory calls answered, by call. */
async function directoryCalls(service: Service, call: string): Promise<number> {
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  const line = new RegExp(`credit_hub_directory_calls_total\\{call="${call}",outcome="ok"\\} (\\d+)`).exec(metrics);
  return line ? Number(line[1]) : 0;
}

/**
 * The split deployment as processes on loopback: three subgraph services and the gateway
 * over one PostgreSQL, running the contract operations; records and archives log in as
 * roles that may not even look into schema `subjects`, and reach the registry through the
 * subjects service's directory API; subgraphs refuse anything not signed by the gateway; a
 * subgraph down gives partial data, not a crash.
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
  const urls: Record<string, string> = {};
  let gateway: Service;
  const token = (role: Role, claims: { region?: string; org?: string; sub?: string } = {}) => t.token(role, claims);

  beforeAll(async () => {
    t = await startTestHub(); // migrated, demo data loaded
    urls.records = await roleWithoutSubjects(t, 'split_records');
    urls.archives = await roleWithoutSubjects(t, 'split_archives');
    subgraphs.subjects = await startService(['--subgraph', 'subjects'], env());
    const others = await Promise.all(
      ['records', 'archives'].map((name) =>
        startService(['--subgraph', name, '--subjects-service', subgraphs.subjects.url], {
          ...env(),
          DATABASE_URL: urls[name],
        }),
      ),
    );
    [subgraphs.records, subgraphs.archives] = others;
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

  it.each(['records', 'archives'])(
    'the %s service logs in as a role that cannot read schema subjects',
    async (name) => {
      const client = new Client({ connectionString: urls[name] });
      await client.connect();
      try {
        await expect(client.query('SELECT count(*) FROM subjects.subject')).rejects.toMatchObject({ code: '42501' });
        // …while its own schema is open to it.
        const own = name === 'records' ? 'records.credit_record' : 'archives.archive_entry';
        expect((await client.query(`SELECT count(*)::int AS n FROM ${own}`)).rows[0].n).toBeGreaterThan(0);
      } finally {
        await client.end();
      }
    },
  );

  it('records and archives without --subjects-service refuse to start', async () => {
    await expect(startService(['--subgraph', 'records'], { ...env(), DATABASE_URL: urls.records })).rejects.toThrow(
      /--subjects-service/,
    );
  });

  it('answers the contract operations exactly like the in-process hub', async () => {
    const variables = {
      codes: [t.demo.blacklistedEnterprise.code, t.demo.cleanEnterprise.code, 'bad'],
      code: t.demo.listedGovernment.code,
    };
    const split = await postGraphQL(gateway.url, CONTRACT, {
      variables,
      token: await token(Role.TENDERING, { region: '320900' }),
    });
    const local = await t.run(CONTRACT, variables, cityClient(Role.TENDERING));
    expect(split.body.errors).toBeUndefined();
    expect(split.body.data).toEqual(local.data);
    expect(split.body.data.creditStatus.level).toBe('D');
  });

  it('reads an integrity file across three services, with the access log written', async () => {
    const before = Number(
      (await t.sql(`SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'ARCHIVE'`))[0].n,
    );
    const result = await postGraphQL(gateway.url, clientOperation('org-dept/ReadFile'), {
      variables: { code: t.demo.sanctionedCadre.code, purpose: '干部考察' },
      token: await token(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.subject.code).toBe(t.demo.sanctionedCadre.code);
    expect(result.body.data.subject.archive.dishonestyRecords.length).toBeGreaterThan(0);
    // The managing organization department's grant is FULL: personal-matters contents included.
    const report = result.body.data.subject.archive.entries.find((e: any) => e.kind === 'PERSONAL_MATTERS_REPORT');
    expect(report.content).toBeTruthy();
    const rows = await t.sql(`SELECT operation, purpose FROM audit.access_log WHERE resource = 'ARCHIVE' ORDER BY id`);
    expect(rows.length).toBe(before + 1);
    expect(rows[rows.length - 1]).toEqual({ operation: 'ReadFile', purpose: '干部考察' });
  });

  it('appointmentCheck across the services: the records service answers the verdicts of every row at once', async () => {
    const variables = {
      codes: t.demo.promotionRound.map((p) => p.code),
      purpose: 'PROMOTION',
      note: '2026年度市管干部职务晋升（第一批）',
    };
    const split = await postGraphQL(gateway.url, clientOperation('org-dept/AppointmentCheck'), {
      variables,
      token: await token(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    });
    const local = await t.run(
      clientOperation('org-dept/AppointmentCheck'),
      variables,
      as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    );
    expect(split.body.errors).toBeUndefined();
    expect(split.body.data).toEqual(local.data);
    expect(new Set(split.body.data.appointmentCheck.map((r: any) => r.candidate.verdict)).size).toBe(3);
  });

  it('a push naming a new subject registers it in the registry, through the subjects service', async () => {
    const code = makeUscc('91', '320902', '86000001');
    const SUBMIT = `mutation Push($input: [RecordInput!]!) { submitRecords(input: $input) { created results { outcome } } }`;
    const input = [
      {
        externalId: 'SPLIT-1',
        subject: { code, name: '分布式登记企业', kind: 'ENTERPRISE', regionCode: '320902' },
        nature: 'DISHONESTY',
        category: 'JUDICIAL_JUDGMENT',
        domain: 'GENERAL',
        severity: 'GENERAL',
        title: '合同纠纷败诉',
        decidedAt: addMonths(today(), -1),
        disclosure: 'PUBLIC',
      },
    ];
    const court = await token(Role.COURT, { region: '320900', org: t.demo.court.code, sub: 'split-court' });
    const pushed = await postGraphQL(gateway.url, SUBMIT, { variables: { input }, token: court });
    expect(pushed.body.errors).toBeUndefined();
    expect(pushed.body.data.submitRecords.created).toBe(1);
    const found = await postGraphQL(
      gateway.url,
      `query($code: String!) { subject(code: $code) { name kind records { edges { node { title } } } } creditStatus(code: $code) { activeDishonestyCount } }`,
      { variables: { code } },
    );
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data.subject).toEqual({
      name: '分布式登记企业',
      kind: 'ENTERPRISE',
      records: { edges: [{ node: { title: '合同纠纷败诉' } }] },
    });
    expect(found.body.data.creditStatus.activeDishonestyCount).toBe(1);

    // The registry's refusals keep their code and the path into the caller's input.
    const unnamed = [{ ...input[0], externalId: 'SPLIT-2', subject: { code: makeUscc('91', '320902', '86000002') } }];
    const refused = await postGraphQL(gateway.url, SUBMIT, { variables: { input: unnamed }, token: court });
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      index: 0,
      field: 'subject.name',
    });
  });

  it('blacklistCheck asks the directory once, whatever the batch size', async () => {
    const query = `query($codes: [String!]!) { blacklistCheck(codes: $codes) { code listed subject { name } } }`;
    const tendering = await token(Role.TENDERING, { region: '320900' });
    const sizes = [3, 400];
    for (const size of sizes) {
      const codes = Array.from({ length: size }, (_, i) =>
        i < t.demo.enterprises.length ? t.demo.enterprises[i].code : makeUscc('91', '320902', String(87000000 + i)),
      );
      const before = await directoryCalls(subgraphs.subjects, 'lookup');
      const result = await postGraphQL(gateway.url, query, { variables: { codes }, token: tendering });
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data.blacklistCheck).toHaveLength(size);
      expect(result.body.data.blacklistCheck[0].subject.name).toBe(t.demo.enterprises[0].name);
      expect((await directoryCalls(subgraphs.subjects, 'lookup')) - before).toBe(1);
    }
  });

  it('the directory API accepts only calls signed for it', async () => {
    const body = { call: 'describe', args: { ids: ['1'] } };
    const post = (headers: Record<string, string>) =>
      fetch(`${subgraphs.subjects.url}${DIRECTORY_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const signed = (signer: GatewaySigner, variables: unknown = body.args) =>
      signer.sign(as(Role.CREDIT_OFFICE), 'x', { query: body.call, variables });
    expect((await post({})).status).toBe(401);
    // A subgraph request's signature (other audience), a forged one, one for another call: refused.
    expect((await post({ 'x-hub-principal': await signed(new GatewaySigner(GATEWAY_SECRET)) })).status).toBe(401);
    const forged = new GatewaySigner('not-the-gateway-secret', DIRECTORY_AUDIENCE);
    expect((await post({ 'x-hub-principal': await signed(forged) })).status).toBe(401);
    const genuine = new GatewaySigner(GATEWAY_SECRET, DIRECTORY_AUDIENCE);
    expect((await post({ 'x-hub-principal': await signed(genuine, { ids: ['2'] }) })).status).toBe(401);
    const accepted = await post({ 'x-hub-principal': await signed(genuine) });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toHaveProperty('entries');
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
