import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { firstError, recordId } from './helpers';

/** 异议 through the gateway: filing, the disputed marker, uphold / correct / revoke, who may do each. */
describe('objections', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const office = () =>
    as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code, sub: 'yancheng-credit-office' });
  const court = () => as(Role.COURT, { region: '320900', org: t.demo.court.code, sub: 'yancheng-court' });
  const housing = () => t.demo.housing.code;
  const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id state overdue attachmentRefs record { disputed } } }`;
  const UPHOLD = `mutation($id: ID!) { upholdObjection(id: $id, decision: "认定无误") { state decision record { disputed status } } }`;
  const REVOKE = `mutation($id: ID!) { revokeObjection(id: $id, decision: "认定错误，撤销") { state record { status disputed } } }`;
  const CORRECT = `mutation($id: ID!, $c: RecordCorrectionInput!) { correctObjection(id: $id, decision: "部分更正", correction: $c) {
    state history { fromState toState actorSub reason } record { title severity version disputed } } }`;

  it('the subject files against its own record; the record shows as disputed wherever it is shown, PUBLIC included', async () => {
    const id = await recordId(t, 'YC-COURT-2026-002');
    const input = { recordId: id, reasons: '已依法补办手续', attachmentRefs: ['盐住建〔2026〕3号', ' '] };
    expect(codes(await t.run(FILE, { input }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(FILE, { input }, court()))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(FILE, { input }, as(Role.SUBJECT, { org: t.demo.finance.code })))).toEqual(['FORBIDDEN']);
    const filed = await t.run(FILE, { input }, as(Role.SUBJECT, { org: housing() }));
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection).toMatchObject({
      state: 'FILED',
      overdue: false,
      attachmentRefs: ['盐住建〔2026〕3号'],
      record: { disputed: true },
    });
    const pub = await t.run(
      `query($code: String!) { subject(code: $code) { records { edges { node { id disputed } } } } }`,
      { code: housing() },
    );
    expect(pub.data!.subject.records.edges.map((e: any) => e.node)).toContainEqual({ id, disputed: true });
    expect(firstError(await t.run(FILE, { input }, office()))).toMatchObject({ code: 'CONFLICT', state: 'FILED' });

    // Only the deciding authority / pushing system / credit office decides; others are FORBIDDEN at the mutation's path.
    const objectionId = filed.data!.fileObjection.id;
    const denied = await t.run(
      UPHOLD,
      { id: objectionId },
      as(Role.TENDERING, { region: '320900', org: t.demo.tradingCenter.code }),
    );
    expect(firstError(denied)).toMatchObject({ code: 'FORBIDDEN' });
    expect(denied.errors![0].path).toEqual(['upholdObjection']);
    expect(codes(await t.run(UPHOLD, { id: objectionId }, as(Role.SUBJECT, { org: housing() })))).toEqual([
      'FORBIDDEN',
    ]);
    const upheld = await t.run(UPHOLD, { id: objectionId }, court());
    expect(upheld.data!.upholdObjection).toEqual({
      state: 'UPHELD',
      decision: '认定无误',
      record: { disputed: false, status: 'ACTIVE' },
    });
    expect(firstError(await t.run(REVOKE, { id: objectionId }, court()))).toMatchObject({
      code: 'CONFLICT',
      state: 'UPHELD',
    });
    // The result goes back to the subject: it reads its own objections.
    const mine = await t.run(
      `{ objections { edges { node { id state decision } } } }`,
      {},
      as(Role.SUBJECT, { org: housing() }),
    );
    expect(mine.data!.objections.edges.map((e: any) => e.node)).toContainEqual({
      id: objectionId,
      state: 'UPHELD',
      decision: '认定无误',
    });
    expect(codes(await t.run(`{ objections { totalCount } }`, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
  });

  it('a correction writes a new version and keeps the previous one in the record history', async () => {
    const id = await recordId(t, 'GP-2026-009');
    const filed = await t.run(FILE, { input: { recordId: id, reasons: '金额有误' } }, office());
    const objectionId = filed.data!.fileObjection.id;
    const procurement = as(Role.PROCUREMENT, {
      region: '320900',
      org: t.demo.finance.code,
      sub: 'yancheng-procurement',
    });
    expect(codes(await t.run(CORRECT, { id: objectionId, c: {} }, procurement))).toEqual(['BAD_USER_INPUT']);
    const corrected = await t.run(
      CORRECT,
      { id: objectionId, c: { title: '采购人逾期支付货款（已更正）', severity: 'GENERAL' } },
      procurement,
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctObjection).toMatchObject({
      state: 'CORRECTED',
      record: { title: '采购人逾期支付货款（已更正）', version: 2, disputed: false },
      history: [
        { fromState: null, toState: 'FILED' },
        { fromState: 'FILED', toState: 'CORRECTED', actorSub: 'yancheng-procurement', reason: '部分更正' },
      ],
    });
    const history = await t.sql(
      `SELECT version, content->>'title' AS title FROM records.record_history WHERE record_id = ?`,
      [id],
    );
    expect(history).toEqual([{ version: 1, title: '采购人拖欠中小企业货款' }]);
    const events = await t.run(
      `query($id: ID!) { workflowHistory(objectType: CREDIT_RECORD, id: $id) { fromState toState reason } }`,
      { id },
      office(),
    );
    expect(events.data!.workflowHistory[0].reason).toMatch(/^corrected to version 2/);
  });

  it('a revocation takes the record out of status and ends the listings resting on it', async () => {
    const id = await recordId(t, 'YC-COURT-2026-001');
    const sheyang = t.demo.counties.find((c) => c.region === '320924')!.government.code;
    const filed = await t.run(
      FILE,
      { input: { recordId: id, reasons: '判决已履行' } },
      as(Role.SUBJECT, { org: sheyang }),
    );
    const revoked = await t.run(REVOKE, { id: filed.data!.fileObjection.id }, court());
    expect(revoked.data!.revokeObjection).toEqual({ state: 'REVOKED', record: { status: 'REVOKED', disputed: false } });
    const status = await t.run(
      `query($c: String!) { creditStatus(code: $c) { level activeDishonestyCount activeListings { listType } } }`,
      { c: sheyang },
    );
    expect(status.data!.creditStatus).toEqual({ level: 'A', activeDishonestyCount: 0, activeListings: [] });
    expect(firstError(await t.run(FILE, { input: { recordId: id, reasons: '再次' } }, office()))).toMatchObject({
      code: 'CONFLICT',
      state: 'REVOKED',
    });
  });

  it('racing decisions: exactly one wins; overdue objections are visible', async () => {
    const id = await recordId(t, 'ZS-2026-004');
    const filed = await t.run(FILE, { input: { recordId: id, reasons: '补贴已兑现' } }, office());
    const objectionId = filed.data!.fileObjection.id;
    await t.sql(`UPDATE records.objection SET due_on = '2020-01-01' WHERE id = ?`, [objectionId]);
    const overdue = await t.run(`{ objections(overdueOnly: true) { edges { node { id overdue } } } }`, {}, office());
    expect(overdue.data!.objections.edges.map((e: any) => e.node)).toContainEqual({ id: objectionId, overdue: true });
    const results = await Promise.all([
      t.run(UPHOLD, { id: objectionId }, office()),
      t.run(REVOKE, { id: objectionId }, office()),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(codes)).toEqual(['CONFLICT']);
    expect(
      codes(
        await t.run(
          `query($id: ID!) { workflowHistory(objectType: OBJECTION, id: $id) { toState } }`,
          { id: objectionId },
          PUBLIC_PRINCIPAL,
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});
