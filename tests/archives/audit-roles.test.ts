import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/common/logger';
import { runtimeRoleProblems } from '../../src/db/roles';
import { databaseReadiness } from '../../src/gateway/hub';
import { openRuntime } from '../../src/runtime';
import { TEST_AUDIT_ENV } from '../helpers/audit-keys';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * The hub's own PostgreSQL role: what it may not do to the log or the schema
 * (SQLSTATE 42501 = insufficient privilege).
 */
describe('least-privileged database role', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ demo: false });
  });
  afterAll(() => t.close());

  const sqlState = async (text: string) => {
    try {
      await t.appSql(text);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  it.each([
    ['UPDATE the log', `UPDATE audit.access_log SET purpose = 'x'`],
    ['DELETE from the log', 'DELETE FROM audit.access_log'],
    ['TRUNCATE the log', 'TRUNCATE audit.access_log'],
    ['disable the append-only trigger', 'ALTER TABLE audit.access_log DISABLE TRIGGER access_log_append_only'],
    ['drop the trigger', 'DROP TRIGGER access_log_append_only ON audit.access_log'],
    ['move the legacy boundary of a chain', 'UPDATE audit.chain_head SET legacy_seq = 99'],
    ['insert a chain head', `INSERT INTO audit.chain_head (chain, seq, last_hash) VALUES (99, 0, 'x')`],
    ['create a table in a hub schema', 'CREATE TABLE records.evil (id int)'],
    ['create a table in public', 'CREATE TABLE public.evil (id int)'],
    ['create a schema', 'CREATE SCHEMA evil'],
    ['drop a table', 'DROP TABLE records.credit_record'],
    ['alter a table', 'ALTER TABLE subjects.subject ADD COLUMN evil text'],
    ['truncate a hub table', 'TRUNCATE records.credit_record CASCADE'],
  ])('may not %s', async (_name, text) => {
    expect(await sqlState(text)).toBe('42501');
  });

  it('reads and appends to the log, moves chain heads and does ordinary DML elsewhere', async () => {
    await expect(t.appSql('SELECT count(*) FROM audit.access_log')).resolves.toHaveLength(1);
    await expect(t.appSql('UPDATE audit.chain_head SET seq = seq WHERE chain = 0')).resolves.toBeDefined();
    await expect(t.appSql(`UPDATE records.credit_record SET title = title WHERE id = 0`)).resolves.toBeDefined();
  });

  it('may read, not write, the migrations table: readiness knows whether migrations are pending', async () => {
    expect(await databaseReadiness(t.services)).toEqual({
      ready: true,
      detail: 'database reachable, migrations current',
    });
    expect(await sqlState('DELETE FROM public.mikro_orm_migrations')).toBe('42501');
  });

  it('gets ordinary DML on tables later migrations create, through default privileges', async () => {
    await t.sql('CREATE TABLE records.created_later (id bigserial PRIMARY KEY, v text)');
    try {
      await t.appSql(`INSERT INTO records.created_later (v) VALUES ('a')`);
      await t.appSql(`UPDATE records.created_later SET v = 'b'`);
      expect(await t.appSql('SELECT v FROM records.created_later')).toEqual([{ v: 'b' }]);
      await t.appSql('DELETE FROM records.created_later');
      expect(await sqlState('DROP TABLE records.created_later')).toBe('42501');
    } finally {
      await t.sql('DROP TABLE records.created_later');
    }
  });

  it('the start-up check tells the hub role from one that could rewrite the log', async () => {
    expect(await runtimeRoleProblems(t.services.orm.em.fork())).toEqual([]);
    const owner = await t.runtime.ownerOrm();
    expect(await runtimeRoleProblems(owner.em.fork())).toEqual([expect.stringMatching(/superuser/)]);
  });

  it('in production, the hub refuses to run as a role that could rewrite the log', async () => {
    const config = loadConfig({
      ...process.env,
      ...TEST_AUDIT_ENV,
      NODE_ENV: 'production',
      JWT_SECRET: 'j',
      PII_SECRET: 'p',
      GATEWAY_SECRET: 'g',
      DATABASE_URL: process.env.MIGRATION_DATABASE_URL,
    });
    await expect(openRuntime(config, { logger: createLogger('silent'), migrate: false })).rejects.toThrow(
      /not least-privileged/,
    );
  });
});
