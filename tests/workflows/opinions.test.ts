import type { Principal } from '../../src/auth/principal';
import { addDays, today } from '../../src/common/dates';
import { residentIdCheckChar } from '../../src/identity/resident-id';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf, viewers } from '../helpers/viewers';
import { errorPaths, firstError } from './helpers';
import { DELIVERIES, REGISTER } from '../webhooks/helpers';

// Issue #16 item 3: 廉政意见 — an organization department asks, discipline inspection answers, the answer is in the file.
const REQUEST = `mutation($codes: [String!]!, $purpose: AppointmentPurpose!, $dueOn: LocalDate, $note: String) {
  requestIntegrityOpinion(personCodes: $codes, purpose: $purpose, dueOn: $dueOn, note: $note) {
    id state purpose dueOn note overdue verdict history { fromState toState actorSub } } }`;
const ANSWER = `mutation($id: ID!, $verdict: OpinionVerdict!, $text: String) {
  answerIntegrityOpinion(id: $id, verdict: $verdict, text: $text) {
    id state verdict text answeredBy answeredOn answeredLate history { fromState toState reason } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawIntegrityOpinion(id: $id, reason: "候选人已调离") { id state } }`;
const LIST = `query($filter: IntegrityOpinionFilterInput, $first: Int) { integrityOpinions(filter: $filter, first: $first) {
  totalCount edges { node { id state purpose verdict text overdue subject { id } history { toState } } } } }`;
const FILE = `query($id: ID!) { subject(id: $id) { archive(purpose: "干部选拔任用考察") {
  integrityOpinions { id purpose verdict text note answeredOn history { reason } } } } }`;
const WARNINGS = `query { warnings(filter: { kinds: [OPINION_OVERDUE] }) { id kind state message sourceRef subject { code } } }`;

