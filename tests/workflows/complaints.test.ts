import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { firstError } from './helpers';

/** 投诉举报 through the gateway: anyone reports, the credit office handles, a verified complaint becomes one record. */
describe('complaints', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: {} });
  });
  afterAll(() => t.close());

  const office = () =>
    as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code, sub: 'yancheng-credit-office' });
  const county = (region: string) => t.demo.counties.find((c) => c.region === region)!;
  const REPORT = `mutation($input: ComplaintInput!) { reportComplaint(input: $input) { id state dueOn } }`;
  const ASSIGN = `mutation($id: ID!, $unit: String!) { assignComplaint(id: $id, handlingUnitCode: $unit, note: "请核实") { id state handlingUnitCode } }`;
  const VERIFY = `mutation($id: ID!) { verifyComplaint(id: $id, finding: "经核实，工程款拖欠属实") { id state finding } }`;
  const REJECT = `mutation($id: ID!) { rejectComplaint(id: $id, finding: "经核实，款项已按约支付") { id state finding } }`;
  const CLOSE = `mutation($id: ID!) { closeComplaint(id: $id, note: "已答复举报人") { id state closingNote history { fromState toState actorSub } } }`;
  const TO_RECORD = `mutation($id: ID!) { recordFromComplaint(id: $id, input: { category: ARREARS, domain: GOVERNMENT_DEBT, severity: GENERAL }) {
    id state recordId record { category title status } } }`;
  const report = (subjectCode: string, extra: object = {}) => ({
    subjectCode,
    title: '拖欠工程款',
    content: '某项目竣工验收两年仍未支付工程款',
    ...extra,
  });
  const submitted = async (subjectCode: string, viewer = PUBLIC_PRINCIPAL) =>
    (await t.run(REPORT, { input: report(subjectCode) }, viewer)).data!.reportComplaint.id as string;

  it('anyone reports, PUBLIC included; the reporter contact is shown to the credit office only', async () => {
    const pub = await t.run(
      REPORT,
      { input: report(county('320922').government.code, { reporterContact: '138****0000 王先生' }) },
      PUBLIC_PRINCIPAL,
    );
    expect(pub.errors).toBeUndefined();
    expect(pub.data!.reportComplaint).toMatchObject({ state: 'SUBMITTED' });
    const id = pub.data!.reportComplaint.id;
    expect(
      (await t.run(REPORT, { input: report(t.demo.housing.code) }, as(Role.SUBJECT, { org: t.demo.people[0].code })))
        .errors,
    ).toBeUndefined();
    expect(
      firstError(await t.run(REPORT, { input: report(t.demo.enterprises[0].code) }, PUBLIC_PRINCIPAL)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectCode' });
    expect(
      firstError(await t.run(REPORT, { input: report(t.demo.housing.code, { content: ' ' }) }, PUBLIC_PRINCIPAL)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });

    const query = `{ complaints { edges { node { id title reporterContact } } } }`;
    const seen = await t.run(query, {}, office());
    expect(seen.data!.complaints.edges.map((e: any) => e.node)).toContainEqual({
      id,
      title: '拖欠工程款',
      reporterContact: '138****0000 王先生',
    });
    expect(codes(await t.run(query, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    // The subject complained about does not see the complaint; another city's office neither.
    expect(
      (await t.run(query, {}, as(Role.SUBJECT, { org: county('320922').government.code }))).data!.complaints.edges,
    ).toEqual([]);
    expect((await t.run(query, {}, as(Role.CREDIT_OFFICE, { region: '410300' }))).data!.complaints.edges).toEqual([]);
    // The handling unit sees the complaint once assigned, without the contact (null + FORBIDDEN at that path).
    const unitCode = county('320922').finance.code;
    await t.run(ASSIGN, { id, unit: unitCode }, office());
    const unit = await t.run(query, {}, as(Role.DEBT, { region: '320922', org: unitCode }));
    expect(unit.data!.complaints.edges.map((e: any) => e.node)).toEqual([
      { id, title: '拖欠工程款', reporterContact: null },
    ]);
    expect(unit.errors!.map((e) => [e.extensions?.code, e.path!.at(-1)])).toEqual([['FORBIDDEN', 'reporterContact']]);
  });

  it('the credit office assigns, verifies and closes; others are denied; illegal steps are CONFLICT', async () => {
    const id = await submitted(county('320923').government.code);
    const unit = county('320923').finance.code;
    expect(codes(await t.run(ASSIGN, { id, unit }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(ASSIGN, { id, unit }, as(Role.COURT, { region: '320900' })))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(ASSIGN, { id, unit }, as(Role.CREDIT_OFFICE, { region: '410300' })))).toEqual([
      'FORBIDDEN',
    ]);
    expect(firstError(await t.run(VERIFY, { id }, office()))).toMatchObject({ code: 'CONFLICT', state: 'SUBMITTED' });
    expect(firstError(await t.run(CLOSE, { id }, office()))).toMatchObject({ code: 'CONFLICT', state: 'SUBMITTED' });
    expect(firstError(await t.run(ASSIGN, { id, unit: t.demo.enterprises[0].code }, office()))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'handlingUnitCode',
    });
    expect((await t.run(ASSIGN, { id, unit }, office())).data!.assignComplaint).toEqual({
      id,
      state: 'ASSIGNED',
      handlingUnitCode: unit,
    });
    expect(firstError(await t.run(ASSIGN, { id, unit }, office()))).toMatchObject({
      code: 'CONFLICT',
      state: 'ASSIGNED',
    });
    expect(firstError(await t.run(TO_RECORD, { id }, office()))).toMatchObject({ code: 'CONFLICT', state: 'ASSIGNED' });
    expect(codes(await t.run(VERIFY, { id }, as(Role.DEBT, { region: '320923', org: unit })))).toEqual(['FORBIDDEN']);
    expect((await t.run(VERIFY, { id }, office())).data!.verifyComplaint).toMatchObject({ state: 'VERIFIED' });
    expect(firstError(await t.run(REJECT, { id }, office()))).toMatchObject({ code: 'CONFLICT', state: 'VERIFIED' });
    const closed = await t.run(CLOSE, { id }, office());
    expect(closed.data!.closeComplaint).toMatchObject({
      state: 'CLOSED',
      closingNote: '已答复举报人',
      history: [
        { fromState: null, toState: 'SUBMITTED', actorSub: 'anonymous' },
        { fromState: 'SUBMITTED', toState: 'ASSIGNED' },
        { fromState: 'ASSIGNED', toState: 'VERIFIED' },
        { fromState: 'VERIFIED', toState: 'CLOSED', actorSub: 'yancheng-credit-office' },
      ],
    });
    expect(firstError(await t.run(CLOSE, { id }, office()))).toMatchObject({ code: 'CONFLICT', state: 'CLOSED' });

    const rejected = await submitted(county('320923').government.code);
    await t.run(ASSIGN, { id: rejected, unit }, office());
    expect((await t.run(REJECT, { id: rejected }, office())).data!.rejectComplaint).toMatchObject({
      state: 'REJECTED',
      finding: '经核实，款项已按约支付',
    });
    expect(firstError(await t.run(TO_RECORD, { id: rejected }, office()))).toMatchObject({
      code: 'CONFLICT',
      state: 'REJECTED',
    });
    expect((await t.run(CLOSE, { id: rejected }, office())).data!.closeComplaint.state).toBe('CLOSED');
  });

  it('racing steps leave one winner; a verified complaint becomes exactly one record, retry-safe', async () => {
    const subject = county('320981').government.code;
    const id = await submitted(subject);
    await t.run(ASSIGN, { id, unit: county('320981').finance.code }, office());
    const race = await Promise.all([
      t.run(VERIFY, { id }, office()),
      t.run(REJECT, { id }, office()),
      t.run(VERIFY, { id }, office()),
    ]);
    expect(race.filter((r) => !r.errors)).toHaveLength(1);
    expect(race.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT']);
    const state = (await t.sql('SELECT state FROM records.complaint WHERE id = ?', [id]))[0].state;
    if (state !== 'VERIFIED') await t.sql(`UPDATE records.complaint SET state = 'VERIFIED' WHERE id = ?`, [id]);

    expect(codes(await t.run(TO_RECORD, { id }, as(Role.COURT, { region: '320900' })))).toEqual(['FORBIDDEN']);
    const made = await Promise.all([
      t.run(TO_RECORD, { id }, office()),
      t.run(TO_RECORD, { id }, office()),
      t.run(TO_RECORD, { id }, office()),
    ]);
    expect(made.flatMap((r) => (r.errors ?? []).map((e) => e.message))).toEqual([]);
    const recordIds = new Set(made.map((r) => r.data!.recordFromComplaint.recordId));
    expect(recordIds.size).toBe(1);
    expect(made[0].data!.recordFromComplaint.record).toEqual({
      category: 'ARREARS',
      title: '拖欠工程款',
      status: 'ACTIVE',
    });
    expect(
      await t.sql(`SELECT count(*)::int AS n FROM records.credit_record WHERE external_id = ?`, [`complaint:${id}`]),
    ).toEqual([{ n: 1 }]);
    const status = await t.run(
      `query($c: String!) { creditStatus(code: $c) { activeDishonestyCount } }`,
      { c: subject },
      office(),
    );
    expect(status.data!.creditStatus.activeDishonestyCount).toBe(1);
    const history = await t.run(
      `query($id: ID!) { workflowHistory(objectType: COMPLAINT, id: $id) { fromState toState reason } }`,
      { id },
      office(),
    );
    expect(history.data!.workflowHistory.at(-1)).toEqual({
      fromState: 'VERIFIED',
      toState: 'VERIFIED',
      reason: `record ${[...recordIds][0]}`,
    });
  });

  it('reports are capped per subject and day (policy complaintsPerSubjectPerDay)', async () => {
    const subject = county('320902').township.code;
    const cap = t.services.creditPolicy.workflows.complaintsPerSubjectPerDay;
    const results = await Promise.all(
      Array.from({ length: cap + 2 }, () => t.run(REPORT, { input: report(subject) }, PUBLIC_PRINCIPAL)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(cap);
    expect(results.flatMap(codes)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // Another subject is not affected.
    expect(
      (await t.run(REPORT, { input: report(county('320902').finance.code) }, PUBLIC_PRINCIPAL)).errors,
    ).toBeUndefined();
  });
});
