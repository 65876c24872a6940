import type { Knex } from 'knex';
import { bigTables, captureStatements, explainScans, GROWING_TABLES, seqScansOfGrowing } from '../../src/db/plan-scans';
import { bulkArchiveEntries } from '../../src/seed/bulk/archive-entries';
import { bulkSeed } from '../../src/seed/bulk';
import { clientOperation } from '../helpers/client-operations';
import { as, Role, startTestHub, type TestHub } from '../helpers/test-hub';

const WARNINGS = '{ warnings(first: 50) { id kind } }';

/**
 * EXPLAIN of every statement the hot operations send (blacklistCheck's listings look-up,
 * creditStatus' records, the record page by subject, the archive read's entries, naming records
 * and access-log append, the warning list) on generated data: 60k records over 20k subjects
 * with the bulk seed's distributions, 30k file entries, 50k listings, 40k joint measures and commitments, 50k
 * warnings and 60k
 * access-log entries, ANALYZEd (about a minute).
 * No sequential scan of a big table. (docs/deployment.md "Sizing"; the benchmark's curve
 * measures the same finders at 1M subjects.)
 */
describe('plans of the hot finders at scale', () => {
  let t: TestHub;
  const office = () => as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code });
  let knex: Knex;
  let big: Set<string>;
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
    // Joint measures and commitments grow with the lists and the registry: 40k of each over the seeded subjects.
    // Commitments over the years: most fulfilled, a tenth breached, pending ones not yet due but for 1 in 200.
    await t.sql(`INSERT INTO records.joint_measure (basis_type, basis_id, subject_key, subject_region, kind,
        implementing_unit_code, state, initiated_by, initiator_role, response_due_on)
      SELECT 'LISTING', l.id, l.subject_key, l.subject_region, 'PROJECT_RESTRICTION', '11320900MB0000000X', 'ACCEPTED',
        'bulk', 'CREDIT_OFFICE', current_date + 30
      FROM records.listing l ORDER BY l.id DESC LIMIT 40000`);
    await t.sql(`INSERT INTO records.commitment (subject_key, subject_region, kind, title, content, due_on, disclosure,
        state, registered_by, registered_role)
      SELECT s.code_key, s.region_code, 'SERVICE', '服务承诺', '按期办结', current_date + 200 - g % 800, 'PUBLIC',
        CASE WHEN g % 10 = 0 THEN 'BREACHED' WHEN g % 800 < 200 OR g % 200 = 1 THEN 'PENDING' ELSE 'FULFILLED' END,
        'bulk', 'CREDIT_OFFICE'
      FROM generate_series(1, 40000) g JOIN subjects.subject s ON s.id = 1 + g % 20000`);
    await t.sql('ANALYZE');
    knex = t.services.orm.em.getConnection().getKnex();
    big = await bigTables(knex, 10_000);
  }, 300_000);
  afterAll(() => t.close());

  /** Runs the operation, then EXPLAINs what it sent; returns the scans and the statements. */
  const plans = async (query: string, variables: Record<string, unknown>, viewer: ReturnType<typeof as>) => {
    const { result, statements } = await captureStatements(knex, () => t.run(query, variables, viewer));
    expect(result.errors).toBeUndefined();
    const all: string[] = [];
    for (const s of statements) all.push(...(await explainScans(knex, s.sql, s.bindings)));
    return { scans: all, statements };
  };
  const seqScansOfBigTables = (all: string[]) => {
    // Each table that grows with the country is big here: a small one (a few pages) is rightly read whole.
    expect([...big].filter((name) => GROWING_TABLES.test(name)).length).toBeGreaterThanOrEqual(6);
    return seqScansOfGrowing(all, big);
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

  it('creditReview of 200 codes: listings, records, measures and commitments by index', async () => {
    const rows: { code: string }[] = await t.sql(
      `SELECT code_display AS code FROM subjects.subject WHERE kind NOT IN ('PERSON', 'PUBLIC_SERVANT')
       ORDER BY id DESC LIMIT 200`,
    );
    const procurement = as(Role.PROCUREMENT, { region: '320900', org: t.demo.finance.code });
    const { scans: all } = await plans(
      clientOperation('procurement/SupplierCreditReview'),
      { codes: rows.map((r) => r.code) },
      procurement,
    );
    expect(all.some((scan) => scan.includes('records.joint_measure'))).toBe(true);
    expect(all.some((scan) => scan.includes('records.commitment'))).toBe(true);
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