describe('廉政意见 (integrity opinions)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const due = () => addDays(today(), 10);
  const managing = () => viewers.orgDept; // 中共盐城市委组织部: manages the city cadres
  const districtOrgDept = () =>
    as(Role.ORG_DEPT, { region: '320902', org: t.demo.county('320902').orgDept.code, sub: 'tinghu-org-dept' });
  const request = (viewer: Principal, codes: string[], purpose = 'PROMOTION', dueOn = due()) =>
    t.run(REQUEST, { codes, purpose, dueOn, note: '拟提拔人选' }, viewer);
  const answer = (id: string, verdict: string, text?: string, viewer = viewers.discipline) =>
    t.run(ANSWER, { id, verdict, text }, viewer);
  const personId = async (code: string) =>
    (
      await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
        `${code.slice(0, 6)}********${code.slice(14)}`,
      ])
    )[0].id as string;
  const requestOne = async (code: string, purpose = 'PROMOTION', viewer = managing()) => {
    const result = await request(viewer, [code], purpose);
    expect(result.errors).toBeUndefined();
    return result.data!.requestIntegrityOpinion[0].id as string;
  };
  const unregistered = () => {
    const first17 = '32090219900101123';
    return first17 + residentIdCheckChar(first17);
  };

  it('REQUESTED → ANSWERED: discipline inspection of the jurisdiction answers; a repeated request is the open one', async () => {
    const code = t.demo.tradingCenterDirector.code;
    const made = await request(managing(), [code]);
    expect(made.errors).toBeUndefined();
    const [opinion] = made.data!.requestIntegrityOpinion;
    expect(opinion).toMatchObject({
      state: 'REQUESTED',
      purpose: 'PROMOTION',
      dueOn: due(),
      overdue: false,
      verdict: null,
      history: [{ fromState: null, toState: 'REQUESTED', actorSub: 'yancheng-org-dept' }],
    });
    const again = await request(managing(), [code, code]);
    expect(again.data!.requestIntegrityOpinion.map((o: { id: string }) => o.id)).toEqual([opinion.id]);
    expect(again.data!.requestIntegrityOpinion[0].history).toHaveLength(1);

    expect(firstError(await answer(opinion.id, 'CONCERNS'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    const answered = await answer(opinion.id, 'CONCERNS', '有群众反映其配偶经商问题，正在核实。');
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerIntegrityOpinion).toMatchObject({
      state: 'ANSWERED',
      verdict: 'CONCERNS',
      text: '有群众反映其配偶经商问题，正在核实。',
      answeredBy: 'yancheng-discipline',
      answeredOn: today(),
      answeredLate: false,
      // The step carries the verdict, never the text: the history is read by whoever sees the opinion.
      history: [
        { fromState: null, toState: 'REQUESTED', reason: 'PROMOTION' },
        { fromState: 'REQUESTED', toState: 'ANSWERED', reason: 'CONCERNS' },
      ],
    });
  });

  it('an illegal step is CONFLICT naming the state; REQUESTED → WITHDRAWN by the requester only', async () => {
    const id = await requestOne(t.demo.sanctionedCadre.code, 'HONOUR');
    expect(codes(await t.run(WITHDRAW, { id }, districtOrgDept()))).toEqual(['FORBIDDEN']);
    const withdrawn = await t.run(WITHDRAW, { id }, managing());
    expect(withdrawn.data!.withdrawIntegrityOpinion).toMatchObject({ state: 'WITHDRAWN' });
    const late = await answer(id, 'NO_OBJECTION');
    expect(firstError(late)).toMatchObject({ code: 'CONFLICT', state: 'WITHDRAWN' });
    expect(errorPaths(late)).toEqual([['answerIntegrityOpinion']]);
    expect(firstError(await t.run(WITHDRAW, { id }, managing()))).toMatchObject({
      code: 'CONFLICT',
      state: 'WITHDRAWN',
    });
  });

  it('racing answers: exactly one wins, the other is CONFLICT with the winner’s state', async () => {
    const id = await requestOne(t.demo.sanctionedCadre.code, 'APPOINTMENT');
    const results = await Promise.all([
      answer(id, 'NO_OBJECTION'),
      answer(id, 'UNDER_INVESTIGATION'),
      answer(id, 'CONCERNS', '另有举报。'),
    ]);
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors))
      expect(firstError(loser)).toMatchObject({ code: 'CONFLICT', state: 'ANSWERED' });
    const events = await t.sql(
      `SELECT to_state FROM records.workflow_event WHERE object_type = 'INTEGRITY_OPINION' AND object_id = ?`,
      [id],
    );
    expect(events.map((e) => e.to_state)).toEqual(['REQUESTED', 'ANSWERED']);
  });

  it('overdue: the unanswered request is overdue for its parties and raises one OPINION_OVERDUE warning; a late answer is still taken', async () => {
    const id = await requestOne(t.demo.cityCadre.code, 'PROMOTION');
    await t.sql(`UPDATE records.integrity_opinion SET due_on = ?::date WHERE id = ?`, [addDays(today(), -2), id]);
    for (const party of [managing(), viewers.discipline]) {
      const overdue = await t.run(LIST, { filter: { overdueOnly: true } }, party);
      expect(overdue.data!.integrityOpinions.edges.map((e: any) => e.node)).toEqual([
        expect.objectContaining({ id, overdue: true, state: 'REQUESTED' }),
      ]);
    }

    const seen = async (viewer: Principal) => {
      const result = await t.run(WARNINGS, {}, viewer);
      expect(result.errors).toBeUndefined();
      return result.data!.warnings.filter((w: any) => w.sourceRef === `INTEGRITY_OPINION:${id}`);
    };
    // On the requesting department, seen by the credit office of its jurisdiction; the message never names the person.
    const [warning] = await seen(viewers.creditOffice);
    expect(warning).toMatchObject({ kind: 'OPINION_OVERDUE', state: 'OPEN', subject: { code: t.demo.orgDept.code } });
    expect(warning.message).toContain('职务职级晋升');
    expect(warning.message).not.toContain('张建国');
    expect(await seen(viewers.creditOffice)).toHaveLength(1); // the sweep is idempotent
    expect(await seen(outsideClient(Role.CREDIT_OFFICE))).toHaveLength(0);
    // The warnings list stays the credit office's (and the debt system's): the parties follow `overdue` above.
    for (const viewer of [managing(), viewers.discipline, selfOf(t.demo.cityCadre.code)])
      expect(codes(await t.run(WARNINGS, {}, viewer))).toEqual(['FORBIDDEN']);

    const late = await answer(id, 'NO_OBJECTION');
    expect(late.data!.answerIntegrityOpinion).toMatchObject({ state: 'ANSWERED', answeredLate: true });
    // Closing the warning stays a human act (docs/monitoring.md): the late answer does not withdraw it.
    expect((await seen(viewers.creditOffice))[0].state).toBe('OPEN');
    const notOverdue = await t.run(LIST, { filter: { overdueOnly: true } }, managing());
    expect(notOverdue.data!.integrityOpinions.edges).toEqual([]);
  });

  it('who may request: the managing ORG_DEPT; RECRUITMENT/TRANSFER also one of the jurisdiction; others refused', async () => {
    const code = t.demo.districtCadre.code; // managed by the district organization department
    expect(codes(await request(PUBLIC_PRINCIPAL, [code]))).toEqual(['UNAUTHENTICATED']);
    for (const viewer of [
      viewers.discipline,
      viewers.creditOffice,
      selfOf(code),
      as(Role.ORG_DEPT, { region: '320900' }),
    ])
      expect(codes(await request(viewer, [code]))).toEqual(['FORBIDDEN']);
    const refused = await request(managing(), [code]);
    expect(firstError(refused)).toMatchObject({
      code: 'FORBIDDEN',
      invalid: [{ index: 0, field: 'personCodes', reason: 'MANAGING_ORG_DEPT' }],
    });
    expect((await request(districtOrgDept(), [code])).errors).toBeUndefined();
    expect((await request(managing(), [code], 'TRANSFER')).errors).toBeUndefined();
    // Outside the jurisdiction, and a number nobody registered: the same refusal.
    const luoyang = t.demo.luoyang.official.code;
    const refusal = async (code: string) => {
      const { code: errorCode, invalid } = firstError(await request(managing(), [code], 'RECRUITMENT')) ?? {};
      return { code: errorCode, invalid };
    };
    const outside = await refusal(luoyang);
    const unknown = await refusal(unregistered());
    expect(outside).toMatchObject({ code: 'FORBIDDEN', invalid: [{ index: 0, reason: 'MANAGING_ORG_DEPT' }] });
    expect(unknown).toEqual(outside);
  });

  it('all or nothing: every bad item in extensions.invalid[], nothing written; bounds on persons and dueOn', async () => {
    const before = (await t.sql(`SELECT count(*)::int AS n FROM records.integrity_opinion`))[0].n;
    const mixed = await request(
      managing(),
      [t.demo.tradingCenterDirector.code, t.demo.luoyang.official.code],
      'HONOUR',
    );
    expect(firstError(mixed)).toMatchObject({ code: 'FORBIDDEN', invalid: [{ index: 1 }] });
    const bad = await request(managing(), ['110105199001011234', t.demo.orgDept.code, t.demo.cityCadre.code]);
    expect(firstError(bad)).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalid: [
        { index: 0, field: 'personCodes' },
        { index: 1, field: 'personCodes' },
      ],
    });
    expect(firstError(await request(managing(), []))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personCodes' });
    const byDefault = await t.run(
      `mutation($codes: [String!]!) { requestIntegrityOpinion(personCodes: $codes, purpose: HONOUR) { dueOn } }`,
      { codes: [t.demo.opinionAnsweredCadre.code] },
      managing(),
    );
    expect(byDefault.data!.requestIntegrityOpinion).toEqual([{ dueOn: addDays(today(), 15) }]);
    await t.sql(`DELETE FROM records.integrity_opinion WHERE due_on = ?::date AND purpose = 'HONOUR'`, [
      addDays(today(), 15),
    ]);
    const many = Array.from({ length: 201 }, () => t.demo.cityCadre.code);
    expect(firstError(await request(managing(), many))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personCodes' });
    for (const dueOn of [today(), addDays(today(), -1), addDays(today(), 61)])
      expect(firstError(await request(managing(), [t.demo.cityCadre.code], 'HONOUR', dueOn))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'dueOn',
      });
    expect((await t.sql(`SELECT count(*)::int AS n FROM records.integrity_opinion`))[0].n).toBe(before);
  });

  it('who answers: discipline inspection of the person’s jurisdiction only', async () => {
    const id = await requestOne(t.demo.districtCadre.code, 'PROMOTION', districtOrgDept());
    expect(codes(await answer(id, 'NO_OBJECTION', undefined, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await answer(id, 'NO_OBJECTION', undefined, managing()))).toEqual(['FORBIDDEN']);
    expect(codes(await answer(id, 'NO_OBJECTION', undefined, viewers.creditOffice))).toEqual(['FORBIDDEN']);
    expect(firstError(await answer(id, 'NO_OBJECTION', undefined, outsideClient(Role.DISCIPLINE)))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'DISCIPLINE_OF_JURISDICTION',
    });
    const otherDistrict = as(Role.DISCIPLINE, { region: '320903', sub: 'yandu-discipline' });
    expect(codes(await answer(id, 'NO_OBJECTION', undefined, otherDistrict))).toEqual(['FORBIDDEN']);
    const district = as(Role.DISCIPLINE, { region: '320902', sub: 'tinghu-discipline' });
    expect((await answer(id, 'NO_OBJECTION', undefined, district)).data!.answerIntegrityOpinion.state).toBe('ANSWERED');
  });

  it('who sees the requests: the requester and discipline inspection of the jurisdiction', async () => {
    const id = await requestOne(t.demo.tradingCenterDirector.code, 'APPOINTMENT');
    const ids = async (viewer: Principal) => {
      const result = await t.run(LIST, { first: 200 }, viewer);
      expect(result.errors).toBeUndefined();
      return result.data!.integrityOpinions.edges.map((e: any) => e.node.id);
    };
    expect(await ids(managing())).toContain(id);
    expect(await ids(viewers.discipline)).toContain(id);
    expect(await ids(districtOrgDept())).not.toContain(id);
    expect(await ids(outsideClient(Role.DISCIPLINE))).toEqual([]);
    expect(await ids(viewers.creditOffice)).toEqual([]);
    expect(await ids(selfOf(t.demo.tradingCenterDirector.code))).toEqual([]);
    expect(codes(await t.run(LIST, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    const history = `query($id: ID!) { workflowHistory(objectType: INTEGRITY_OPINION, id: $id) { toState } }`;
    expect(codes(await t.run(history, { id }, viewers.creditOffice))).toEqual(['NOT_FOUND']);
    expect((await t.run(history, { id }, managing())).data!.workflowHistory).toEqual([{ toState: 'REQUESTED' }]);
  });

  it('a page of requests costs the same statements for 1 and for 20', async () => {
    const persons = [t.demo.cityCadre, t.demo.sanctionedCadre, t.demo.tradingCenterDirector].map((p) => p.code);
    for (const purpose of ['HONOUR', 'RECRUITMENT', 'TRANSFER']) await request(managing(), persons, purpose);
    const one = await t.counted(LIST, { first: 1 }, managing());
    const many = await t.counted(LIST, { first: 20 }, managing());
    expect(many.errors).toBeUndefined();
    expect(many.data!.integrityOpinions.edges.length).toBeGreaterThan(5);
    expect(many.statements).toBe(one.statements);
  });

  it('webhooks: OPINION_REQUESTED to discipline inspection of the jurisdiction, OPINION_ANSWERED to the requester; never the text', async () => {
    const code = t.demo.cityCadre.code; // no open APPOINTMENT request yet (a repeated request notifies nobody)
    const events = ['OPINION_REQUESTED', 'OPINION_ANSWERED'];
    const subscribe = async (viewer: Principal) => {
      const result = await t.run(
        REGISTER,
        { url: 'https://hooks.example.gov.cn/opinions', events, codes: [code] },
        viewer,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.registerWebhook.subscription.id as string;
    };
    const discipline = await subscribe(viewers.discipline);
    const requester = await subscribe(managing());
    const office = await subscribe(viewers.creditOffice);
    const id = await requestOne(code, 'APPOINTMENT');
    await answer(id, 'CONCERNS', '经查，其在原单位存在违规兼职问题。');
    const outbox = async (subscription: string) =>
      t.sql(`SELECT event, payload FROM records.webhook_delivery WHERE subscription_id = ? ORDER BY id`, [
        subscription,
      ]);
    expect(await outbox(discipline)).toEqual([
      {
        event: 'OPINION_REQUESTED',
        payload: expect.objectContaining({ opinion: expect.objectContaining({ id, state: 'REQUESTED' }) }),
      },
    ]);
    const toRequester = await outbox(requester);
    expect(toRequester).toEqual([
      {
        event: 'OPINION_ANSWERED',
        payload: expect.objectContaining({ opinion: expect.objectContaining({ id, verdict: 'CONCERNS' }) }),
      },
    ]);
    expect(JSON.stringify(toRequester)).not.toContain('违规兼职');
    expect(JSON.stringify(toRequester)).not.toContain(code);
    expect(await outbox(office)).toEqual([]);
    // The delivery log: the owner reads the opinion it was sent; the credit office of the jurisdiction does not.
    const body = async (viewer: Principal) => {
      const result = await t.run(DELIVERIES, { id: discipline }, viewer);
      expect(result.errors).toBeUndefined();
      return JSON.parse(result.data!.webhookDeliveries.edges[0].node.body).data.opinion;
    };
    expect(await body(viewers.discipline)).toMatchObject({ id, purpose: 'APPOINTMENT' });
    expect(await body(viewers.creditOffice)).toEqual({ withheld: true });
  });

  describe('the answer in the person’s file', () => {
    let fileOf: string;
    let concerns: string;
    let investigation: string;
    beforeAll(async () => {
      const person = t.demo.sanctionedCadre.code; // 李明
      fileOf = await personId(person);
      concerns = await requestOne(person, 'PROMOTION');
      await answer(concerns, 'CONCERNS', '其分管领域发生违规招标问题，负有领导责任。');
      investigation = await requestOne(person, 'RECRUITMENT');
      await answer(investigation, 'UNDER_INVESTIGATION');
    });

    const roles: Record<string, () => Principal> = {
      ORG_DEPT_managing: () => managing(),
      ORG_DEPT_other: () => districtOrgDept(),
      DISCIPLINE_city: () => cityClient(Role.DISCIPLINE),
      DISCIPLINE_other_city: () => outsideClient(Role.DISCIPLINE),
      CREDIT_OFFICE_city: () => cityClient(Role.CREDIT_OFFICE),
      TENDERING: () => cityClient(Role.TENDERING),
      PUBLIC: () => PUBLIC_PRINCIPAL,
      SUBJECT_self: () => selfOf(t.demo.sanctionedCadre.code),
      SUBJECT_other: () => selfOf(t.demo.cityCadre.code),
    };
    // viewer, reads the file's opinions, reads the text and UNDER_INVESTIGATION
    const matrix: [string, boolean, boolean][] = [
      ['ORG_DEPT_managing', true, true],
      ['ORG_DEPT_other', false, false],
      ['DISCIPLINE_city', true, true],
      ['DISCIPLINE_other_city', false, false],
      ['CREDIT_OFFICE_city', true, false],
      ['TENDERING', false, false],
      ['PUBLIC', false, false],
      ['SUBJECT_self', true, false],
      ['SUBJECT_other', false, false],
    ];

    it.each(matrix)('%s: opinions=%s, text and investigation=%s', async (name, sees, party) => {
      const result = await t.run(FILE, { id: fileOf }, roles[name]());
      const archive = result.data?.subject?.archive;
      if (!sees) {
        expect(archive ?? null).toBeNull();
        return;
      }
      const opinions = archive.integrityOpinions as any[];
      const byId = new Map(opinions.map((o) => [o.id, o]));
      expect(byId.get(concerns)).toMatchObject({ purpose: 'PROMOTION', verdict: 'CONCERNS', answeredOn: today() });
      if (party) {
        expect(result.errors).toBeUndefined();
        expect(byId.get(concerns).text).toBe('其分管领域发生违规招标问题，负有领导责任。');
        expect(byId.get(concerns).note).toBe('拟提拔人选');
        expect(byId.get(investigation)).toMatchObject({ verdict: 'UNDER_INVESTIGATION' });
        return;
      }
      expect(byId.has(investigation)).toBe(false);
      expect(byId.get(concerns)).toMatchObject({ text: null, note: null });
      // The history tells the steps and the verdict, not the note or the text.
      expect(byId.get(concerns).history).toEqual([{ reason: 'PROMOTION' }, { reason: 'CONCERNS' }]);
      const at = opinions.findIndex((o) => o.id === concerns);
      expect(errorPaths(result)).toContainEqual(['subject', 'archive', 'integrityOpinions', at, 'text']);
      expect(errorPaths(result)).toContainEqual(['subject', 'archive', 'integrityOpinions', at, 'note']);
      expect(codes(result).every((c) => c === 'FORBIDDEN')).toBe(true);
    });

    it('pending and withdrawn requests are not in the file', async () => {
      const result = await t.run(FILE, { id: await personId(t.demo.opinionPendingCadre.code) }, managing());
      expect(result.errors).toBeUndefined();
      expect(result.data!.subject.archive.integrityOpinions).toEqual([]);
    });
  });

  it('the demo: 陈志强 answered NO_OBJECTION in his file, 刘洋 pending in the department’s list', async () => {
    const file = await t.run(FILE, { id: await personId(t.demo.opinionAnsweredCadre.code) }, managing());
    expect(file.errors).toBeUndefined();
    expect(file.data!.subject.archive.integrityOpinions).toEqual([
      expect.objectContaining({ purpose: 'PROMOTION', verdict: 'NO_OBJECTION' }),
    ]);
    const pending = await t.run(LIST, { filter: { states: ['REQUESTED'], purpose: 'APPOINTMENT' } }, managing());
    const pendingId = await personId(t.demo.opinionPendingCadre.code);
    expect(pending.data!.integrityOpinions.edges.map((e: any) => e.node.subject.id)).toContain(pendingId);
  });
});
