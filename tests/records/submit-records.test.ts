import { makeResidentId, makeUscc } from '../../src/identity';
import { today, addMonths } from '../../src/common/dates';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { clientOperation } from '../helpers/client-operations';

// The record push of the client contract (clients/record-push/), as courts, discipline, investment and debt send it.
const SUBMIT = clientOperation('record-push/SubmitRecords');

describe('submitRecords', () => {
  let t: TestHub;
  const court = () => as(Role.COURT, { region: '320900', sub: 'court-system', org: t.demo.court.code });
  const judgment = (externalId: string, overrides: Record<string, unknown> = {}) => ({
    externalId,
    subject: { code: t.demo.housing.code },
    nature: 'DISHONESTY',
    category: 'JUDICIAL_JUDGMENT',
    domain: 'GENERAL',
    severity: 'GENERAL',
    title: '行政机关败诉',
    decidedAt: addMonths(today(), -1),
    disclosure: 'PUBLIC',
    // An ARREARS finding carries its money (清欠, docs/arrears.md).
    ...(overrides.category === 'ARREARS'
      ? { arrears: { amount: '1000.00', creditorClass: 'OTHER', dueOn: today() } }
      : {}),
    ...overrides,
  });
  const countRecords = async () => Number((await t.sql('SELECT count(*)::int AS n FROM records.credit_record'))[0].n);

  beforeAll(async () => {
    t = await startTestHub({ demo: 'subjects' });
  });
  afterAll(() => t.close());

  it('creates, then reports unchanged, then updates with a version bump and keeps history', async () => {
    const first = await t.run(SUBMIT, { input: [judgment('J-1'), judgment('J-2')] }, court());
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitRecords).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const again = await t.run(SUBMIT, { input: [judgment('J-1'), judgment('J-2')] }, court());
    expect(again.data!.submitRecords).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await t.run(SUBMIT, { input: [judgment('J-1', { title: '行政机关败诉（更正）' })] }, court());
    expect(changed.data!.submitRecords.results[0]).toMatchObject({
      outcome: 'UPDATED',
      record: { version: 2, title: '行政机关败诉（更正）' },
    });
    expect(changed.data!.submitRecords.results[0].recordId).toBe(first.data!.submitRecords.results[0].recordId);
    const history = await t.sql(
      `SELECT version, content->>'title' AS title FROM records.record_history WHERE record_id = ?`,
      [changed.data!.submitRecords.results[0].recordId],
    );
    expect(history).toEqual([{ version: 1, title: '行政机关败诉' }]);
  });

  it('the pushing system comes from the principal: another system with the same externalId gets its own record', async () => {
    const other = as(Role.COURT, { region: '320900', sub: 'another-court' });
    const result = await t.run(SUBMIT, { input: [judgment('J-1')] }, other);
    expect(result.data!.submitRecords.created).toBe(1);
  });

  it('is idempotent under concurrency: parallel pushes of one batch leave one copy of each record', async () => {
    const input = Array.from({ length: 30 }, (_, i) => judgment(`PAR-${i}`));
    const before = await countRecords();
    const results = await Promise.all(Array.from({ length: 5 }, () => t.run(SUBMIT, { input }, court())));
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(await countRecords()).toBe(before + 30);
    expect(results.reduce((sum, r) => sum + r.data!.submitRecords.created, 0)).toBe(30);
  });

  it('registers a subject it does not know when the push names it fully', async () => {
    const code = makeUscc('91', '320902', '85000001');
    const result = await t.run(
      SUBMIT,
      {
        input: [judgment('NEW-1', { subject: { code, name: '新登记企业', kind: 'ENTERPRISE', regionCode: '320902' } })],
      },
      court(),
    );
    expect(result.errors).toBeUndefined();
    const [row] = await t.sql('SELECT name FROM subjects.subject WHERE code_key = ?', [code]);
    expect(row.name).toBe('新登记企业');
  });

  it.each([
    ['an invalid subject code', { subject: { code: '91110000600037341N' } }, 'subject.code'],
    ['an unknown subject without name', { subject: { code: makeUscc('91', '320902', '85000002') } }, 'subject.name'],
    ['a decision date in the future', { decidedAt: addMonths(today(), 1) }, 'decidedAt'],
    ['an empty title', { title: '  ' }, 'title'],
    [
      'an unregistered responsible person',
      { responsiblePersonCodes: [makeResidentId('320900', '19700101', 5)] },
      'responsiblePersonCodes[0]',
    ],
    ['COMMENDATION as dishonesty', { category: 'COMMENDATION' }, 'category'],
  ])(
    'rejects the whole batch on %s (BAD_USER_INPUT with index and field), writing nothing',
    async (_label, change, field) => {
      const before = await countRecords();
      const result = await t.run(
        SUBMIT,
        { input: [judgment('OK-1'), judgment('BAD-1', change)] },
        as(Role.CREDIT_OFFICE, { region: '320900', sub: 'office' }),
      );
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].extensions).toMatchObject({ index: 1, field });
      expect(await countRecords()).toBe(before);
    },
  );

  describe('a batch with three bad items of five', () => {
    const batch = (prefix: string) => [
      judgment(`${prefix}-0`),
      judgment(`${prefix}-1`, { title: '  ' }),
      judgment(`${prefix}-2`, { decidedAt: addMonths(today(), 1) }),
      judgment(`${prefix}-3`),
      judgment(`${prefix}-4`, { subject: { code: '91110000600037341N' } }),
    ];

    it('reports all three at once, each with index and field (the first as today), writing nothing', async () => {
      const before = await countRecords();
      const result = await t.run(SUBMIT, { input: batch('THREE') }, court());
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      const [error] = result.errors!;
      expect(error.path).toEqual(['submitRecords']);
      expect(error.extensions).toMatchObject({ index: 1, field: 'title' });
      const invalid = error.extensions!.invalid as { index: number; field: string; message: string }[];
      expect(invalid.map(({ index, field }) => ({ index, field }))).toEqual([
        { index: 1, field: 'title' },
        { index: 2, field: 'decidedAt' },
        { index: 4, field: 'subject.code' },
      ]);
      for (const item of invalid) expect(item.message).toEqual(expect.any(String));
      expect(await countRecords()).toBe(before);
    });

    it('a role just outside the push scope learns every item it may not push (FORBIDDEN), writing nothing', async () => {
      const before = await countRecords();
      const procurement = as(Role.PROCUREMENT, { region: '320900', sub: 'scope-batch' });
      const outOfScope = { category: 'ARREARS', domain: 'GOVERNMENT_DEBT' };
      const input = [0, 1, 2, 3, 4].map((i) =>
        judgment(`SCOPE-BATCH-${i}`, i % 2 === 0 ? outOfScope : { category: 'ARREARS', domain: 'PROCUREMENT' }),
      );
      const result = await t.run(SUBMIT, { input }, procurement);
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].path).toEqual(['submitRecords']);
      expect(result.errors![0].extensions).toMatchObject({ index: 0 });
      const invalid = result.errors![0].extensions!.invalid as { index: number }[];
      expect(invalid.map((item) => item.index)).toEqual([0, 2, 4]);
      expect(await countRecords()).toBe(before);
    });

    it('anonymous callers are refused before any item is read (no item list)', async () => {
      const result = await t.run(SUBMIT, { input: batch('ANON') }, PUBLIC_PRINCIPAL);
      expect(result.errors).toHaveLength(1);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(codes(result)[0]);
      expect(result.errors![0].extensions?.invalid).toBeUndefined();
      expect(result.data?.submitRecords ?? null).toBeNull();
    });
  });

  it('rejects an unknown category before anything runs', async () => {
    const before = await countRecords();
    const result = await t.run(
      SUBMIT,
      { input: [judgment('OK-2'), judgment('BAD-2', { category: 'PARKING_TICKET' })] },
      court(),
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRecords()).toBe(before);
  });

  it('rejects more than 500 records', async () => {
    const input = Array.from({ length: 501 }, (_, i) => judgment(`MANY-${i}`));
    const result = await t.run(SUBMIT, { input }, court());
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    [Role.COURT, 'CONTRACT_BREACH', 'PROCUREMENT', false],
    [Role.COURT, 'ENFORCEMENT_DEFAULT', 'GENERAL', true],
    [Role.PROCUREMENT, 'ARREARS', 'PROCUREMENT', true],
    [Role.PROCUREMENT, 'ARREARS', 'GOVERNMENT_DEBT', false],
    [Role.TENDERING, 'ADMINISTRATIVE_PENALTY', 'TENDERING', true],
    [Role.TENDERING, 'JUDICIAL_JUDGMENT', 'TENDERING', false],
    [Role.DISCIPLINE, 'DISCIPLINARY_SANCTION', 'GENERAL', true],
    [Role.INVESTMENT, 'COMMITMENT_BREACH', 'INVESTMENT_PROMOTION', true],
    [Role.DEBT, 'ARREARS', 'GOVERNMENT_DEBT', true],
    [Role.ORG_DEPT, 'ACCOUNTABILITY', 'GENERAL', false],
    [Role.PUBLIC, 'JUDICIAL_JUDGMENT', 'GENERAL', false],
    [Role.SUBJECT, 'JUDICIAL_JUDGMENT', 'GENERAL', false],
  ])('%s pushing %s in %s: allowed=%s', async (role, category, domain, allowed) => {
    const viewer = as(role, {
      region: '320900',
      sub: `scope-${role}`,
      org: role === Role.SUBJECT ? t.demo.cityCadre.code : undefined,
    });
    const result = await t.run(
      SUBMIT,
      { input: [judgment(`SCOPE-${role}-${category}-${domain}`, { category, domain })] },
      viewer,
    );
    if (allowed) expect(result.errors).toBeUndefined();
    else expect(codes(result)).toEqual(['FORBIDDEN']);
  });
});
