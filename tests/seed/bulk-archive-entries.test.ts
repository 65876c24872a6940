import { bulkArchiveEntries } from '../../src/seed/bulk/archive-entries';
import { bulkSeed } from '../../src/seed/bulk';
import { as, Role, startTestHub, type TestHub } from '../helpers/test-hub';

describe('bulk archive entries', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ as: 'owner' });
    await bulkSeed(t.services, { subjects: 2000, records: 3000, seed: 7 });
  }, 120000);
  afterAll(() => t.close());

  const total = async () => Number((await t.sql('SELECT count(*)::int AS n FROM archives.archive_entry'))[0].n);

  it('writes valid files: one assessment per person and year, every entry on a civil servant', async () => {
    const before = await total();
    const result = await bulkArchiveEntries(t.services, { entries: 5000, seed: 7 });
    expect(result.entries).toBeGreaterThan(4000);
    expect(await total()).toBe(before + result.entries);
    const [{ n: notPersons }] = await t.sql(
      `SELECT count(*)::int AS n FROM archives.archive_entry e JOIN subjects.subject s ON s.id = e.person_id WHERE s.kind <> 'PUBLIC_SERVANT' OR s.code_key <> e.person_key`,
    );
    expect(notPersons).toBe(0);
    const [{ n: duplicates }] = await t.sql(
      `SELECT count(*)::int AS n FROM (SELECT person_id, year FROM archives.archive_entry WHERE kind = 'ANNUAL_ASSESSMENT' GROUP BY 1, 2 HAVING count(*) > 1) d`,
    );
    expect(duplicates).toBe(0);
    const kinds = await t.sql(`SELECT kind, count(*)::int AS n FROM archives.archive_entry GROUP BY kind`);
    expect(kinds.length).toBeGreaterThanOrEqual(6);
  });

  it('is idempotent for the same seed and readable through the gateway', async () => {
    const before = await total();
    const again = await bulkArchiveEntries(t.services, { entries: 5000, seed: 7 });
    expect(again.entries).toBe(0);
    expect(await total()).toBe(before);
    const [person] = await t.sql(
      `SELECT s.id::text, s.region_code FROM subjects.subject s JOIN archives.archive_entry e ON e.person_id = s.id WHERE e.source_system = 'bulk-org-dept' LIMIT 1`,
    );
    const result = await t.run(
      `query($id: ID) { subject(id: $id) { archive(purpose: "批量数据核对") { assessments { year grade } entries { kind } } } }`,
      { id: person.id },
      as(Role.CREDIT_OFFICE),
    );
    expect(result.data!.subject.archive.entries.length).toBeGreaterThan(0);
  });
});
