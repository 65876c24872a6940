import type { Knex } from 'knex';
import { bulkArchiveEntries } from '../../src/seed/bulk/archive-entries';
import { bulkSeed } from '../../src/seed/bulk';
import { clientOperation } from '../helpers/client-operations';
import { as, Role, startTestHub, type TestHub } from '../helpers/test-hub';

const WARNINGS = '{ warnings(first: 50) { id kind } }';

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
 * and access-log append, the warning list) on generated data: 60k records over 20k subjects
 * with the bulk seed's distributions, 30k file entries, 50k listings, 50k warnings and 60k
 * access-log entries, ANALYZEd (about a minute).
 * No sequential scan of a big table. (docs/deployment.md "Sizing"; the benchmark's curve
 * measures the same finders at 1M subjects.)
 */
describe('plans of the hot finders at scale', () => {
  let t: TestHub;
  const office = () => as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code });
  let knex: Knex;
  let big: Set<string>;
  const sent: { sql: string; bindings: unknown[] }[] = [];
  beforeAll(async () => {
    t = await startTestHub({ as: 'owner' });
    await bulkSeed(t.services, { subjects: 20_000, records: 60_000, seed: 19 });
    await bulkArchiveEntries(t.services, { entries: 30_000, seed: 19 });
    await t.sql(`INSERT INTO audit.access_log (chain, seq, prev_hash, hash, occurred_at, request_id, actor_sub, actor_role,
        subject_keys, resource, fields, operation, outcome)
      SELECT g % 16, 1000000 + g, '', '', now(), 'r', 'sub', 'ORG_DEPT', ARRAY[s.code_key], 'ARCHIVE', ARRAY['entries'],
        'ReadFile', 'GRANTED'
      FROM generate_series(1, 60000) g JOIN subjects.subject s ON s.id = 1 + g % 20000`);
    // Warnings: the demo's, raised by a first listing, copied over the seeded subjects' regions.
    await t.run(WARNINGS, {}, office());
    await t.sql(`INSERT INTO records.early_warning (kind, rule, dedupe_key, message, subject_key, subject_region, period,
        record_ids, source_ref, config_version)
      SELECT w.kind, w.rule, w.dedupe_key || ':bulk:' || g, w.message, s.code_key, s.region_code, w.period, w.record_ids,
        w.source_ref, w.config_version
      FROM (SELECT * FROM records.early_warning ORDER BY id LIMIT 1) w, generate_series(1, 50000) g
      JOIN subjects.subject s ON s.id = 1 + g % 20000`);
    // Listings: national lists hold millions; copy the seeded ones over the subjects up to 50k.
    await t.sql(`INSERT INTO records.listing (subject_key, subject_region, list_type, reason, legal_basis, authority_code,
        listed_by, starts_on, ends_on)
      SELECT s.code_key, s.region_code, l.list_type, l.reason, l.legal_basis, l.authority_code, l.listed_by, l.starts_on,
        l.ends_on
      FROM (SELECT * FROM records.listing ORDER BY id LIMIT 1) l, generate_series(1, 50000) g
      JOIN subjects.subject s ON s.id = 1 + g % 20000`);
    await t.sql('ANALYZE');
    big = new Set(
      (
        await t.sql(`SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'r' AND c.reltuples >= 10000`)
      ).map((row: { name: string }) => row.name),
    );
    knex = t.services.orm.em.getConnection().getKnex();
    knex.on('query', (query: { sql: string; bindings?: unknown[] }) =>
      sent.push({ sql: query.sql, bindings: query.bindings ?? [] }),
    );
  }, 300_000);
  afterAll(() => t.close());

  const explain = async (sql: string, bindings: unknown[]): Promise<string[]> => {
    const result = (await knex.raw(`EXPLAIN (FORMAT JSON, VERBOSE) ${sql}`, bindings as Knex.RawBinding[])) as {
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
  const seqScansOfBigTables = (all: string[]) => {
    const seq = all.filter((scan) => scan.startsWith('Seq Scan ')).map((scan) => scan.slice('Seq Scan '.length));
    // Each table that grows with the country is big here: a small one (a few pages) is rightly read whole.
    expect([...big].filter((name) => BIG.test(name)).length).toBeGreaterThanOrEqual(6);
    return seq.filter((name) => BIG.test(name) && big.has(name));
  };

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
    const { scans: all } = await plans(WARNINGS, {}, office());
    expect(all.some((scan) => scan.includes('records.early_warning'))).toBe(true);
    expect(seqScansOfBigTables(all)).toEqual([]);
  });
});
