import { Client } from 'pg';
import { CopyStream, frozen } from '../../src/seed/bulk/copy';
import { truncateForFreeze } from '../../src/seed/bulk/load-sql';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/** truncateForFreeze: COPY WITH (FREEZE) only into tables that, with everything referencing them, are empty. */
describe('bulk load into empty tables (COPY FREEZE)', () => {
  let t: TestHub;
  let client: Client;
  beforeAll(async () => {
    t = await startTestHub({ as: 'owner' });
    client = new Client({ connectionString: t.services.orm.config.get('clientUrl') });
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS freeze_test`);
    await client.query(`CREATE TABLE freeze_test.parent (id int PRIMARY KEY, name text)`);
    await client.query(
      `CREATE TABLE freeze_test.child (id int PRIMARY KEY, parent_id int REFERENCES freeze_test.parent)`,
    );
    await client.query(
      `CREATE TABLE freeze_test.grandchild (id int PRIMARY KEY, child_id int REFERENCES freeze_test.child)`,
    );
  });
  afterAll(async () => {
    await client.query('DROP SCHEMA freeze_test CASCADE');
    await client.end();
    await t.close();
  });

  /** The seed's own COPY stream, WITH (FREEZE); resolves to the rows written. */
  const copyFrozen = async (): Promise<number> => {
    const copy = new CopyStream(client, frozen('COPY freeze_test.parent (id, name) FROM STDIN', true));
    await copy.write('1\tone\n2\ttwo\n');
    return copy.end();
  };

  it('truncates the empty tables with what reaches them, after which COPY FREEZE is allowed', async () => {
    await client.query('BEGIN');
    try {
      expect(await truncateForFreeze(client, ['freeze_test.parent'])).toBe(true);
      expect(await copyFrozen()).toBe(2);
      await client.query('COMMIT');
    } finally {
      await client.query('ROLLBACK');
    }
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM freeze_test.parent`);
    expect(rows[0].n).toBe(2);
    await client.query(`DELETE FROM freeze_test.parent`);
  });

  it('refuses, and removes nothing, when a table that references them holds a row', async () => {
    await client.query(`INSERT INTO freeze_test.grandchild (id, child_id) VALUES (1, NULL)`);
    await client.query('BEGIN');
    try {
      expect(await truncateForFreeze(client, ['freeze_test.parent'])).toBe(false);
      // Not truncated in this transaction: PostgreSQL refuses FREEZE (object_not_in_prerequisite_state).
      await expect(copyFrozen()).rejects.toMatchObject({ code: '55000' });
    } finally {
      await client.query('ROLLBACK');
    }
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM freeze_test.grandchild`);
    expect(rows[0].n).toBe(1);
    await client.query(`DELETE FROM freeze_test.grandchild`);
  });
});
