import type { Migration } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations';
import { schemasFor, schemasNamed, scopedMigrations, type HubPart } from '../../src/db/migration-scope';

/** Every statement a chain would run, in order, per migration (the migrations only add SQL in up()). */
async function statements(list = migrationsList): Promise<string[][]> {
  const out: string[][] = [];
  for (const { class: Class } of list) {
    const migration = new (Class as unknown as new (...args: unknown[]) => Migration)(undefined, undefined);
    await migration.up();
    out.push(migration.getQueries().map(String));
  }
  return out;
}

const OTHERS: Record<string, RegExp> = {
  subjects: /"?(records|archives|access)"?\./,
  records: /"?(subjects|archives|access)"?\./,
  archives: /"?(subjects|records|access)"?\./,
  gateway: /"?(subjects|records|archives)"?\./,
};

describe('migrations scoped to the schemas a database holds (docs/deployment.md, "Database per subgraph")', () => {
  it('names the schemas a statement touches, quoted or not', () => {
    expect(schemasNamed('create schema if not exists "records";')).toEqual(new Set(['records']));
    expect(schemasNamed('alter table "archives"."archive_entry" add column x int')).toEqual(new Set(['archives']));
    expect(schemasNamed('grant usage on schema audit to credit_hub_app;')).toEqual(new Set(['audit']));
    expect(schemasNamed('select * from subjects.subject s join records.credit_record r on true')).toEqual(
      new Set(['subjects', 'records']),
    );
    expect(schemasNamed('alter default privileges grant usage on schemas to credit_hub_app;').size).toBe(0);
    expect(schemasNamed('create extension if not exists pg_trgm;').size).toBe(0);
  });

  it('with one database (every part) the chain is exactly the unscoped one', async () => {
    expect(scopedMigrations(migrationsList, undefined)).toBe(migrationsList);
  });

  it.each(['subjects', 'records', 'archives', 'gateway'] as HubPart[])(
    "the %s database runs every migration but no statement of another part's schema",
    async (part) => {
      const scoped = scopedMigrations(migrationsList, schemasFor([part]));
      expect(scoped.map((m) => m.name)).toEqual(migrationsList.map((m) => m.name));
      const ran = (await statements(scoped)).flat();
      expect(ran.filter((sql) => OTHERS[part].test(sql))).toEqual([]);
      // The shared infrastructure is there: the access log, its role grants.
      expect(ran.some((sql) => sql.includes('create table "audit"."access_log"'))).toBe(true);
      expect(ran.some((sql) => sql.includes('create role credit_hub_app'))).toBe(true);
    },
  );

  it('the four databases together run every statement of the chain: nothing is lost by the split', async () => {
    const full = await statements();
    const parts: HubPart[] = ['subjects', 'records', 'archives', 'gateway'];
    const perDatabase = await Promise.all(
      parts.map((part) => statements(scopedMigrations(migrationsList, schemasFor([part])))),
    );
    full.forEach((queries, index) => {
      const union = new Set(perDatabase.flatMap((database) => database[index]));
      expect(queries.filter((sql) => !union.has(sql))).toEqual([]);
    });
  });
});
