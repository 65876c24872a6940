import { bulkArchiveEntries } from '../../src/seed/bulk/archive-entries';
import { bulkSeed } from '../../src/seed/bulk';
import { contentHash } from '../../src/common/submission';
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

  it('into an empty table copies straight in (index set aside, restored) the entries the staged path wrote, hashed as a push is', async () => {
    const bulkRows = () =>
      t.sql(
        `SELECT person_id::text, person_key, kind, year, title, content, grade, occurred_on::text, source_system, source_role, external_id, content_hash
           FROM archives.archive_entry WHERE source_system LIKE 'bulk-%' ORDER BY source_system, external_id`,
      );
    const personIndex = async () =>
      (await t.sql(`SELECT indexdef FROM pg_indexes WHERE indexname = 'archive_entry_person_idx'`)).map(
        (r) => r.indexdef,
      );
    const staged = await bulkRows();
    const index = await personIndex();
    expect(staged.length).toBeGreaterThan(4000);
    expect(index).toHaveLength(1);
    await t.sql('DELETE FROM archives.archive_entry');
    const direct = await bulkArchiveEntries(t.services, { entries: 5000, seed: 7, largeLoadRows: 10 });
    // All asked for: the staged path skipped only the years the demo files already assessed.
    expect(direct.entries).toBe(5000);
    const sourceId = (row: Record<string, unknown>) => `${row.source_system}|${row.external_id}`;
    const stagedIds = new Set(staged.map(sourceId));
    const after = await bulkRows();
    expect(after.filter((row) => stagedIds.has(sourceId(row)))).toEqual(staged);
    const skipped = after.filter((row) => !stagedIds.has(sourceId(row)));
    expect(skipped.length).toBe(5000 - staged.length);
    expect(skipped.every((row) => row.kind === 'ANNUAL_ASSESSMENT')).toBe(true);
    expect(await personIndex()).toEqual(index);
    for (const row of staged.slice(0, 200)) {
      const { source_system, source_role, content_hash, ...content } = row;
      expect(contentHash(content)).toBe(content_hash);
    }
  });
});
