import type { EntityManager } from '@mikro-orm/postgresql';
import { appendEntries } from '../../src/audit/chain-append';
import { listPartitions } from '../../src/audit/partitions';
import { verifyAccessLog } from '../../src/audit/verify';
import { loadAuditSettings } from '../../src/config/audit';
import { openOrm, type Orm } from '../../src/db/orm';
import { allEntities } from '../../src/gateway/subgraphs';
import { TEST_AUDIT_ENV } from '../helpers/audit-keys';
import { fileReadDraft } from '../helpers/audit-entries';

const BEFORE = 'Migration20261201210100';

/**
 * Migration20261202000700 on a log that already has entries: every row moves into its month's
 * partition with its id, hash and place in its chain, and the chains still verify; down moves
 * them back. On a database of its own, so no other test file sees the log unpartitioned.
 */
describe('partitioning an access log that has entries', () => {
  const database = `credit_hub_partition_${process.pid}`;
  const adminUrl = process.env.MIGRATION_DATABASE_URL!;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const settings = loadAuditSettings({ ...TEST_AUDIT_ENV, AUDIT_CHECKPOINT_DIR: '/nonexistent' }, []);
  let admin: Orm;
  let orm: Orm;
  beforeAll(async () => {
    admin = await openOrm(adminUrl, allEntities());
    await admin.em.getConnection().execute(`CREATE DATABASE ${database}`);
    orm = await openOrm(url, allEntities());
  });
  afterAll(async () => {
    await orm?.close(true);
    await admin.em.getConnection().execute(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.close(true);
  });

  const em = () => orm.em.fork() as EntityManager;
  const entries = () =>
    em().execute('SELECT id::text, chain, seq::text, hash, occurred_at FROM audit.access_log l ORDER BY l.id');
  const write = async (at: string, n: number) => {
    for (let i = 0; i < n; i += 1) {
      await appendEntries(em(), settings.hmacKeys[0], [fileReadDraft(i, `req-${at}-${i}`, new Date(at))]);
    }
  };

  it('moves every entry unchanged into its month, keeps the id sequence, and moves them back on down', async () => {
    await orm.getMigrator().up({ to: BEFORE });
    await write('2025-11-30T23:59:59.999999Z', 10);
    await write('2025-12-01T00:00:00.000001Z', 10);
    await write(new Date().toISOString(), 5);
    const before = await entries();
    expect((await verifyAccessLog(em(), settings)).ok).toBe(true);

    await orm.getMigrator().up();
    expect(await entries()).toEqual(before);
    const months = (await listPartitions(em())).map((p) => p.month);
    expect(months).toEqual(expect.arrayContaining(['2025-11', '2025-12']));
    const [nov] = await em().execute('SELECT count(*)::int AS n FROM audit.access_log_2025_11');
    expect(nov.n).toBe(10);
    expect(await verifyAccessLog(em(), settings)).toMatchObject({ ok: true, entries: 25 });
    await write(new Date().toISOString(), 1);
    const [newest] = await em().execute('SELECT max(id)::bigint AS id FROM audit.access_log');
    expect(BigInt(newest.id)).toBe(BigInt(before[before.length - 1].id) + 1n);

    await orm.getMigrator().down({ to: BEFORE });
    const [kind] = await em().execute(`SELECT relkind::text FROM pg_class WHERE oid = 'audit.access_log'::regclass`);
    expect(kind.relkind).toBe('r');
    expect(await verifyAccessLog(em(), settings)).toMatchObject({ ok: true, entries: 26 });
  });
});
