import { ConfigError, loadConfig } from '../../../src/config';
import { describeConfig } from '../../../src/config/describe';
import { auditFoldersFor, databasePlan, logKeeper, placeProcess } from '../../../src/db/database-plan';

const HUB = 'postgres://credit_hub_app:x@db-a:5432/credit_hub';
const OWNER = 'postgres://owner:y@db-a:5432/credit_hub';
const RECORDS = 'postgres://credit_hub_app:x@db-b:5432/records';
const config = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'development', ...env });

describe('a database per subgraph (SUBJECTS_/RECORDS_/ARCHIVES_DATABASE_URL)', () => {
  it('falls back to DATABASE_URL and MIGRATION_DATABASE_URL: one database, nothing left out', () => {
    const one = config({ DATABASE_URL: HUB, MIGRATION_DATABASE_URL: OWNER });
    expect(one.databases.records).toEqual({ url: HUB, ownerUrl: OWNER, own: false });
    const plan = databasePlan(one);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ url: HUB, ownerUrl: OWNER, parts: ['gateway', 'subjects', 'records', 'archives'] });
    expect(plan[0].hosted).toBeUndefined();
    expect(placeProcess(one)).toEqual(plan[0]);
    expect(auditFoldersFor(one, plan[0])).toBe(one);
  });

  it('the embedded default has no plan (one cluster the hub starts itself)', () => {
    expect(databasePlan(config({}))).toEqual([]);
    expect(placeProcess(config({}), 'records')).toBeUndefined();
    expect(logKeeper(undefined)).toBe('archives');
  });

  it('another role on the same database is the same database', () => {
    const sameDb = config({ DATABASE_URL: HUB, RECORDS_DATABASE_URL: 'postgres://split_records:z@db-a/credit_hub' });
    expect(databasePlan(sameDb)).toHaveLength(1);
  });

  it('separate databases: each holds its schemas, the single process is refused, the log keeper is named', () => {
    const split = config({ DATABASE_URL: HUB, MIGRATION_DATABASE_URL: OWNER, RECORDS_DATABASE_URL: RECORDS });
    const plan = databasePlan(split);
    expect(plan.map((d) => d.parts)).toEqual([['gateway', 'subjects', 'archives'], ['records']]);
    expect([...plan[1].hosted!].sort()).toEqual(['audit', 'public', 'records']);
    // The records database's owner is not MIGRATION_DATABASE_URL (another server): none unless given.
    expect(plan[1].ownerUrl).toBeUndefined();
    expect(() => placeProcess(split)).toThrow(/Database per subgraph/);
    expect(placeProcess(split, 'records')!.url).toBe(RECORDS);
    expect(logKeeper(plan[1])).toBe('records');
    expect(logKeeper(plan[0])).toBe('archives');
    expect(auditFoldersFor(split, plan[1]).audit.checkpointDir).toBe(`${split.audit.checkpointDir}/records`);
    // doctor prints the ones set, without their passwords.
    const described = Object.fromEntries(describeConfig(split));
    expect(described.RECORDS_DATABASE_URL).toBe('postgres://credit_hub_app:****@db-b:5432/records');
    expect(described).not.toHaveProperty('ARCHIVES_DATABASE_URL');
  });

  it('refuses a subgraph URL without DATABASE_URL, an owner URL without its URL, and a malformed URL', () => {
    expect(() => config({ RECORDS_DATABASE_URL: RECORDS })).toThrow(ConfigError);
    expect(() => config({ DATABASE_URL: HUB, RECORDS_MIGRATION_DATABASE_URL: RECORDS })).toThrow(
      /RECORDS_MIGRATION_DATABASE_URL needs RECORDS_DATABASE_URL/,
    );
    expect(() => databasePlan(config({ DATABASE_URL: HUB, ARCHIVES_DATABASE_URL: 'not a url' }))).toThrow(
      /ARCHIVES_DATABASE_URL must be/,
    );
  });
});
