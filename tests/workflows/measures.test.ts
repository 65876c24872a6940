import { addDays, today } from '../../src/common/dates';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { firstError, recordId } from './helpers';

/** 联动奖惩 through the gateway: 发起 → 响应 → 反馈, who may do each step, overdue on read, races. */
describe('joint measures', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const office = () =>
    as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code, sub: 'yancheng-credit-office' });
  const unit = (code: string, role = Role.PROCUREMENT) =>
    as(role, { region: '320900', org: code, sub: `unit-${code.slice(-6)}` });
  const INITIATE = `mutation($input: JointMeasureInput!) { initiateJointMeasures(input: $input) {
    id state kind implementingUnitCode responseDueOn overdue history { fromState toState actorSub } } }`;
  const ACCEPT = `mutation($id: ID!) { acceptJointMeasure(id: $id, note: "纳入年度评优否决清单") { id state response feedbackDueOn } }`;
  const DECLINE = `mutation($id: ID!, $reason: String!) { declineJointMeasure(id: $id, reason: $reason) { id state response } }`;
  const FEEDBACK = `mutation($id: ID!, $date: LocalDate!) { feedBackJointMeasure(id: $id, result: "已取消其年度评优资格", resultDate: $date) {
    id state result resultDate history { fromState toState actorSub reason } } }`;
  let basisId: string;
  const input = (extra: object = {}) => ({
    basisType: 'RECORD',
    basisId,
    kind: 'HONOURS_DISQUALIFICATION',
    implementingUnitCodes: [t.demo.finance.code, t.demo.housing.code],
    note: '依据联合惩戒备忘录',
    ...extra,
  });

  beforeAll(async () => {
    basisId = await recordId(t, 'ZW-2026-002');
  });

  it('the credit office or the pushing system initiates; others are denied', async () => {
    expect(codes(await t.run(INITIATE, { input: input() }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(INITIATE, { input: input() }, as(Role.SUBJECT, { org: t.demo.finance.code })))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await t.run(INITIATE, { input: input() }, as(Role.CREDIT_OFFICE, { region: '410300' })))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      codes(
        await t.run(INITIATE, { input: input() }, as(Role.PROCUREMENT, { region: '320900', sub: 'some-other-system' })),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      firstError(
        await t.run(INITIATE, { input: input({ implementingUnitCodes: [t.demo.enterprises[0].code] }) }, office()),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'implementingUnitCodes' });
    expect(
      firstError(await t.run(INITIATE, { input: input({ kind: 'TRUSTWORTHY_INCENTIVE' }) }, office())),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });

    const ok = await t.run(INITIATE, { input: input() }, office());
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.initiateJointMeasures).toHaveLength(2);
    expect(ok.data!.initiateJointMeasures[0]).toMatchObject({
      state: 'INITIATED',
      implementingUnitCode: t.demo.finance.code,
      responseDueOn: addDays(today(), 10),
      overdue: false,
      history: [{ fromState: null, toState: 'INITIATED', actorSub: 'yancheng-credit-office' }],
    });
    // Retry-safe: the same (record, unit, kind) is returned as it is, no second measure or event.
    const again = await t.run(INITIATE, { input: input() }, office());
    expect(again.data!.initiateJointMeasures.map((m: any) => m.id)).toEqual(
      ok.data!.initiateJointMeasures.map((m: any) => m.id),
    );
    expect(again.data!.initiateJointMeasures[0].history).toHaveLength(1);

    const [{ source_system: pusher }] = await t.sql('SELECT source_system FROM records.credit_record WHERE id = ?', [
      basisId,
    ]);
    const byPusher = await t.run(
      INITIATE,
      { input: input({ kind: 'PUBLIC_CRITICISM', implementingUnitCodes: [t.demo.finance.code] }) },
      as(Role.DEBT, { region: '320900', sub: pusher }),
    );
    expect(byPusher.errors).toBeUndefined();
    expect(byPusher.data!.initiateJointMeasures[0]).toMatchObject({ kind: 'PUBLIC_CRITICISM', state: 'INITIATED' });
  });

  it('an incentive rests on an honour record; a listing can carry punishments', async () => {
    const honour = await recordId(t, 'XY-2026-001');
    const ok = await t.run(
      INITIATE,
      {
        input: {
          basisType: 'RECORD',
          basisId: honour,
          kind: 'TRUSTWORTHY_INCENTIVE',
          implementingUnitCodes: [t.demo.finance.code],
        },
      },
      office(),
    );
    expect(ok.data!.initiateJointMeasures[0]).toMatchObject({ kind: 'TRUSTWORTHY_INCENTIVE', state: 'INITIATED' });
    const [listing] = await t.sql(`SELECT id::text FROM records.listing WHERE delisted_at IS NULL ORDER BY id LIMIT 1`);
    const listed = await t.run(
      INITIATE,
      {
        input: {
          basisType: 'LISTING',
          basisId: listing.id,
          kind: 'FUNDING_RESTRICTION',
          implementingUnitCodes: [t.demo.finance.code],
        },
      },
      office(),
    );
    expect(listed.errors).toBeUndefined();
    expect(codes(await t.run(INITIATE, { input: { ...input(), basisId: '999999' } }, office()))).toEqual(['NOT_FOUND']);
  });

  it('the implementing unit accepts and feeds back; each step is recorded with who and when', async () => {
    const [measure] = (await t.run(INITIATE, { input: input({ kind: 'PROMOTION_RESTRICTION' }) }, office())).data!
      .initiateJointMeasures;
    expect(codes(await t.run(ACCEPT, { id: measure.id }, office()))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(ACCEPT, { id: measure.id }, unit(t.demo.housing.code)))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(ACCEPT, { id: measure.id }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(
      firstError(await t.run(FEEDBACK, { id: measure.id, date: today() }, unit(t.demo.finance.code))),
    ).toMatchObject({ code: 'CONFLICT', state: 'INITIATED' });
    const accepted = await t.run(ACCEPT, { id: measure.id }, unit(t.demo.finance.code));
    expect(accepted.data!.acceptJointMeasure).toMatchObject({
      state: 'ACCEPTED',
      response: '纳入年度评优否决清单',
      feedbackDueOn: addDays(today(), 30),
    });
    expect(
      firstError(await t.run(DECLINE, { id: measure.id, reason: '不适用' }, unit(t.demo.finance.code))),
    ).toMatchObject({ code: 'CONFLICT', state: 'ACCEPTED' });
    expect(
      firstError(await t.run(FEEDBACK, { id: measure.id, date: addDays(today(), 1) }, unit(t.demo.finance.code))),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resultDate' });
    expect(codes(await t.run(FEEDBACK, { id: measure.id, date: today() }, unit(t.demo.housing.code)))).toEqual([
      'FORBIDDEN',
    ]);
    const fed = await t.run(FEEDBACK, { id: measure.id, date: today() }, unit(t.demo.finance.code, Role.SUBJECT));
    expect(fed.errors).toBeUndefined();
    expect(fed.data!.feedBackJointMeasure).toMatchObject({
      state: 'FED_BACK',
      result: '已取消其年度评优资格',
      resultDate: today(),
      history: [
        { fromState: null, toState: 'INITIATED' },
        { fromState: 'INITIATED', toState: 'ACCEPTED' },
        { fromState: 'ACCEPTED', toState: 'FED_BACK', reason: '已取消其年度评优资格' },
      ],
    });
    expect(
      firstError(await t.run(FEEDBACK, { id: measure.id, date: today() }, unit(t.demo.finance.code))),
    ).toMatchObject({ code: 'CONFLICT', state: 'FED_BACK' });
    const events = await t.run(
      `query($id: ID!) { workflowHistory(objectType: JOINT_MEASURE, id: $id) { toState actorSub actorRole at } }`,
      { id: measure.id },
      office(),
    );
    expect(events.data!.workflowHistory.map((e: any) => e.toState)).toEqual(['INITIATED', 'ACCEPTED', 'FED_BACK']);
    expect(
      codes(
        await t.run(
          `query($id: ID!) { workflowHistory(objectType: JOINT_MEASURE, id: $id) { toState } }`,
          { id: measure.id },
          as(Role.CREDIT_OFFICE, { region: '410300' }),
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('not applicable needs a reason; racing responses leave exactly one winner', async () => {
    const [, housingMeasure] = (await t.run(INITIATE, { input: input({ kind: 'PROJECT_RESTRICTION' }) }, office()))
      .data!.initiateJointMeasures;
    const housing = unit(t.demo.housing.code);
    expect(firstError(await t.run(DECLINE, { id: housingMeasure.id, reason: ' ' }, housing))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const results = await Promise.all([
      t.run(DECLINE, { id: housingMeasure.id, reason: '本单位不受理项目申报' }, housing),
      t.run(ACCEPT, { id: housingMeasure.id }, housing),
      t.run(DECLINE, { id: housingMeasure.id, reason: '重复' }, housing),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT']);
    const events = await t.sql(
      `SELECT count(*)::int AS n FROM records.workflow_event WHERE object_type = 'JOINT_MEASURE' AND object_id = ?`,
      [housingMeasure.id],
    );
    expect(events[0].n).toBe(2);
  });

  it('the initiator sees the progress of every measure; overdue responses and feedback are visible', async () => {
    const [late] = (
      await t.run(
        INITIATE,
        { input: input({ kind: 'WRITTEN_EXPLANATION', implementingUnitCodes: [t.demo.hospital.code] }) },
        office(),
      )
    ).data!.initiateJointMeasures;
    await t.sql(`UPDATE records.joint_measure SET response_due_on = ?::date WHERE id = ?`, [
      addDays(today(), -1),
      late.id,
    ]);
    const progress = await t.run(
      `query($b: ID!) { jointMeasures(filter: { basisType: RECORD, basisId: $b }) { totalCount edges { node { id kind implementingUnitCode state overdue } } } }`,
      { b: basisId },
      office(),
    );
    expect(progress.errors).toBeUndefined();
    expect(progress.data!.jointMeasures.totalCount).toBeGreaterThanOrEqual(6);
    expect(progress.data!.jointMeasures.edges.map((e: any) => e.node)).toContainEqual({
      id: late.id,
      kind: 'WRITTEN_EXPLANATION',
      implementingUnitCode: t.demo.hospital.code,
      state: 'INITIATED',
      overdue: true,
    });
    const overdue = await t.run(
      `{ jointMeasures(filter: { overdueOnly: true }) { edges { node { id } } } }`,
      {},
      office(),
    );
    expect(overdue.data!.jointMeasures.edges.map((e: any) => e.node.id)).toEqual([late.id]);
    // The implementing unit sees only what is addressed to it; PUBLIC nothing; another city nothing.
    const mine = await t.run(
      `{ jointMeasures { edges { node { implementingUnitCode } } } }`,
      {},
      unit(t.demo.hospital.code),
    );
    expect(new Set(mine.data!.jointMeasures.edges.map((e: any) => e.node.implementingUnitCode))).toEqual(
      new Set([t.demo.hospital.code]),
    );
    expect(codes(await t.run(`{ jointMeasures { totalCount } }`, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    const other = await t.run(`{ jointMeasures { totalCount } }`, {}, as(Role.CREDIT_OFFICE, { region: '410300' }));
    expect(other.data!.jointMeasures.totalCount).toBe(0);
  });
});
