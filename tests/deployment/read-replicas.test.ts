import type { AddressInfo } from 'node:net';
import { GatewaySigner, PRINCIPAL_HEADER } from '../../src/auth/gateway-signature';
import type { Principal } from '../../src/auth/principal';
import { replicaReads } from '../../src/common/metrics';
import { replicaFindings } from '../../src/cli/doctor-replicas';
import { connectionsOf } from '../../src/db/orm';
import type { ReadSide } from '../../src/db/read-side';
import { createSubgraphService } from '../../src/gateway/subgraph-service';
import { SUBGRAPHS } from '../../src/gateway/subgraphs';
import { makeUscc } from '../../src/identity';
import { as, codes, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { clientOperation } from '../helpers/client-operations';
import { startStreamingReplica, type StreamingReplica } from '../helpers/streaming-replica';

const REGISTER = `mutation Register($input: [SubjectInput!]!) { registerSubjects(input: $input) { id name } }`;
const BY_CODE = `query ByCode($code: String!) { subject(code: $code) { name } }`;
const READ_FILE = clientOperation('org-dept/ReadFile');
const STICKY_SECONDS = 1;

/**
 * The hub over a real streaming replica of the test cluster (tests/helpers/streaming-replica.ts). Replay on the
 * standby is paused while each case writes, so a row the primary has and the replica lacks shows which side a
 * read went to: docs/deployment.md, "Read replicas".
 */
// A standby is a copy of the primary's data directory: only the embedded test cluster's is at hand. With the tests
// on a DATABASE_URL server of yours, say so instead of failing (CI runs them on the embedded cluster).
const onEmbeddedCluster = process.env.TEST_CLUSTER_DATA_DIR ? describe : describe.skip;
if (!process.env.TEST_CLUSTER_DATA_DIR)
  process.stderr.write('read-replicas: skipped, the tests run on DATABASE_URL (no embedded cluster to copy)\n');

onEmbeddedCluster('read replicas (DATABASE_REPLICA_URLS) and read-your-writes', () => {
  let replica: StreamingReplica;
  let t: TestHub;
  beforeAll(async () => {
    replica = await startStreamingReplica(process.env.MIGRATION_DATABASE_URL!);
    t = await startTestHub({
      env: {
        DATABASE_REPLICA_URLS: replica.urlFor(process.env.DATABASE_URL!),
        REPLICA_STICKY_SECONDS: String(STICKY_SECONDS),
      },
    });
    await replica.caughtUp();
  });
  afterEach(async () => {
    // A case that failed half-way must not leave the next one a paused replica (the last case stops it).
    await replica.resume().catch(() => undefined);
  });
  afterAll(async () => {
    await t?.close();
    await replica?.stop();
  });

  // Two systems of the same city credit office, with the same rights: only their client ids differ.
  const office = (sub: string) => as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code, sub });
  const writer = () => office('replica-writer');
  const reader = () => office('replica-reader');
  const archive = { kind: 'INSTITUTION', name: '盐城市城建档案馆', code: makeUscc('12', '320900', '76543210') };
  let archiveId: string;
  beforeAll(async () => {
    const input = [{ ...archive, regionCode: '320900', parentCode: t.demo.city.code }];
    const created = await t.run(REGISTER, { input }, office('replica-setup'));
    expect(created.errors).toBeUndefined();
    archiveId = created.data!.registerSubjects[0].id;
    await replica.caughtUp();
  });
  const rename = (name: string) =>
    t.run(REGISTER, { input: [{ ...archive, name, regionCode: '320900', parentCode: t.demo.city.code }] }, writer());
  const nameAs = async (viewer: Principal) => {
    const result = await t.run(BY_CODE, { code: archive.code }, viewer);
    expect(result.errors).toBeUndefined();
    return result.data!.subject.name as string;
  };
  // prom-client hands out its live value objects: read the number at once.
  const replicaReadCount = async (outcome: 'ok' | 'fallback') =>
    (await replicaReads.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
  const NAME = 'SELECT name FROM subjects.subject WHERE id = $1';
  const primaryName = async () => (await t.sql(NAME.replace('$1', '?'), [archiveId]))[0].name;
  const replicaName = async () => (await replica.sql(NAME, [archiveId]))[0].name;
  const setPrimaryName = (name: string) =>
    t.sql('UPDATE subjects.subject SET name = ? WHERE id = ?', [name, archiveId]);

  it('a query reads from the replica: a row only the primary has is not in its answer', async () => {
    const before = await nameAs(reader());
    await replica.pause();
    await setPrimaryName(`${before}（仅主库）`);
    const replicated = await replicaReadCount('ok');
    expect(await nameAs(reader())).toBe(before);
    expect(await primaryName()).toBe(`${before}（仅主库）`);
    expect(await replicaReadCount('ok')).toBeGreaterThan(replicated);
    await replica.resume();
    await replica.caughtUp();
    expect(await nameAs(reader())).toBe(`${before}（仅主库）`);
    await setPrimaryName(before);
  });

  it('a mutation writes to the primary, and its client reads its own write at once; another client the replica', async () => {
    await replica.caughtUp();
    const before = await replicaName();
    await replica.pause();
    const renamed = await rename(`${before}（更名）`);
    expect(renamed.errors).toBeUndefined();
    expect(await primaryName()).toBe(`${before}（更名）`);
    expect(await replicaName()).toBe(before);
    // The writer, within REPLICA_STICKY_SECONDS of its mutation, reads from the primary.
    expect(await nameAs(writer())).toBe(`${before}（更名）`);
    // Another client has not written: it may read the (paused) replica.
    expect(await nameAs(reader())).toBe(before);
    // Once the window has passed the writer reads from a replica again.
    await new Promise((resolve) => setTimeout(resolve, STICKY_SECONDS * 1000 + 200));
    expect(await nameAs(writer())).toBe(before);
    await replica.resume();
    await replica.caughtUp();
    expect(await nameAs(reader())).toBe(`${before}（更名）`);
    expect((await rename(before)).errors).toBeUndefined();
  });

  it('a query that writes the access log reads the file from the replica, its chain head and append on the primary', async () => {
    const cadre = t.demo.sanctionedCadre;
    const [{ id }] = await t.sql('SELECT id::text FROM subjects.subject WHERE code_display = ?', [
      `${cadre.code.slice(0, 6)}********${cadre.code.slice(14)}`,
    ]);
    const orgDept = as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code });
    const count = 'SELECT count(*)::int AS n FROM audit.access_log';
    await replica.caughtUp();
    const [{ n: onReplica }] = await replica.sql(count);
    await replica.pause();
    const [{ n: onPrimary }] = await t.sql(count);
    const [primary, ...replicas] = connectionsOf(t.services.orm);
    const sent = { primary: [] as string[], replica: [] as string[] };
    const listen = (side: keyof typeof sent) => (query: { sql: string }) => sent[side].push(query.sql);
    primary.getKnex().on('query', listen('primary'));
    for (const connection of replicas) connection.getKnex().on('query', listen('replica'));
    for (let read = 0; read < 2; read += 1) {
      const result = await t.run(READ_FILE, { id, purpose: '干部提拔考察' }, orgDept);
      expect(result.errors).toBeUndefined();
      expect(result.data!.subject.archive).not.toBeNull();
    }
    // The file itself came from the replica; the log's chain head (read-modify-write) and its append did not.
    expect(sent.replica.some((sql) => /archives\./.test(sql))).toBe(true);
    expect(sent.replica.filter((sql) => /audit\./.test(sql))).toEqual([]);
    // (Each subgraph the read passes through appends its own entries: at least one append per read.)
    const appends = sent.primary.filter((sql) => /INSERT INTO audit\.access_log/.test(sql));
    expect(appends.length).toBeGreaterThanOrEqual(2);
    // Each append moves its chain head in the same statement (compare-and-set, audit/chain-append.ts), on the primary.
    expect(appends.every((sql) => /UPDATE audit\.chain_head/.test(sql))).toBe(true);
    // Each read leaves its entries (at least one) on the primary; the replica has none of them.
    expect((await t.sql(count))[0].n).toBeGreaterThanOrEqual(onPrimary + 2);
    expect((await replica.sql(count))[0].n).toBe(onReplica);
  });

  it('a split subgraph service reads where the principal the gateway signed says (claim rs)', async () => {
    const signer = new GatewaySigner('test-gateway-secret');
    const subjects = SUBGRAPHS.find((module) => module.name === 'subjects')!;
    const server = await createSubgraphService(subjects, t.services, signer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const ask = async (readsFrom?: ReadSide) => {
      const body = { query: BY_CODE, variables: { code: archive.code } };
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PRINCIPAL_HEADER]: await signer.sign(reader(), 'split-read', body, undefined, readsFrom),
        },
        body: JSON.stringify(body),
      });
      return ((await response.json()) as { data: { subject: { name: string } } }).data.subject.name;
    };
    try {
      await replica.caughtUp();
      const before = await replicaName();
      await replica.pause();
      await setPrimaryName(`${before}（主库）`);
      expect(await ask('replica')).toBe(before);
      expect(await ask()).toBe(`${before}（主库）`);
      await setPrimaryName(before);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('credit-hub doctor checks each replica: a standby, lagging less than the read-your-writes window', async () => {
    const { config } = t.services;
    await replica.caughtUp();
    expect(await replicaFindings(config)).toEqual([{ line: expect.stringContaining('a standby'), problem: false }]);
    const before = await replicaName();
    await replica.pause();
    await setPrimaryName(`${before}（滞后）`);
    await new Promise((resolve) => setTimeout(resolve, STICKY_SECONDS * 1000 + 300));
    expect(await replicaFindings(config)).toEqual([{ line: expect.stringContaining('replay lags'), problem: true }]);
    await setPrimaryName(before);
    // The primary named as a replica: it accepts writes, it is not one.
    const primaryAsReplica = { ...config, replicas: { ...config.replicas, urls: [process.env.DATABASE_URL!] } };
    expect(await replicaFindings(primaryAsReplica)).toEqual([
      { line: expect.stringContaining('not a replica'), problem: true },
    ]);
  });

  it('a replica that stops costs only latency: reads fall back to the primary', async () => {
    await replica.stop();
    const before = await replicaReadCount('fallback');
    const result = await t.run(BY_CODE, { code: archive.code }, reader());
    expect(codes(result)).toEqual([]);
    expect(result.data!.subject.name).toBe(await primaryName());
    expect(await replicaReadCount('fallback')).toBeGreaterThan(before);
  });
});
