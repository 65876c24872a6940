import { as, Role, startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * N+1 guard for every list field of the archives subgraph: the SQL statements an operation
 * costs are the same for 1 and for N parents (files, access logs) and items (a batch).
 */
describe('archives: SQL statements for 1 and for N', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  // The credit office of the city reads every file of its jurisdiction (without personal matters) and its access logs.
  const office = () => as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code });
  const FILES = `query Files($first: Int!) { searchSubjects(filter: { kinds: [PUBLIC_SERVANT], regionPrefix: "3209" }, first: $first) {
    edges { node { id
      archive(purpose: "信用监管核查") { purpose entries { kind year title } assessments { year grade } }
      accessLog(first: 5) { totalCount edges { cursor node { resource outcome fields } } pageInfo { hasNextPage } } } } } }`;

  it('files, their entries, assessments and access logs: as many statements for 1 person as for N', async () => {
    await t.run(FILES, { first: 12 }, office()); // every file read once: each log has an entry
    const one = await t.counted(FILES, { first: 1 }, office());
    const many = await t.counted(FILES, { first: 12 }, office());
    expect(one.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    const nodes = many.data.searchSubjects.edges.map((e: { node: any }) => e.node);
    expect(nodes).toHaveLength(12);
    expect(nodes.filter((n: any) => n.archive.entries.length > 0).length).toBeGreaterThan(1);
    expect(nodes.filter((n: any) => n.accessLog.totalCount > 0).length).toBeGreaterThan(1);
    expect(nodes.some((n: any) => n.archive.assessments.length > 0)).toBe(true);
    expect(many.statements).toBe(one.statements);
  });

  it('an access log page: as many statements for 1 entry as for N', async () => {
    const LOG = `query Log($id: ID!, $first: Int!) { subject(id: $id) {
      accessLog(first: $first) { totalCount edges { node { actorRole resource purpose } } pageInfo { endCursor } } } }`;
    const [{ id }] = await t.sql(
      `SELECT id::text FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT' ORDER BY id LIMIT 1`,
    );
    // Readings by the office leave entries in the person's log first.
    for (let i = 0; i < 3; i++)
      await t.run(`query($id: ID!) { subject(id: $id) { archive(purpose: "复核") { purpose } } }`, { id }, office());
    const one = await t.counted(LOG, { id, first: 1 }, office());
    const many = await t.counted(LOG, { id, first: 50 }, office());
    expect(one.errors).toBeUndefined();
    expect(one.data.subject.accessLog.edges).toHaveLength(1);
    expect(many.data.subject.accessLog.edges.length).toBeGreaterThan(3);
    expect(many.statements).toBe(one.statements);
  });

  it('one file read by code: 4 statements (no second look-up of the person, one log append for the request)', async () => {
    // The benchmark's archive reading (bench/lib/documents.ts HUB_ARCHIVE), by the managing organization department.
    const READ = `query Archive($code: String!, $purpose: String!) { subject(code: $code) { name
      archive(purpose: $purpose) { purpose entries { id kind year title content grade occurredOn sourceSystem }
        dishonestyRecords { id externalId category severity title decidedAt disclosure status } } } }`;
    const orgDept = as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code });
    const vars = { code: t.demo.sanctionedCadre.code, purpose: '干部提拔考察' };
    await t.run(READ, vars, orgDept); // the chain heads this process writes to are known from here on
    const read = await t.counted(READ, vars, orgDept);
    expect(read.errors).toBeUndefined();
    expect(read.data.subject.archive.entries.length).toBeGreaterThan(0);
    expect(read.data.subject.archive.dishonestyRecords.length).toBeGreaterThan(0);
    // The subject with its manager's key; the entries; the records; the PERSON_CODE and ARCHIVE entries in one append.
    expect(read.statements).toBe(4);
    const [entries] = await t.sql(
      `SELECT count(DISTINCT chain)::int AS chains, array_agg(resource ORDER BY seq) AS resources,
         max(seq) - min(seq) AS span FROM audit.access_log WHERE request_id = (
           SELECT request_id FROM audit.access_log WHERE resource = 'ARCHIVE' ORDER BY occurred_at DESC, id DESC LIMIT 1)`,
    );
    // The entries of the request: consecutive in one chain, the subjects subgraph's first (it answered first).
    expect(entries).toEqual({ chains: 1, resources: ['PERSON_CODE', 'ARCHIVE'], span: '1' });
  });

  it('recordArchiveEntries: as many statements for a batch of 1 as for N, results in input order', async () => {
    const RECORD = `mutation($input: [ArchiveEntryInput!]!) { recordArchiveEntries(input: $input) { created results { index outcome entryId } } }`;
    const orgDept = as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code, sub: 'org-dept-statements' });
    // The first five demo cadres are managed by the city organization department.
    const batch = (prefix: string, n: number) =>
      t.demo.people.slice(0, n).map((person, i) => ({
        externalId: `${prefix}-${i}`,
        personCode: person.code,
        kind: 'INTEGRITY_TRAINING',
        year: 2025,
        title: '诚信教育培训',
        occurredOn: '2025-05-20',
      }));
    const one = await t.counted(RECORD, { input: batch('ONE', 1) }, orgDept);
    const many = await t.counted(RECORD, { input: batch('MANY', 5) }, orgDept);
    expect(one.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(many.data.recordArchiveEntries.created).toBe(5);
    expect(many.data.recordArchiveEntries.results.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(many.statements).toBe(one.statements);
  });
});
