import { addMonths, today } from '../../src/common/dates';
import { maskResidentId, validateResidentId, validateUscc } from '../../src/identity';
import { mayPush } from '../../src/subgraphs/records/findings/push-scope';
import { publicityWindow } from '../../src/subgraphs/records/policy/publicity';
import { contentHash } from '../../src/common/submission';
import { RecordCategory, RecordNature, Severity } from '../../src/subgraphs/records/enums';
import { SubjectKind, USCC_CATEGORIES_BY_KIND } from '../../src/common/subject-kind';
import {
  bulkSeed,
  BulkGenerator,
  bodySerial,
  serialOfBody,
  apportion,
  type BulkSeedSummary,
  type GeneratorOptions,
} from '../../src/seed/bulk';
import { recordContentHash } from '../../src/seed/bulk/content-hash';
import { ALL_TEMPLATES, BULK_SOURCES } from '../../src/seed/bulk/record-templates';
import { AliasTable, Prng } from '../../src/seed/bulk/prng';
import { PUBLIC_PRINCIPAL, startTestHub, type TestHub } from '../helpers/test-hub';

const SUBJECTS = 3000;
const RECORDS = 9000;

interface Counts {
  subjects: number;
  records: number;
  responsible: number;
  listings: number;
  listingRecords: number;
  maxSubjectId: number;
  maxRecordId: number;
  maxListingId: number;
}

