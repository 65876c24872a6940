import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrationsList } from '../../migrations';
import { loadConfig } from '../../src/config';
import { addMonths, today } from '../../src/common/dates';
import { makeUscc } from '../../src/identity';
import { openRuntime, type Runtime } from '../../src/runtime';
import { createLogger } from '../../src/common/logger';
import { demoTokenClaims } from '../../src/seed/demo';
import { TEST_AUDIT_ENV } from '../helpers/audit-keys';
import { clientOperation } from '../helpers/client-operations';
import { copySchema } from '../helpers/copy-schema';
import { freePort, postGraphQL, runCli, startDatabaseProcess, startService, type Service } from '../helpers/processes';
import { registeredToken, Role, startTestHub, TEST_JWT_SECRET, type TestHub } from '../helpers/test-hub';
import { cityClient } from '../helpers/viewers';

type Cluster = Awaited<ReturnType<typeof startDatabaseProcess>>;
const NAMES = ['subjects', 'records', 'archives'] as const;

async function sql<T = any>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const schemasOf = async (url: string) =>
  (
    await sql<{ name: string }>(
      url,
      `SELECT nspname AS name FROM pg_namespace WHERE nspname IN ('subjects', 'records', 'archives', 'access', 'audit')
        ORDER BY 1`,
    )
  ).map((row) => row.name);

/** The subjects service's count of directory look-ups answered. */
async function lookups(service: Service): Promise<number> {
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  return Number(/credit_hub_directory_calls_total\{call="lookup",outcome="ok"\} (\d+)/.exec(metrics)?.[1] ?? 0);
}

/**
 * A database per subgraph (docs/deployment.md, "Database per subgraph"): three embedded PostgreSQL
 * clusters on loopback, migrated by `credit-hub migrate` with the schemas each holds, the demo data
 * moved into the cluster of the subgraph that owns it, the split processes on them (the same
 * environment for every process, as a ConfigMap gives it), and the contract paths through the
 * gateway. Then the archives cluster stops: only the archive path fails.
 */
