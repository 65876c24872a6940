import type { Knex } from 'knex';
import { bulkArchiveEntries } from '../../src/seed/bulk/archive-entries';
import { bulkSeed } from '../../src/seed/bulk';
import { clientOperation } from '../helpers/client-operations';
import { as, Role, startTestHub, type TestHub } from '../helpers/test-hub';

/** Tables that grow with the country: none may be read whole by a hot finder. */
const BIG =
  /^(subjects\.subject|records\.(credit_record|listing|listing_record|record_responsible|early_warning)|archives\.archive_entry|audit\.access_log.*)$/;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  Plans?: PlanNode[];
}

/** Every scan of the plan tree, as `Node Type schema.relation`. */
function scans(node: PlanNode): string[] {
  const own = node['Relation Name'] ? [`${node['Node Type']} ${node.Schema}.${node['Relation Name']}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scans)];
}

/**
 * EXPLAIN of every statement the hot operations send (blacklistCheck's listings look-up,
 * creditStatus' records, the record page by subject, the archive read's entries, naming records
 * and access-log append, the warning list) on generated data: 200k records over 60k subjects
 * with the bulk seed's distributions, 100k file entries and 200k access-log entries, ANALYZEd.
 * No sequential scan of a big table. (docs/deployment.md "Sizing"; the benchmark's curve
 * measures the same finders at 1M subjects.)
 */
describe('plans of the hot finders at scale', () => {
  let t: TestHub;
  let knex: Knex;
  const sent: { sql: string; bindings: unknown[] }[] = [];
  beforeAll(async () => {
    t = await startTestHub({ as: 'owner' });
    await bulkSeed(t.services, { subjects: 60_000, records: 200_000, seed: 19 });
    await bulkArchiveEntries(t.services, { entries: 100_000, seed: 19 });
    await t.sql(`INSERT INTO audit.access_log (chain, seq, prev_hash, hash, occurred_at, request_id, actor_sub, actor_role,
        subject_keys, resource, fields, operation, outcome)
      SELECT g % 16, 1000000 + g, '', '', now(), 'r', 'sub', 'ORG_DEPT', ARRAY[s.code_key], 'ARCHIVE', ARRAY['entries'],
        'ReadFile', 'GRANTED'
      FROM generate_series(1, 200000) g JOIN subjects.subject s ON s.id = 1 + g % 60000`);
    await t.sql('ANALYZE');
    knex = t.services.orm.em.getConnection().getKnex();
    knex.on('query', (query: { sql: string; bindings?: unknown[] }) =>
      sent.push({ sql: query.sql, bindings: query.bindings ?? [] }),
    );
  }, 120_000);
  afterAll(() => t.close());

  const explain = async (sql: string, bindings: unknown[]): Promise<string[]> => {
    const result = (await knex.raw(`EXPLAIN (FORMAT JSON) ${sql}`, bindings as Knex.RawBinding[])) as {
      rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[];
    };
    return scans(result.rows[0]['QUERY PLAN'][0].Plan);
  };

  /** Runs the operation, then EXPLAINs what it sent; returns the scans and the statements. */
  const plans = async (query: string, variables: Record<string, unknown>, viewer: ReturnType<typeof as>) => {
    sent.length = 0;
    const result = await t.run(query, variables, viewer);
    expect(result.errors).toBeUndefined();
    const statements = sent.splice(0).filter((s) => /^\s*(select|with|insert|update)\b/i.test(s.sql));
    const all: string[] = [];
    for (const s of statements) all.push(...(await explain(s.sql, s.bindings)));
    return { scans: all, statements };
  };
  const seqScansOfBigTables = (all: string[]) =>
    all.filter((scan) => scan.startsWith('Seq Scan ') && BIG.test(scan.slice('Seq Scan '.length)));

  it('blacklistCheck of 200 codes: listings and subjects by index', async () => {
    const rows: { code: string }[] = await t.sql(
      `SELECT code_display AS code FROM subjects.subject WHERE kind NOT IN ('PERSON', 'PUBLIC_SERVANT')
       ORDER BY id DESC LIMIT 200`,
    );
    const tendering = as(Role.TENDERING, { region: '320900', org: t.demo.tradingCenter.code });
    const { scans: all } = await plans(
      clientOperation('tendering/BidderBlacklistCheck'),
      { codes: rows.map((r) => r.code) },
      tendering,
    );
    expect(all.some((scan) => scan.includes('records.listing'))).toBe(true);
    expect(seqScansOfBigTables(all)).toEqual([]);
  });

  it.each([
    ['creditStatus', 'procurement/BuyerCreditStatus'],
    ['the record page by subject', 'procurement/BuyerRecords'],
  ])('%s: records by index', async (_name, operation) => {
    const procurement = as(Role.PROCUREMENT, { region: '320900', org: t.demo.finance.code });
    const { scans: all } = await plans(clientOperation(operation), { code: t.demo.housing.code }, procurement);
    expect(all.some((scan) => scan.includes('records.credit_record'))).toBe(true);
    expect(seqScansOfBigTables(all)).toEqual([]);
  });

  it('the archive read: entries, records naming the person, the access-log append', async () => {
    const cadre = t.demo.sanctionedCadre.code;
    const [{ id }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
      `${cadre.slice(0, 6)}********${cadre.slice(14)}`,
    ]);
    const orgDept = as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code });
    const { scans: all, statements } = await plans(
      clientOperation('org-dept/ReadFile'),
      { id, purpose: '干部提拔考察' },
      orgDept,
    );
    expect(statements.some((s) => /insert into audit\.access_log/i.test(s.sql))).toBe(true);
    expect(all.some((scan) => scan.includes('archives.archive_entry'))).toBe(true);
    expect(seqScansOfBigTables(all)).toEqual([]);
  });

  it('the warning list of a credit office', async () => {
    const office = as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code });
    const { scans: all } = await plans('{ warnings(first: 50) { id kind } }', {}, office);
    expect(all.some((scan) => scan.includes('records.early_warning'))).toBe(true);
    expect(seqScansOfBigTables(all)).toEqual([]);
  });
});
