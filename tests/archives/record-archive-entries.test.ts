import { as, codes, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient } from '../helpers/viewers';

const RECORD = `mutation($input: [ArchiveEntryInput!]!) { recordArchiveEntries(input: $input) { created updated unchanged results { index outcome entryId } } }`;

describe('recordArchiveEntries', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const orgDept = () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code, sub: 'org-dept-system' });
  const discipline = () => as(Role.DISCIPLINE, { region: '320900', sub: 'discipline-system' });
  const entry = (externalId: string, overrides: Record<string, unknown> = {}) => ({
    externalId,
    personCode: t.demo.cityCadre.code,
    kind: 'INTEGRITY_TRAINING',
    year: 2025,
    title: '诚信培训',
    occurredOn: '2025-06-01',
    ...overrides,
  });
  const count = async () => Number((await t.sql('SELECT count(*)::int AS n FROM archives.archive_entry'))[0].n);

  it('is idempotent on (system, externalId) and versions a changed re-push', async () => {
    const first = await t.run(RECORD, { input: [entry('T-1')] }, orgDept());
    expect(first.data!.recordArchiveEntries.created).toBe(1);
    expect((await t.run(RECORD, { input: [entry('T-1')] }, orgDept())).data!.recordArchiveEntries.unchanged).toBe(1);
    expect(
      (await t.run(RECORD, { input: [entry('T-1', { title: '诚信培训（更正）' })] }, orgDept())).data!
        .recordArchiveEntries.updated,
    ).toBe(1);
    const [row] = await t.sql(`SELECT version, title FROM archives.archive_entry WHERE external_id = 'T-1'`);
    expect(row).toEqual({ version: 2, title: '诚信培训（更正）' });
  });

  it.each([
    ['an empty title', { title: ' ' }, 'title'],
    ['a future date', { occurredOn: '2999-01-01' }, 'occurredOn'],
    ['a grade on a non-assessment', { grade: 'EXCELLENT' }, 'grade'],
    ['an assessment without grade', { kind: 'ANNUAL_ASSESSMENT' }, 'grade'],
    ['an unregistered person', { personCode: '11010519491231002X' }, 'personCode'],
    ['an organization', { personCode: 'FINANCE_DEPARTMENT' }, 'personCode'],
  ])('rejects the whole batch on %s', async (_label, change, field) => {
    // The table is built before the demo data exists: name the organization, resolve it here.
    const resolved =
      (change as { personCode?: string }).personCode === 'FINANCE_DEPARTMENT'
        ? { personCode: t.demo.finance.code }
        : change;
    const before = await count();
    const result = await t.run(RECORD, { input: [entry('OK-1'), entry('BAD-1', resolved)] }, orgDept());
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ index: 1, field });
    expect(await count()).toBe(before);
  });

  it('reports every invalid entry of the batch at once, each with index and field, writing nothing', async () => {
    const before = await count();
    const input = [
      entry('ALL-0', { title: ' ' }),
      entry('ALL-1'),
      entry('ALL-2', { occurredOn: '2999-01-01' }),
      entry('ALL-1'),
    ];
    const result = await t.run(RECORD, { input }, orgDept());
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ index: 0, field: 'title' });
    const invalid = result.errors![0].extensions!.invalid as { index: number; field: string }[];
    expect(invalid.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 0, field: 'title' },
      { index: 2, field: 'occurredOn' },
      { index: 3, field: 'externalId' },
    ]);
    expect(await count()).toBe(before);
  });

  it('one annual assessment per person and year: a second one is CONFLICT', async () => {
    const year = 2015;
    const ok = await t.run(
      RECORD,
      { input: [entry('A-1', { kind: 'ANNUAL_ASSESSMENT', grade: 'COMPETENT', year })] },
      orgDept(),
    );
    expect(ok.errors).toBeUndefined();
    const clash = await t.run(
      RECORD,
      { input: [entry('A-2', { kind: 'ANNUAL_ASSESSMENT', grade: 'EXCELLENT', year })] },
      orgDept(),
    );
    expect(codes(clash)).toEqual(['CONFLICT']);
    expect(clash.errors![0].extensions).toMatchObject({ index: 0, field: 'year' });
  });

  it.each([
    [
      'ORG_DEPT records assessments for its own cadres',
      () => orgDept(),
      { kind: 'ANNUAL_ASSESSMENT', grade: 'EXCELLENT', year: 2016 },
      true,
    ],
    ['ORG_DEPT may not record sanctions', () => orgDept(), { kind: 'DISCIPLINARY_ACTION' }, false],
    [
      'ORG_DEPT may not record for cadres another department manages',
      () => as(Role.ORG_DEPT, { region: '320902', org: t.demo.county('320902').orgDept.code }),
      {},
      false,
    ],
    ['DISCIPLINE records sanctions in its jurisdiction', () => discipline(), { kind: 'DISCIPLINARY_ACTION' }, true],
    [
      'DISCIPLINE may not record assessments',
      () => discipline(),
      { kind: 'ANNUAL_ASSESSMENT', grade: 'COMPETENT', year: 2017 },
      false,
    ],
    [
      'DISCIPLINE outside its jurisdiction may not',
      () => outsideClient(Role.DISCIPLINE),
      { kind: 'CLEAN_GOVERNMENT_RECORD' },
      false,
    ],
    ['CREDIT_OFFICE records no entries', () => cityClient(Role.CREDIT_OFFICE), {}, false],
    ['PUBLIC records no entries', () => as(Role.PUBLIC), {}, false],
  ])('%s', async (label, viewer, change, allowed) => {
    const result = await t.run(RECORD, { input: [entry(`SCOPE-${label}`, change)] }, viewer());
    if (allowed) expect(result.errors).toBeUndefined();
    else expect(codes(result)).toEqual(['FORBIDDEN']);
  });
});