describe('a database per subgraph (three clusters)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-subgraph-dbs-'));
  const clusters = {} as Record<(typeof NAMES)[number], Cluster>;
  const services = {} as Record<(typeof NAMES)[number] | 'gateway', Service>;
  let t: TestHub;
  let registry: Runtime;
  let env: Record<string, string>;
  const token = (role: Role, claims: { region?: string; org?: string; sub?: string } = {}) =>
    registeredToken(registry.services, role, claims);

  beforeAll(async () => {
    fs.chmodSync(dir, 0o755);
    t = await startTestHub(); // the demo, loaded into the test database: the source the clusters get their rows from
    for (const name of NAMES)
      clusters[name] = await startDatabaseProcess(path.join(dir, name), await freePort(), 'credit_hub');
    env = {
      JWT_SECRET: TEST_JWT_SECRET,
      PII_SECRET: 'test-pii-secret',
      GATEWAY_SECRET: 'subgraph-dbs-gateway-secret',
      ...TEST_AUDIT_ENV,
      AUDIT_CHECKPOINT_DIR: path.join(dir, 'checkpoints'),
      // The gateway's database (client registry) is the subjects cluster; records and archives have their own.
      DATABASE_URL: clusters.subjects.url,
      MIGRATION_DATABASE_URL: clusters.subjects.ownerUrl,
      RECORDS_DATABASE_URL: clusters.records.url,
      RECORDS_MIGRATION_DATABASE_URL: clusters.records.ownerUrl,
      ARCHIVES_DATABASE_URL: clusters.archives.url,
      ARCHIVES_MIGRATION_DATABASE_URL: clusters.archives.ownerUrl,
    };
    const migrated = await runCli(['migrate'], env);
    if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
    const source = process.env.MIGRATION_DATABASE_URL!;
    for (const [schema, cluster] of [
      ['subjects', clusters.subjects],
      ['access', clusters.subjects],
      ['records', clusters.records],
      ['archives', clusters.archives],
    ] as const)
      await copySchema(source, cluster.ownerUrl, schema);
    registry = await openRuntime(loadConfig({ ...process.env, ...env }), {
      part: 'gateway',
      migrate: false,
      logger: createLogger('silent'),
    });
    services.subjects = await startService(['--subgraph', 'subjects'], env);
    const others = ['--subjects-service', services.subjects.url];
    [services.records, services.archives] = await Promise.all([
      startService(['--subgraph', 'records', ...others], env),
      startService(['--subgraph', 'archives', ...others], env),
    ]);
    const list = NAMES.map((name) => `${name}=${services[name].url}/graphql`).join(',');
    services.gateway = await startService(['--gateway', '--subgraphs', list], env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop('SIGKILL')));
    await registry?.close();
    await Promise.all(Object.values(clusters).map((c) => c.stop()));
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrate gives each database the schemas it holds and the whole history', async () => {
    expect(await schemasOf(clusters.subjects.ownerUrl)).toEqual(['access', 'audit', 'subjects']);
    expect(await schemasOf(clusters.records.ownerUrl)).toEqual(['audit', 'records']);
    expect(await schemasOf(clusters.archives.ownerUrl)).toEqual(['archives', 'audit']);
    for (const cluster of Object.values(clusters)) {
      const applied = await sql(cluster.ownerUrl, 'SELECT name FROM public.mikro_orm_migrations ORDER BY id');
      expect(applied.map((row) => row.name)).toEqual(migrationsList.map((m) => m.name));
    }
    // Run again: nothing pending anywhere, and every service is ready (its migrations current).
    const again = await runCli(['migrate'], env);
    expect(again.stdout).toMatch(/gateway, subjects: 0 migration/);
    for (const service of Object.values(services)) expect((await fetch(`${service.url}/ready`)).status).toBe(200);
  });

  it('one process cannot serve every subgraph over separate databases', async () => {
    const refused = await runCli(['seed'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Database per subgraph/);
  });

  const CONTRACT = `query Contract($codes: [String!]!, $code: String!) {
    blacklistCheck(codes: $codes) { code valid listed subject { name } listings { listType } }
    creditStatus(code: $code) { level score activeDishonestyCount subject { name parent { name } } } }`;
  const contractVariables = () => ({
    codes: [t.demo.blacklistedEnterprise.code, t.demo.cleanEnterprise.code, 'bad'],
    code: t.demo.listedGovernment.code,
  });

  it('creditStatus and blacklistCheck answer as the one-database hub does, with one directory look-up', async () => {
    const before = await lookups(services.subjects);
    const split = await postGraphQL(services.gateway.url, CONTRACT, {
      variables: contractVariables(),
      token: await token(Role.TENDERING, { region: '320900' }),
    });
    expect(split.body.errors).toBeUndefined();
    expect(split.body.data).toEqual((await t.run(CONTRACT, contractVariables(), cityClient(Role.TENDERING))).data);
    expect(split.body.data.blacklistCheck[0].listed).toBe(true);
    expect(split.body.data.creditStatus.level).toBe('D');
    // blacklistCheck's codes and creditStatus's code: each one look-up, whatever the batch size.
    expect((await lookups(services.subjects)) - before).toBe(2);
  });

  it('registerSubjects writes the registry in the subjects cluster only', async () => {
    const code = makeUscc('12', '320900', '55500001');
    const office = await token(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code });
    const registered = await postGraphQL(
      services.gateway.url,
      `mutation($input: [SubjectInput!]!) { registerSubjects(input: $input) { name code } }`,
      {
        variables: { input: [{ kind: 'INSTITUTION', name: '盐城市分库测试中心', code, regionCode: '320900' }] },
        token: office,
      },
    );
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data.registerSubjects).toEqual([{ name: '盐城市分库测试中心', code }]);
    const [{ n }] = await sql(clusters.subjects.ownerUrl, 'SELECT count(*)::int AS n FROM subjects.subject');
    expect(n).toBeGreaterThan(t.demo.enterprises.length);
  });

  it('a push naming a new subject registers it through the subjects service and lands in the records cluster', async () => {
    const code = makeUscc('91', '320902', '86100001');
    const input = [
      {
        externalId: 'DBS-1',
        subject: { code, name: '分库登记企业', kind: 'ENTERPRISE', regionCode: '320902' },
        nature: 'DISHONESTY',
        category: 'JUDICIAL_JUDGMENT',
        domain: 'GENERAL',
        severity: 'GENERAL',
        title: '合同纠纷败诉',
        decidedAt: addMonths(today(), -1),
        disclosure: 'PUBLIC',
      },
    ];
    const court = await token(Role.COURT, { region: '320900', org: t.demo.court.code, sub: 'dbs-court' });
    const pushed = await postGraphQL(
      services.gateway.url,
      `mutation Push($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
      { variables: { input }, token: court },
    );
    expect(pushed.body.errors).toBeUndefined();
    expect(pushed.body.data.submitRecords.created).toBe(1);
    const records = await sql(
      clusters.records.ownerUrl,
      "SELECT title FROM records.credit_record WHERE external_id = 'DBS-1'",
    );
    expect(records).toEqual([{ title: '合同纠纷败诉' }]);
    const status = await postGraphQL(
      services.gateway.url,
      `query($code: String!) { subject(code: $code) { name } creditStatus(code: $code) { activeDishonestyCount } }`,
      { variables: { code } },
    );
    expect(status.body.errors).toBeUndefined();
    expect(status.body.data).toEqual({ subject: { name: '分库登记企业' }, creditStatus: { activeDishonestyCount: 1 } });
  });

  it('an objection is filed and upheld: the workflow runs on the records cluster', async () => {
    const [{ id }] = await sql(
      clusters.records.ownerUrl,
      "SELECT id::text FROM records.credit_record WHERE external_id = 'YC-COURT-2026-002'",
    );
    const subject = await token(Role.SUBJECT, { org: t.demo.housing.code, sub: 'dbs-self' });
    const filed = await postGraphQL(
      services.gateway.url,
      `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id state record { disputed } } }`,
      { variables: { input: { recordId: id, reasons: '已依法补办手续' } }, token: subject },
    );
    expect(filed.body.errors).toBeUndefined();
    expect(filed.body.data.fileObjection).toMatchObject({ state: 'FILED', record: { disputed: true } });
    const UPHOLD = `mutation($id: ID!) { upholdObjection(id: $id, decision: "认定无误") { state } }`;
    const objection = { id: filed.body.data.fileObjection.id };
    const outsider = await token(Role.TENDERING, {
      region: '320900',
      org: t.demo.tradingCenter.code,
      sub: 'dbs-tender',
    });
    const denied = await postGraphQL(services.gateway.url, UPHOLD, { variables: objection, token: outsider });
    expect(denied.body.errors[0]).toMatchObject({ path: ['upholdObjection'], extensions: { code: 'FORBIDDEN' } });
    // The court that pushed the record decides on it (its demo system).
    const court = await token(
      Role.COURT,
      demoTokenClaims(t.demo).find((c) => c.role === Role.COURT),
    );
    const upheld = await postGraphQL(services.gateway.url, UPHOLD, { variables: objection, token: court });
    expect(upheld.body.errors).toBeUndefined();
    expect(upheld.body.data.upholdObjection.state).toBe('UPHELD');
  });

  const readFile = async () =>
    postGraphQL(services.gateway.url, clientOperation('org-dept/ReadFile'), {
      variables: { code: t.demo.sanctionedCadre.code, purpose: '干部考察' },
      token: await token(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    });

  it('an integrity file is read across the three services, its access-log entry in the archives cluster', async () => {
    const LOG = `SELECT operation, purpose FROM audit.access_log WHERE resource = 'ARCHIVE' ORDER BY id`;
    const before = (await sql(clusters.archives.ownerUrl, LOG)).length;
    const result = await readFile();
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.subject.code).toBe(t.demo.sanctionedCadre.code);
    expect(result.body.data.subject.archive.dishonestyRecords.length).toBeGreaterThan(0);
    const rows = await sql(clusters.archives.ownerUrl, LOG);
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toEqual({ operation: 'ReadFile', purpose: '干部考察' });
  });

  it("each database's access log is checkpointed by its keeper into a folder of its own, and verifies", async () => {
    const checkpoints = (folder: string) =>
      fs.readdirSync(path.join(dir, 'checkpoints', folder)).filter((name) => name.endsWith('.jws'));
    // Archives in AUDIT_CHECKPOINT_DIR itself (as with one database); subjects and records below it.
    for (const folder of ['', 'subjects', 'records']) expect(checkpoints(folder).length).toBeGreaterThan(0);
    for (const subgraph of NAMES) {
      const verified = await runCli(['audit', 'verify', '--subgraph', subgraph], env);
      expect({ subgraph, code: verified.code }).toEqual({ subgraph, code: 0 });
    }
    // doctor checks each database in turn: reached, migrations current, role, its own log.
    const doctor = await runCli(['doctor'], env);
    expect({ code: doctor.code, problems: doctor.stdout.match(/^PROBLEM.*$/gm) }).toEqual({ code: 0, problems: null });
    expect(doctor.stdout.match(/^database of .*:$/gm)).toEqual([
      'database of gateway, subjects:',
      'database of records:',
      'database of archives:',
    ]);
  });

  it('with the archives cluster stopped, only the archive path fails (INTERNAL_SERVER_ERROR)', async () => {
    await clusters.archives.stop();
    const result = await readFile();
    expect(result.status).toBe(200);
    expect(result.body.data.subject.code).toBe(t.demo.sanctionedCadre.code);
    expect(result.body.data.subject.archive).toBeNull();
    // The archives service cannot read the file nor write its access-log entry: nothing is released, and the
    // error is the internal one (the read's own, retryable, or the log's refusal, whichever comes first).
    expect(result.body.errors.length).toBeGreaterThan(0);
    expect(result.body.errors.map((e: any) => e.extensions.code)).toEqual(
      result.body.errors.map(() => 'INTERNAL_SERVER_ERROR'),
    );
    const contract = await postGraphQL(services.gateway.url, CONTRACT, {
      variables: contractVariables(),
      token: await token(Role.TENDERING, { region: '320900' }),
    });
    expect(contract.body.errors).toBeUndefined();
    expect(contract.body.data.creditStatus.level).toBe('D');
    expect((await fetch(`${services.archives.url}/ready`)).status).toBe(503);
    expect((await fetch(`${services.records.url}/ready`)).status).toBe(200);
  });
});
