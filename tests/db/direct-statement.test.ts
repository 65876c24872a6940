import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { describeDatabaseError } from '../../src/db/error-report';
import { countStatements } from '../../src/db/sql-statements';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * Statements outside a transaction go straight to a pooled pg client, string parameters bound and frequent texts
 * prepared (src/db/direct-statement.ts, bound-statement.ts): every answer must be the one MikroORM's own path gives
 * (the same statement inside a transaction, which keeps knex and the inlined text), and every statement counted.
 */
describe('direct statements', () => {
  let t: TestHub;
  const table = `public.direct_statement_${process.pid}`;
  beforeAll(async () => {
    t = await startTestHub({ demo: false, as: 'owner' });
    await t.sql(`CREATE TABLE ${table} (id int PRIMARY KEY, label text, day date)`);
    await t.sql(`INSERT INTO ${table} VALUES (1, 'one', '2026-01-02'), (2, 'it''s \\ two', NULL)`);
  });
  afterAll(async () => {
    await t.sql(`DROP TABLE IF EXISTS ${table}`);
    await t.close();
  });

  const em = () => t.services.orm.em.fork() as EntityManager;
  /** The answer of MikroORM's own path (knex, parameters inlined), inside a transaction. */
  const reference = (sql: string, params: unknown[], method: 'all' | 'get' | 'run' = 'all') =>
    em().transactional((tx) => tx.execute(sql, params, method));

  it.each([
    [
      'string parameters in conditions',
      `SELECT id, label, day FROM {T} WHERE label = ? OR day <= ?::date`,
      ["it's \\ two", '2026-02-01'],
    ],
    ['a parameter only its context types', `SELECT id FROM {T} WHERE label LIKE ? ORDER BY id`, ['%o%']],
    ['strings and numbers mixed', `SELECT id, ? AS n FROM {T} WHERE id = ? AND label <> ?`, [7, 1, 'x']],
    ['a string in the select list', `SELECT ? AS s`, ['plain']],
    ['a string whose type only IS NULL would give', `SELECT id FROM {T} WHERE ? IS NULL ORDER BY id`, ['x']],
    ['an array literal', `SELECT id FROM {T} WHERE label = ANY(?::text[]) ORDER BY id`, ['{"one","two"}']],
  ])('%s: the same rows as MikroORM’s path, three times over', async (_, sql, params) => {
    const text = sql.replaceAll('{T}', table);
    const expected = await reference(text, params);
    for (let i = 0; i < 3; i++) expect(await em().execute(text, params)).toEqual(expected);
  });

  it('`get` and `run` shape the result as MikroORM does', async () => {
    const one = `SELECT label FROM ${table} WHERE id = ?`;
    expect(await em().execute(one, [1], 'get')).toEqual(await reference(one, [1], 'get'));
    const update = `UPDATE ${table} SET label = label WHERE label <> ?`;
    expect(await em().execute(update, ['none'], 'run')).toEqual(await reference(update, ['none'], 'run'));
  });

  it('counts each statement once, with its parameters inlined in the counted text', async () => {
    const { count, statements } = await countStatements(
      () => em().execute(`SELECT id FROM ${table} WHERE label = ?`, ['one']),
      true,
    );
    expect(count).toBe(1);
    expect(statements[0]).toContain(`label = 'one'`);
  });

  it('a prepared text still answers after its table changes shape', async () => {
    const all = `SELECT t.* FROM ${table} t WHERE t.label = ?`;
    for (let i = 0; i < 25; i++) await em().execute(all, ['one']);
    await t.sql(`ALTER TABLE ${table} ADD COLUMN extra text DEFAULT 'e'`);
    try {
      for (let i = 0; i < 25; i++)
        expect(await em().execute(all, ['one'])).toEqual([expect.objectContaining({ extra: 'e' })]);
    } finally {
      await t.sql(`ALTER TABLE ${table} DROP COLUMN extra`);
    }
  });

  it('errors are MikroORM’s, worded as knex words them (the error report reads the statement from them)', async () => {
    const error = await em()
      .execute(`INSERT INTO ${table} (id, label) VALUES (1, ?)`, ['again'])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UniqueConstraintViolationException);
    const knexs = await reference(`INSERT INTO ${table} (id, label) VALUES (1, ?)`, ['again']).catch(
      (caught: Error) => caught,
    );
    expect((error as Error).message).toBe((knexs as Error).message);
    const report = describeDatabaseError(error as UniqueConstraintViolationException);
    expect(report.statement).toMatch(/^INSERT INTO \S+ \(id, label\) VALUES \(\?, \?\)/);
    expect(report.statement).not.toContain('again');
  });
});