describe('bulk seed', () => {
  let t: TestHub;
  let before: Counts;
  let after: Counts;
  let summary: BulkSeedSummary;
  const logged: string[] = [];

  const counts = async (): Promise<Counts> => {
    const [row] = await t.sql(`SELECT
      (SELECT count(*) FROM subjects.subject)::int AS subjects,
      (SELECT count(*) FROM records.credit_record)::int AS records,
      (SELECT count(*) FROM records.record_responsible)::int AS responsible,
      (SELECT count(*) FROM records.listing)::int AS listings,
      (SELECT count(*) FROM records.listing_record)::int AS "listingRecords",
      (SELECT coalesce(max(id), 0) FROM subjects.subject)::int AS "maxSubjectId",
      (SELECT coalesce(max(id), 0) FROM records.credit_record)::int AS "maxRecordId",
      (SELECT coalesce(max(id), 0) FROM records.listing)::int AS "maxListingId"`);
    return row;
  };

  beforeAll(async () => {
    t = await startTestHub({ as: 'owner' });
    before = await counts();
    summary = await bulkSeed(t.services, {
      subjects: SUBJECTS,
      records: RECORDS,
      seed: 42,
      batchSize: 700,
      log: (line) => logged.push(line),
    });
    after = await counts();
  }, 120_000);
  afterAll(() => t.close());

  /** Generated subjects: those added by the seed-42 run. */
  const generated = <T = any>(sql: string, params: unknown[] = []) =>
    t.sql<T>(
      sql.replaceAll(':first', String(before.maxSubjectId)).replaceAll(':last', String(after.maxSubjectId)),
      params,
    );

  it('adds exactly what was asked for, next to the demo data, and reports it', () => {
    expect(before.subjects).toBeGreaterThan(0);
    expect(after.subjects - before.subjects).toBe(SUBJECTS);
    expect(after.records - before.records).toBe(RECORDS);
    expect(summary).toMatchObject({ subjects: SUBJECTS, records: RECORDS });
    expect(after.listings - before.listings).toBe(summary.listings);
    expect(after.responsible - before.responsible).toBe(summary.responsible);
    expect(summary.responsible).toBeGreaterThan(0);
    expect(summary.listings).toBeGreaterThan(0);
    expect(summary.rowsPerSecond).toBeGreaterThan(0);
    expect(logged.at(-1)).toMatch(/3,000 subjects, 9,000 records.*rows\/s/);
  });

  it('has a realistic mix of kinds in a division-code hierarchy over several provinces', async () => {
    const kinds: { kind: string; n: number }[] = await generated(
      `SELECT kind, count(*)::int AS n FROM subjects.subject WHERE id > :first GROUP BY kind`,
    );
    const share = (kind: SubjectKind) => (kinds.find((k) => k.kind === kind)?.n ?? 0) / SUBJECTS;
    for (const kind of Object.values(SubjectKind)) expect(share(kind)).toBeGreaterThan(0);
    expect(share(SubjectKind.ENTERPRISE)).toBeGreaterThan(0.45);
    expect(share(SubjectKind.ENTERPRISE)).toBeLessThan(0.65);
    expect(share(SubjectKind.PUBLIC_SERVANT)).toBeCloseTo(0.3, 2);
    const [regions] = await generated(
      `SELECT count(DISTINCT left(region_code, 2))::int AS provinces, count(DISTINCT region_code)::int AS divisions FROM subjects.subject WHERE id > :first`,
    );
    expect(regions.provinces).toBeGreaterThanOrEqual(2);
    expect(regions.divisions).toBeGreaterThan(5);
    // Each government has 15-25 departments, one of them its organization department.
    const governments = await generated(`SELECT g.id, g.name, g.region_code,
        count(d.id) FILTER (WHERE d.kind = 'DEPARTMENT')::int AS departments,
        count(d.id) FILTER (WHERE d.kind = 'DEPARTMENT' AND d.name LIKE '%组织部')::int AS org_depts
      FROM subjects.subject g LEFT JOIN subjects.subject d ON d.parent_id = g.id
      WHERE g.id > :first AND g.kind = 'GOVERNMENT' GROUP BY g.id`);
    expect(governments.length).toBeGreaterThan(2);
    for (const g of governments) {
      expect(g.org_depts).toBe(1);
      expect(g.departments).toBeGreaterThanOrEqual(15);
      expect(g.departments).toBeLessThanOrEqual(25);
    }
  });

  it('gives every organization a valid USCC of a category that fits its kind', async () => {
    const orgs: {
      kind: keyof typeof USCC_CATEGORIES_BY_KIND;
      code_key: string;
      code_display: string;
      code_cipher: string | null;
      region_code: string;
    }[] = await generated(
      `SELECT kind, code_key, code_display, code_cipher, region_code FROM subjects.subject WHERE id > :first AND kind <> 'PUBLIC_SERVANT'`,
    );
    expect(orgs.length).toBeGreaterThan(1000);
    const problems = orgs.filter(
      (org) =>
        !validateUscc(org.code_display).valid ||
        org.code_key !== org.code_display ||
        org.code_cipher !== null ||
        !USCC_CATEGORIES_BY_KIND[org.kind].includes(org.code_display.slice(0, 2)) ||
        org.code_display.slice(2, 8) !== org.region_code ||
        // Found by the registry exactly as a client would send the code.
        t.services.keys.identify(org.code_display).keys.join() !== org.code_key,
    );
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('stores civil servants as the registry does: keyed hash, masked display, decryptable valid ID number', async () => {
    const people: { code_key: string; code_display: string; code_cipher: string; position: string }[] = await generated(
      `SELECT code_key, code_display, code_cipher, position FROM subjects.subject WHERE id > :first AND kind = 'PUBLIC_SERVANT'`,
    );
    expect(people.length).toBe(SUBJECTS * 0.3);
    const problems = people.filter((person) => {
      const code = t.services.keys.pii.decrypt(person.code_cipher);
      const birthYear = Number(code.slice(6, 10));
      return (
        !validateResidentId(code).valid ||
        birthYear < 1960 ||
        birthYear > 2000 ||
        person.code_key !== t.services.keys.pii.lookupKey(code) ||
        t.services.keys.identify(code).keys.join() !== person.code_key ||
        person.code_display !== maskResidentId(code) ||
        !person.position
      );
    });
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('links parents and managers that exist, of the right kinds', async () => {
    const [broken] = await generated(`SELECT
      count(*) FILTER (WHERE s.parent_id IS NOT NULL AND p.id IS NULL)::int AS missing_parent,
      count(*) FILTER (WHERE s.managed_by_id IS NOT NULL AND m.id IS NULL)::int AS missing_manager,
      count(*) FILTER (WHERE s.kind IN ('DEPARTMENT', 'INSTITUTION', 'TOWNSHIP') AND p.kind IS DISTINCT FROM 'GOVERNMENT')::int AS bad_unit_parent,
      count(*) FILTER (WHERE s.kind = 'COMMUNITY' AND p.kind IS DISTINCT FROM 'TOWNSHIP')::int AS bad_community_parent,
      count(*) FILTER (WHERE s.kind = 'GOVERNMENT' AND s.region_code NOT LIKE '%00' AND (p.kind IS DISTINCT FROM 'GOVERNMENT' OR left(p.region_code, 4) <> left(s.region_code, 4)))::int AS bad_county_parent,
      count(*) FILTER (WHERE s.kind = 'ENTERPRISE' AND (s.parent_id IS NOT NULL OR s.managed_by_id IS NOT NULL))::int AS bad_enterprise,
      count(*) FILTER (WHERE s.kind <> 'PUBLIC_SERVANT' AND (s.managed_by_id IS NOT NULL OR s.position IS NOT NULL))::int AS bad_org_fields,
      count(*) FILTER (WHERE s.kind IN ('DEPARTMENT', 'INSTITUTION', 'TOWNSHIP', 'COMMUNITY') AND p.region_code <> s.region_code)::int AS other_region
      FROM subjects.subject s
      LEFT JOIN subjects.subject p ON p.id = s.parent_id
      LEFT JOIN subjects.subject m ON m.id = s.managed_by_id
      WHERE s.id > :first`);
    expect(broken).toEqual({
      missing_parent: 0,
      missing_manager: 0,
      bad_unit_parent: 0,
      bad_community_parent: 0,
      bad_county_parent: 0,
      bad_enterprise: 0,
      bad_org_fields: 0,
      other_region: 0,
    });
  });

  it('has every civil servant work under a department or township and be managed by the organization department of that government', async () => {
    const [row] = await generated(`SELECT count(*)::int AS servants,
        count(*) FILTER (WHERE p.kind IN ('DEPARTMENT', 'TOWNSHIP') AND m.kind = 'DEPARTMENT' AND m.name LIKE '%组织部'
                           AND m.parent_id = p.parent_id AND g.kind = 'GOVERNMENT' AND s.region_code = g.region_code)::int AS well_placed,
        count(*) FILTER (WHERE p.kind = 'DEPARTMENT')::int AS in_departments
      FROM subjects.subject s
      JOIN subjects.subject p ON p.id = s.parent_id
      JOIN subjects.subject m ON m.id = s.managed_by_id
      JOIN subjects.subject g ON g.id = p.parent_id
      WHERE s.id > :first AND s.kind = 'PUBLIC_SERVANT'`);
    expect(row.servants).toBe(SUBJECTS * 0.3);
    expect(row.well_placed).toBe(row.servants);
    expect(row.in_departments / row.servants).toBeGreaterThan(0.8);
  });

  it('writes records about existing subjects, consistent with push scope, the policy and the submission hash', async () => {
    const records: any[] = await t.sql(
      `SELECT r.id::int, r.subject_key, r.subject_region, r.source_system, r.source_role, r.external_id, r.nature, r.category, r.domain,
        r.severity, r.title, r.details, r.legal_basis, r.document_no, to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, r.deciding_authority_code,
        r.disclosure, r.tolerated, to_char(r.public_until, 'YYYY-MM-DD') AS public_until, to_char(r.repairable_from, 'YYYY-MM-DD') AS repairable_from,
        r.policy_version, r.content_hash, r.status, r.version, s.kind AS subject_kind, s.region_code AS subject_region_code,
        coalesce((SELECT array_agg(p.person_key ORDER BY p.person_key) FROM records.record_responsible p WHERE p.record_id = r.id), '{}') AS responsible
      FROM records.credit_record r LEFT JOIN subjects.subject s ON s.code_key = r.subject_key
      WHERE r.id > ? ORDER BY r.id`,
      [before.maxRecordId],
    );
    expect(records).toHaveLength(RECORDS);
    const now = today();
    const earliest = addMonths(now, -61);
    const systems = new Set(Object.values(BULK_SOURCES).map((s) => s!.system));
    // One pass collecting problems (an expect() per field of 9,000 rows is slow).
    const problems: string[] = [];
    const check = (ok: boolean, r: { id: number }, what: string) => {
      if (!ok) problems.push(`record ${r.id}: ${what}`);
    };
    for (const r of records) {
      check(!!r.subject_kind, r, 'subject does not exist');
      check(r.subject_region === r.subject_region_code, r, 'subject_region differs from the subject');
      check(
        systems.has(r.source_system) &&
          BULK_SOURCES[r.source_role as keyof typeof BULK_SOURCES]?.system === r.source_system,
        r,
        'source system and role',
      );
      check(mayPush(r.source_role, r.category, r.domain), r, `${r.source_role} may not push ${r.category}/${r.domain}`);
      check(
        (r.category === RecordCategory.COMMENDATION) === (r.nature === RecordNature.HONOR),
        r,
        'COMMENDATION <=> HONOR',
      );
      check(r.nature !== RecordNature.HONOR || r.severity === Severity.GENERAL, r, 'serious honour');
      check(r.decided_at <= now && r.decided_at >= earliest, r, `decided_at ${r.decided_at}`);
      const window = publicityWindow(
        { nature: r.nature, severity: r.severity, category: r.category, decidedAt: r.decided_at },
        t.services.creditPolicy,
      );
      check(r.public_until === window.until && r.repairable_from === window.repairableFrom, r, 'publicity window');
      check(
        r.policy_version === t.services.creditPolicy.version && r.status === 'ACTIVE' && r.version === 1,
        r,
        'policy version, status, version',
      );
      check(!r.deciding_authority_code || validateUscc(r.deciding_authority_code).valid, r, 'deciding authority code');
      check(
        r.subject_kind !== SubjectKind.PUBLIC_SERVANT || r.disclosure !== 'PUBLIC',
        r,
        "a person's record is public",
      );
      const content = {
        subject_key: r.subject_key,
        external_id: r.external_id,
        nature: r.nature,
        category: r.category,
        domain: r.domain,
        severity: r.severity,
        title: r.title,
        details: r.details,
        legal_basis: r.legal_basis,
        document_no: r.document_no,
        decided_at: r.decided_at,
        deciding_authority_code: r.deciding_authority_code,
        disclosure: r.disclosure,
        tolerated: r.tolerated,
      };
      // Exactly what submitRecords would store: a re-push of the same finding is UNCHANGED.
      check(r.content_hash === contentHash({ ...content, responsible: r.responsible }), r, 'content hash');
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const kindsByCategory = (kind: SubjectKind) =>
      new Set(records.filter((r) => r.subject_kind === kind).map((r) => r.category));
    expect(
      [...kindsByCategory(SubjectKind.PUBLIC_SERVANT)].every((c) =>
        ['DISCIPLINARY_SANCTION', 'ACCOUNTABILITY', 'NON_PROSECUTION', 'COMMENDATION'].includes(c),
      ),
    ).toBe(true);
    expect(kindsByCategory(SubjectKind.ENTERPRISE).has('ADMINISTRATIVE_PENALTY')).toBe(true);
    expect(kindsByCategory(SubjectKind.GOVERNMENT).has('LITIGATION_LOST')).toBe(true);
    const share = (predicate: (r: any) => boolean) => records.filter(predicate).length / records.length;
    expect(share((r) => r.severity === 'SERIOUS')).toBeGreaterThan(0.06);
    expect(share((r) => r.severity === 'SERIOUS')).toBeLessThan(0.15);
    expect(share((r) => r.nature === 'HONOR')).toBeGreaterThan(0.02);
    expect(share((r) => r.nature === 'HONOR')).toBeLessThan(0.1);
    expect(share((r) => r.disclosure === 'PUBLIC')).toBeGreaterThan(0.6);
    expect(share((r) => r.disclosure === 'RESTRICTED')).toBeGreaterThan(0);
    expect(share((r) => r.disclosure === 'RESTRICTED')).toBeLessThan(0.1);
    expect(share((r) => r.tolerated)).toBeGreaterThan(0);
    expect(share((r) => r.tolerated)).toBeLessThan(0.05);
    // Publicity windows: a mix of records public today and records whose publicity has ended.
    expect(share((r) => r.public_until >= now)).toBeGreaterThan(0.15);
    expect(share((r) => r.public_until < now)).toBeGreaterThan(0.3);
  });

  it('names responsible civil servants of the same government on department records', async () => {
    const [row] = await t.sql(
      `SELECT count(*)::int AS named,
        count(*) FILTER (WHERE p.kind = 'PUBLIC_SERVANT' AND s.kind IN ('DEPARTMENT', 'GOVERNMENT')
          AND m.parent_id = coalesce(CASE WHEN s.kind = 'GOVERNMENT' THEN s.id END, s.parent_id))::int AS consistent
      FROM records.record_responsible rr
      JOIN records.credit_record r ON r.id = rr.record_id
      JOIN subjects.subject s ON s.code_key = r.subject_key
      JOIN subjects.subject p ON p.code_key = rr.person_key
      JOIN subjects.subject m ON m.id = p.managed_by_id
      WHERE r.id > ?`,
      [before.maxRecordId],
    );
    expect(row.named).toBe(summary.responsible);
    expect(row.consistent).toBe(row.named);
  });

  it('is skewed: most subjects are clean and a few carry many findings', async () => {
    const perSubject: { n: number }[] = await generated(`SELECT count(r.id)::int AS n FROM subjects.subject s
      LEFT JOIN records.credit_record r ON r.subject_key = s.code_key WHERE s.id > :first GROUP BY s.id ORDER BY n DESC`);
    expect(perSubject).toHaveLength(SUBJECTS);
    const clean = perSubject.filter((s) => s.n === 0).length;
    expect(clean / SUBJECTS).toBeGreaterThan(0.5);
    const top = perSubject.slice(0, SUBJECTS / 100).reduce((sum, s) => sum + s.n, 0);
    expect(top / RECORDS).toBeGreaterThan(0.2);
    expect(perSubject[0]!.n).toBeGreaterThan(50);
  });

  it('lists about 1 % of organizations with a serious record, on records of their own; some listings have expired', async () => {
    const listings: any[] = await t.sql(
      `SELECT l.id::int, l.subject_key, l.list_type, l.legal_basis, l.listed_by, to_char(l.starts_on, 'YYYY-MM-DD') AS starts_on,
        to_char(l.ends_on, 'YYYY-MM-DD') AS ends_on, l.delisted_at, s.kind,
        (SELECT count(*) FROM records.listing_record lr JOIN records.credit_record r ON r.id = lr.record_id
          WHERE lr.listing_id = l.id AND r.subject_key = l.subject_key AND r.nature = 'DISHONESTY' AND r.severity = 'SERIOUS' AND NOT r.tolerated)::int AS good_reasons,
        (SELECT count(*) FROM records.listing_record lr WHERE lr.listing_id = l.id)::int AS reasons
      FROM records.listing l JOIN subjects.subject s ON s.code_key = l.subject_key WHERE l.id > ?`,
      [before.maxListingId],
    );
    expect(listings).toHaveLength(summary.listings);
    const now = today();
    for (const l of listings) {
      expect(l.reasons).toBeGreaterThan(0);
      expect(l.good_reasons).toBe(l.reasons);
      expect(l.kind).not.toBe('PUBLIC_SERVANT');
      if (l.list_type === 'TENDER_BLACKLIST') expect([l.kind, l.listed_by]).toEqual(['ENTERPRISE', 'bulk-tendering']);
      else expect(l.listed_by).toBe('bulk-credit-office');
      expect(l.legal_basis).toBeTruthy();
      expect(l.starts_on <= now && l.starts_on <= l.ends_on).toBe(true);
    }
    expect(listings.some((l) => l.ends_on >= now && !l.delisted_at)).toBe(true);
    expect(listings.some((l) => l.ends_on < now)).toBe(true);
    const [serious] = await t.sql(
      `SELECT count(DISTINCT r.subject_key)::int AS n FROM records.credit_record r
      WHERE r.id > ? AND r.severity = 'SERIOUS' AND NOT r.tolerated AND r.subject_key NOT LIKE 'h:%'`,
      [before.maxRecordId],
    );
    expect(listings.length / serious.n).toBeGreaterThan(0.003);
    expect(listings.length / serious.n).toBeLessThan(0.06);
  });

  it('answers through GraphQL: a generated listed code is listed and has a credit level', async () => {
    const [listing] = await t.sql(
      `SELECT l.subject_key, l.list_type FROM records.listing l
      WHERE l.id > ? AND l.delisted_at IS NULL AND l.starts_on <= ?::date AND l.ends_on >= ?::date ORDER BY l.id LIMIT 1`,
      [before.maxListingId, today(), today()],
    );
    expect(listing).toBeDefined();
    const check = await t.run(
      `query($codes: [String!]!) { blacklistCheck(codes: $codes) { code valid listed listings { listType } subject { name } } }`,
      { codes: [listing.subject_key] },
      PUBLIC_PRINCIPAL,
    );
    expect(check.errors).toBeUndefined();
    expect(check.data.blacklistCheck[0]).toMatchObject({
      valid: true,
      listed: true,
      listings: expect.arrayContaining([{ listType: listing.list_type }]),
    });
    expect(check.data.blacklistCheck[0].subject.name).toBeTruthy();
    const status = await t.run(
      `query($code: String!) { creditStatus(code: $code) { level score subject { name } activeListings { listType } } }`,
      { code: listing.subject_key },
    );
    expect(status.errors).toBeUndefined();
    expect(status.data.creditStatus.level).toMatch(/^[A-D]$/);
    expect(status.data.creditStatus.activeListings.length).toBeGreaterThan(0);
    if (listing.list_type === 'SERIOUS_DISHONESTY') expect(status.data.creditStatus.level).toBe('D');
  });

  it('a second seeding with another seed appends without unique violations', async () => {
    const second = await bulkSeed(t.services, { subjects: 500, records: 1500, seed: 7 });
    const now = await counts();
    expect(now.subjects - after.subjects).toBe(500);
    expect(now.records - after.records).toBe(1500);
    expect(now.listings - after.listings).toBe(second.listings);
    expect(now.responsible - after.responsible).toBe(second.responsible);
    // The same seed again on the grown database: still new codes and new external ids.
    const again = await bulkSeed(t.services, { subjects: 300, records: 600, seed: 42 });
    expect(again).toMatchObject({ subjects: 300, records: 600 });
    const [seq] = await t.sql(
      `SELECT (SELECT max(id) FROM subjects.subject)::int AS max_subject, (SELECT count(*) FROM subjects.subject)::int AS subjects`,
    );
    expect(seq.subjects).toBe(now.subjects + 300);
    expect(seq.max_subject).toBeGreaterThanOrEqual(now.maxSubjectId + 300);
    // The sequence was moved past the reserved ids: ordinary registrations keep working.
    const [next] = await t.sql(`SELECT nextval(pg_get_serial_sequence('subjects.subject', 'id'))::int AS id`);
    expect(next.id).toBeGreaterThan(seq.max_subject);
  });
  const schemaShape = () =>
    t.sql(`SELECT 'index' AS kind, indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname IN ('subjects', 'records')
    UNION ALL
    SELECT 'constraint', c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname IN ('subjects', 'records')
    ORDER BY 1, 2`);

  it('a large load sets secondary indexes and foreign keys aside and restores them exactly', async () => {
    const shape = await schemaShape();
    expect(shape.some((x: { name: string }) => x.name === 'subject_name_trgm_idx')).toBe(true);
    expect(shape.some((x: { name: string }) => x.name === 'subject_parent_id_foreign')).toBe(true);
    const lines: string[] = [];
    const result = await bulkSeed(t.services, {
      subjects: 2500,
      records: 7000,
      seed: 11,
      largeLoadRows: 1000,
      log: (line) => lines.push(line),
    });
    expect(result).toMatchObject({ subjects: 2500, records: 7000 });
    const setAside = lines.find((line) => line.startsWith('set aside for the load'));
    expect(setAside).toMatch(/index subjects\.subject_name_trgm_idx/);
    expect(setAside).toMatch(/foreign key subjects\.subject_parent_id_foreign/);
    expect(setAside).toMatch(/index records\.credit_record_subject_idx/);
    expect(setAside).not.toMatch(/unique|pkey/);
    expect(await schemaShape()).toEqual(shape);
  });

  it('leaves nothing behind when it fails', async () => {
    const shape = await schemaShape();
    const before = await counts();
    // No subjects to attach records to: fails after the locks, id reservations and set-aside.
    await expect(bulkSeed(t.services, { subjects: 0, records: 300_000, seed: 3, largeLoadRows: 10 })).rejects.toThrow(
      /no subjects/,
    );
    const after = await counts();
    expect({ ...after, maxSubjectId: 0, maxRecordId: 0 }).toEqual({ ...before, maxSubjectId: 0, maxRecordId: 0 });
    expect(await schemaShape()).toEqual(shape);
    await expect(bulkSeed(t.services, { subjects: 10, records: 0, seed: -1 })).rejects.toThrow(/seed/);
  });
});

describe('bulk generator (pure)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ as: 'owner' });
  });
  afterAll(() => t.close());

  const options = (overrides: Partial<GeneratorOptions> = {}): GeneratorOptions => ({
    seed: 42,
    subjects: 1500,
    records: 4500,
    today: '2026-06-30',
    subjectIdBase: 100,
    recordIdBase: 10,
    serialBase: 5,
    keys: t.services.keys,
    policy: t.services.creditPolicy,
    ...overrides,
  });
  const run = (o: GeneratorOptions) => {
    const generator = new BulkGenerator(o);
    const subjects = [...generator.subjectBatches(333)].flat();
    const records = [...generator.recordBatches(1000)].flat();
    return { subjects, records, listings: generator.listings(1) };
  };

  it('is deterministic for a seed (the ciphertexts differ, what they hide does not)', () => {
    const a = run(options());
    const b = run(options());
    expect(a.subjects).toHaveLength(1500);
    expect(a.records).toHaveLength(4500);
    const strip = (rows: { codeCipher: string | null }[]) =>
      rows.map(({ codeCipher, ...rest }) => ({
        ...rest,
        clear: codeCipher ? t.services.keys.pii.decrypt(codeCipher) : null,
      }));
    expect(strip(a.subjects)).toEqual(strip(b.subjects));
    expect(a.records).toEqual(b.records);
    expect(a.listings).toEqual(b.listings);
    const c = run(options({ seed: 43 }));
    expect(c.subjects.map((s) => s.codeKey)).not.toEqual(a.subjects.map((s) => s.codeKey));
  });

  it('produces valid codes only, unique within the run, and persons never repeat a taken number', () => {
    const first = run(options());
    const taken = new Set(first.subjects.filter((s) => s.kind === SubjectKind.PUBLIC_SERVANT).map((s) => s.codeKey));
    for (const s of first.subjects) {
      if (s.kind === SubjectKind.PUBLIC_SERVANT) expect(validateResidentId(s.code).valid).toBe(true);
      else expect(validateUscc(s.code).valid).toBe(true);
    }
    expect(new Set(first.subjects.map((s) => s.codeKey)).size).toBe(first.subjects.length);
    // Same seed, taken numbers excluded: every person gets another number.
    const second = run(
      options({ serialBase: 5 + 1500, subjectIdBase: 5000, isTakenPersonKey: (key) => taken.has(key) }),
    );
    for (const s of second.subjects)
      if (s.kind === SubjectKind.PUBLIC_SERVANT) expect(taken.has(s.codeKey)).toBe(false);
    const firstOrgs = new Set(first.subjects.map((s) => s.codeKey));
    for (const s of second.subjects) expect(firstOrgs.has(s.codeKey)).toBe(false);
  });

  it('hashes content exactly like record.validation contentHash', () => {
    const { records } = run(options({ subjects: 500, records: 2000 }));
    for (const r of records) {
      const content = {
        subject_key: r.subjectKey,
        external_id: r.externalId,
        nature: r.nature,
        category: r.category,
        domain: r.domain,
        severity: r.severity,
        title: r.title,
        details: r.details,
        legal_basis: r.legalBasis,
        document_no: r.documentNo,
        decided_at: r.decidedAt,
        deciding_authority_code: r.decidingAuthorityCode,
        disclosure: r.disclosure,
        tolerated: r.tolerated,
      };
      expect(r.contentHash).toBe(contentHash({ ...content, responsible: r.responsible }));
    }
    const odd = {
      subject_key: 'k',
      external_id: 'a"b\\c\u0001\ud800',
      nature: 'N',
      category: 'C',
      domain: 'D',
      severity: 'S',
      title: '标题 "引号"',
      details: null,
      legal_basis: 'x\ny',
      document_no: null,
      decided_at: '2026-01-01',
      deciding_authority_code: null,
      disclosure: 'PUBLIC',
      tolerated: true,
    };
    expect(recordContentHash({ ...odd, responsible: ['b', 'a"'] })).toBe(
      contentHash({ ...odd, responsible: ['b', 'a"'] }),
    );
  });

  it('only uses findings each pushing role may push', () => {
    for (const template of ALL_TEMPLATES) {
      for (const domain of template.domains)
        expect([template.role, template.category, domain, mayPush(template.role, template.category, domain)]).toEqual([
          template.role,
          template.category,
          domain,
          true,
        ]);
      if (template.category === RecordCategory.COMMENDATION) expect(template.serious).toBe(0);
      expect(BULK_SOURCES[template.role]).toBeDefined();
    }
  });

  it('handles tiny and empty loads', () => {
    expect(run(options({ subjects: 0, records: 0 }))).toEqual({ subjects: [], records: [], listings: [] });
    const tiny = run(options({ subjects: 40, records: 30 }));
    expect(tiny.subjects).toHaveLength(40);
    expect(tiny.records).toHaveLength(30);
    expect(() => run(options({ subjects: 0, records: 5 }))).toThrow(/no subjects/);
  });

  it('helpers: body serials round-trip, apportion is exact, the alias table follows its weights', () => {
    for (const serial of [0, 1, 30, 31, 887_503_680]) expect(serialOfBody(bodySerial(serial).slice(2))).toBe(serial);
    expect(bodySerial(0)).toBe('MA000000');
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 5, 2]).reduce((a, b) => a + b)).toBe(7);
    const prng = new Prng(1);
    const alias = new AliasTable([1, 0, 3]);
    const hits = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) hits[alias.draw(prng)]!++;
    expect(hits[1]).toBe(0);
    expect(hits[2]! / hits[0]!).toBeGreaterThan(2.7);
    expect(hits[2]! / hits[0]!).toBeLessThan(3.3);
    expect(new Prng(5).next()).toBe(new Prng(5).next());
  });
});
