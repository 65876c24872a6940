import { addDays, today } from '../../src/common/dates';
import { periodOf, previousPeriod } from '../../src/subgraphs/records/monitoring/period';
import type { Principal } from '../../src/auth/principal';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, selfOf, viewers } from '../helpers/viewers';
import { firstError } from './helpers';

/**
 * Consequences of a finding's end (issue #17 item 1, docs/workflows.md "Consequences"), one story per path: a record
 * with a listing resting on it, a joint measure on each (one ACCEPTED, one INITIATED), the warning the push raised and
 * a credit-office webhook. Each path is first made to fail at its very last write (a trigger refusing the
 * MEASURE_LIFTED, or RECORD_CORRECTED, outbox row), which must leave every fact as it was, then taken for real.
 */
describe('consequences of repair, revocation, correction, delisting, case resolution, withdrawal, repayment', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const office = viewers.creditOffice;
  const court = viewers.court;
  const unitCode = () => t.demo.finance.code;
  const unit = (code = unitCode()) =>
    as(Role.PROCUREMENT, { region: '320900', org: code, sub: `unit-${code.slice(-6)}` });
  // The period of the pushed findings: the previous one (never the published one, two back: demo-monitoring.ts); its
  // first day is at least three months ago, so a general finding decided then is repairable today.
  const period = previousPeriod(periodOf(today(), 'QUARTER'), 'QUARTER');

  const PUSH = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { recordId } } }`;
  const LIST = `mutation($input: ListingInput!) { listSubject(input: $input) { id } }`;
  const INITIATE = `mutation($input: JointMeasureInput!) { initiateJointMeasures(input: $input) { id } }`;
  const ACCEPT = `mutation($id: ID!) { acceptJointMeasure(id: $id, note: "纳入评优否决清单") { state } }`;
  const REGISTER = `mutation($url: String!, $events: [WebhookEvent!]!, $codes: [String!]!) {
    registerWebhook(url: $url, events: $events, watchCodes: $codes) { subscription { id } } }`;
  const EVENTS = [
    'DELISTED',
    'RECORD_REPAIRED',
    'RECORD_REVOKED',
    'RECORD_CORRECTED',
    'RECORD_SETTLED',
    'RECORD_WITHDRAWN',
    'MEASURE_LIFTED',
  ];
  const MEASURES = `query($id: ID!) { jointMeasures(filter: { basisId: $id }) { edges { node {
    id basisType state liftReason liftBasis liftedAt } } } }`;
  const WARNINGS = `query($code: String!) { warnings(filter: { subjectCode: $code }) { id kind state sourceRef records { id } } }`;
  const EVALUATION = `query($code: String!, $p: String!) { evaluation(subjectCode: $code, period: $p) { indicators { code value } } }`;

  interface Story {
    code: string;
    recordId: string;
    externalId: string;
    listingId: string;
    measureIds: string[];
    hook: string;
    indicator: string;
  }

  const finding = (externalId: string, code: string, extra: Record<string, unknown> = {}) => ({
    externalId,
    subject: { code },
    nature: 'DISHONESTY',
    category: 'CONTRACT_BREACH',
    domain: 'GOVERNMENT_DEBT',
    severity: 'GENERAL',
    title: `${externalId} 违约`,
    decidedAt: period.start,
    disclosure: 'GOVERNMENT',
    ...extra,
  });

  const subscribe = async (viewer: Principal, code: string, events = EVENTS) => {
    const result = await t.run(
      REGISTER,
      { url: 'https://hooks.example.gov.cn/consequences', events, codes: [code] },
      viewer,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.registerWebhook.subscription.id as string;
  };

  /** The record (by `pusher`), a tender-blacklist listing on it, a measure on each (the record's ACCEPTED), a hook. */
  async function story(
    code: string,
    externalId: string,
    options: { pusher?: Principal; record?: Record<string, unknown>; indicator?: string } = {},
  ): Promise<Story> {
    const pushed = await t.run(PUSH, { input: [finding(externalId, code, options.record)] }, options.pusher ?? office);
    expect(pushed.errors).toBeUndefined();
    const recordId = pushed.data!.submitRecords.results[0].recordId as string;
    const hook = await subscribe(office, code);
    const listed = await t.run(
      LIST,
      {
        input: {
          subject: { code },
          listType: 'TENDER_BLACKLIST',
          reason: '违约失信，列入招标投标黑名单',
          basisId: 'JS-TENDERING',
          reasonRecordIds: [recordId],
        },
      },
      // The tender platform keeps its blacklist (config/list-rules.json): in force at once, no notice.
      viewers.tendering,
    );
    expect(listed.errors).toBeUndefined();
    const listingId = listed.data!.listSubject.id as string;
    const initiate = async (basisType: string, basisId: string, kind: string) => {
      const input = { basisType, basisId, kind, implementingUnitCodes: [unitCode()] };
      const result = await t.run(INITIATE, { input }, office);
      expect(result.errors).toBeUndefined();
      return result.data!.initiateJointMeasures[0].id as string;
    };
    const onRecord = await initiate('RECORD', recordId, 'HONOURS_DISQUALIFICATION');
    const onListing = await initiate('LISTING', listingId, 'FUNDING_RESTRICTION');
    expect((await t.run(ACCEPT, { id: onRecord }, unit())).data!.acceptJointMeasure.state).toBe('ACCEPTED');
    return {
      code,
      recordId,
      externalId,
      listingId,
      measureIds: [onRecord, onListing],
      hook,
      indicator: options.indicator ?? 'BREACHES',
    };
  }

  /** Every fact a consequence may change, read through the gateway where a reader exists. */
  async function facts(s: Story) {
    const [record] = await t.sql('SELECT status FROM records.credit_record WHERE id = ?', [s.recordId]);
    const [listing] = await t.sql(
      'SELECT delisted_at IS NOT NULL AS ended, delist_reason FROM records.listing WHERE id = ?',
      [s.listingId],
    );
    const measures = [];
    for (const basis of [s.recordId, s.listingId]) {
      const result = await t.run(MEASURES, { id: basis }, office);
      expect(result.errors).toBeUndefined();
      measures.push(
        ...result
          .data!.jointMeasures.edges.map((e: any) => e.node)
          .filter((m: any) => s.measureIds.includes(m.id))
          .map((m: any) => ({ basisType: m.basisType, state: m.state, liftBasis: m.liftBasis, lifted: !!m.liftedAt })),
      );
    }
    const warnings = await t.run(WARNINGS, { code: s.code }, office);
    expect(warnings.errors).toBeUndefined();
    const evaluation = await t.run(EVALUATION, { code: s.code, p: period.code }, office);
    expect(evaluation.errors).toBeUndefined();
    const deliveries = await t.sql(
      `SELECT event, payload FROM records.webhook_delivery WHERE subscription_id = ? ORDER BY id`,
      [s.hook],
    );
    return {
      status: record.status as string,
      listingEnded: listing.ended as boolean,
      measures,
      warnings: warnings
        .data!.warnings.filter(
          (w: any) => w.records.some((r: any) => r.id === s.recordId) || w.sourceRef?.startsWith('GOVERNMENT_CASE'),
        )
        .map((w: any) => ({ kind: w.kind, state: w.state })),
      indicator: evaluation.data!.evaluation.indicators.find((i: any) => i.code === s.indicator).value as number,
      events: deliveries.map((d: any) => d.event as string),
      deliveries,
    };
  }

  /** Runs `step` while the outbox refuses `event`: the last write of each path fails, the whole step must roll back. */
  async function failingAt(event: string, step: () => Promise<unknown>) {
    await t.sql(`CREATE OR REPLACE FUNCTION records.test_refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.event = '${event}' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`);
    await t.sql(
      `CREATE TRIGGER test_refuse_outbox BEFORE INSERT ON records.webhook_delivery FOR EACH ROW EXECUTE FUNCTION records.test_refuse_outbox()`,
    );
    try {
      await step();
    } finally {
      await t.sql('DROP TRIGGER test_refuse_outbox ON records.webhook_delivery');
      await t.sql('DROP FUNCTION records.test_refuse_outbox()');
    }
  }

  /** The step fails at its last write and leaves every fact as it was; then it succeeds. */
  async function rolledBackThenDone(s: Story, event: string, step: () => Promise<any>) {
    const before = await facts(s);
    await failingAt(event, async () => expect(codes(await step())).toEqual(['INTERNAL_SERVER_ERROR']));
    expect(await facts(s)).toEqual(before);
    const done = await step();
    expect(done.errors).toBeUndefined();
    return { before, after: await facts(s), done };
  }

  /** What a retirement leaves: the record out of use, the listing ended, both measures LIFTED, the warning CLOSED. */
  function expectRetired(
    before: Awaited<ReturnType<typeof facts>>,
    after: Awaited<ReturnType<typeof facts>>,
    status: string,
    basis: string,
  ) {
    expect(before).toMatchObject({
      status: 'ACTIVE',
      listingEnded: false,
      measures: [
        { basisType: 'RECORD', state: 'ACCEPTED', lifted: false },
        { basisType: 'LISTING', state: 'INITIATED', lifted: false },
      ],
    });
    expect(before.warnings).toContainEqual({ kind: 'DEBT_RISK', state: 'OPEN' });
    expect(after).toMatchObject({
      status,
      listingEnded: true,
      measures: [
        { basisType: 'RECORD', state: 'LIFTED', lifted: true, liftBasis: expect.stringContaining(basis) },
        { basisType: 'LISTING', state: 'LIFTED', lifted: true, liftBasis: expect.stringContaining(basis) },
      ],
    });
    expect(after.warnings.filter((w: { kind: string }) => w.kind === 'DEBT_RISK')).toEqual([
      { kind: 'DEBT_RISK', state: 'CLOSED' },
    ]);
    expect(after.indicator).toBe(before.indicator - 1);
  }

  it('repair: the record, its listing, both measures, its warning and the evaluation follow; watchers are told', async () => {
    const s = await story(t.demo.county('320902').government.code, 'CQ-REPAIR-1');
    const tendering = await subscribe(cityClient(Role.TENDERING), s.code);
    const unitHook = await subscribe(unit(), s.code, ['MEASURE_LIFTED']);
    const applied = await t.run(
      `mutation($input: RepairApplicationInput!) { applyForRepair(input: $input) { id } }`,
      { input: { recordId: s.recordId, evidence: '已整改到位' } },
      selfOf(s.code),
    );
    expect(applied.errors).toBeUndefined();
    const id = applied.data!.applyForRepair.id;
    const APPROVE = `mutation($id: ID!) { approveRepair(id: $id, reason: "整改到位") { state } }`;
    const { before, after } = await rolledBackThenDone(s, 'MEASURE_LIFTED', () => t.run(APPROVE, { id }, office));
    expectRetired(before, after, 'REPAIRED', '36号');
    expect(after.events.slice(before.events.length)).toEqual([
      'RECORD_REPAIRED',
      'DELISTED',
      'MEASURE_LIFTED',
      'MEASURE_LIFTED',
    ]);
    expect(after.deliveries.find((d: any) => d.event === 'RECORD_REPAIRED').payload).toMatchObject({
      record: { id: s.recordId, status: 'REPAIRED' },
      repairApplicationId: id,
    });
    expect(
      after.deliveries.filter((d: any) => d.event === 'MEASURE_LIFTED').map((d: any) => d.payload.measure),
    ).toEqual(
      s.measureIds.map((mid) =>
        expect.objectContaining({ id: mid, state: 'LIFTED', liftReason: expect.stringContaining('信用修复') }),
      ),
    );
    // A watcher learns what it may see: the tendering system the record and the listing, not the measures (neither
    // initiator, unit nor credit office); the implementing unit its measures.
    const outbox = async (hook: string) =>
      (await t.sql(`SELECT event FROM records.webhook_delivery WHERE subscription_id = ? ORDER BY id`, [hook])).map(
        (d: any) => d.event,
      );
    expect(await outbox(tendering)).toEqual(['RECORD_REPAIRED', 'DELISTED']);
    expect(await outbox(unitHook)).toEqual(['MEASURE_LIFTED', 'MEASURE_LIFTED']);
  });

  it('the implementing unit sees its pending lift confirmations and confirms each; others may not', async () => {
    const s = await story(t.demo.county('320903').government.code, 'CQ-CONFIRM-1');
    const REVOKE = `mutation($id: ID!) { revokeObjection(id: $id, decision: "认定错误") { state } }`;
    const filed = await t.run(
      `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { recordId: s.recordId, reasons: '认定错误' } },
      selfOf(s.code),
    );
    expect((await t.run(REVOKE, { id: filed.data!.fileObjection.id }, office)).errors).toBeUndefined();
    const PENDING = `query { jointMeasures(filter: { states: [LIFTED] }) { edges { node { id liftReason } } } }`;
    const pending = await t.run(PENDING, {}, unit());
    expect(pending.data!.jointMeasures.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining(s.measureIds));
    const others = (await t.run(PENDING, {}, unit(t.demo.housing.code))).data!.jointMeasures.edges;
    expect(others.map((e: any) => e.node.id)).not.toEqual(expect.arrayContaining([s.measureIds[0]]));

    const CONFIRM = `mutation($id: ID!, $note: String!) { confirmMeasureLifted(id: $id, note: $note) {
      state liftConfirmation liftConfirmedAt history { fromState toState actorSub } } }`;
    const [id] = s.measureIds;
    const note = { id, note: '已恢复其评优资格' };
    expect(codes(await t.run(CONFIRM, note, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(firstError(await t.run(CONFIRM, note, unit(t.demo.housing.code)))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'IMPLEMENTING_UNIT',
    });
    expect(codes(await t.run(CONFIRM, note, office))).toEqual(['FORBIDDEN']);
    expect(firstError(await t.run(CONFIRM, { id, note: ' ' }, unit()))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'note',
    });
    const confirmed = await t.run(CONFIRM, note, unit());
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmMeasureLifted).toMatchObject({
      state: 'LIFT_CONFIRMED',
      liftConfirmation: '已恢复其评优资格',
      liftConfirmedAt: expect.any(String),
    });
    expect(confirmed.data!.confirmMeasureLifted.history.map((h: any) => h.toState)).toEqual([
      'INITIATED',
      'ACCEPTED',
      'LIFTED',
      'LIFT_CONFIRMED',
    ]);
    expect(firstError(await t.run(CONFIRM, note, unit()))).toMatchObject({ code: 'CONFLICT', state: 'LIFT_CONFIRMED' });
    // A lifted measure takes no other step; a measure still in force cannot be "confirmed lifted".
    expect(firstError(await t.run(ACCEPT, { id: s.measureIds[1] }, unit()))).toMatchObject({
      code: 'CONFLICT',
      state: 'LIFTED',
    });
    const live = await story(t.demo.county('320903').finance.code, 'CQ-CONFIRM-2');
    expect(firstError(await t.run(CONFIRM, { id: live.measureIds[0], note: 'x' }, unit()))).toMatchObject({
      code: 'CONFLICT',
      state: 'ACCEPTED',
    });
  });

  it('revocation (objection): the same consequences, told as RECORD_REVOKED', async () => {
    const s = await story(t.demo.county('320904').government.code, 'CQ-REVOKE-1');
    const filed = await t.run(
      `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { recordId: s.recordId, reasons: '并非本单位违约' } },
      selfOf(s.code),
    );
    const id = filed.data!.fileObjection.id;
    const REVOKE = `mutation($id: ID!) { revokeObjection(id: $id, decision: "认定错误，撤销") { state } }`;
    const { before, after } = await rolledBackThenDone(s, 'MEASURE_LIFTED', () => t.run(REVOKE, { id }, office));
    expectRetired(before, after, 'REVOKED', '异议');
    expect(after.events.slice(before.events.length)).toEqual([
      'RECORD_REVOKED',
      'DELISTED',
      'MEASURE_LIFTED',
      'MEASURE_LIFTED',
    ]);
    const revoked = after.deliveries.find((d: any) => d.event === 'RECORD_REVOKED').payload;
    expect(revoked.record).toMatchObject({ id: s.recordId, status: 'REVOKED' });
    // The decision's text stays behind the objection's own rule.
    expect(JSON.stringify(revoked)).not.toContain('认定错误');
  });

  it('correction: the record stays in use (listing, measures stand), its warning whose rule no longer holds closes (记录已更正), the evaluation reads the corrected facts, RECORD_CORRECTED', async () => {
    const s = await story(t.demo.county('320921').government.code, 'CQ-CORRECT-1');
    const filed = await t.run(
      `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { recordId: s.recordId, reasons: '属容错免责情形' } },
      selfOf(s.code),
    );
    const id = filed.data!.fileObjection.id;
    const CORRECT = `mutation($id: ID!) { correctObjection(id: $id, decision: "容错免责", correction: { tolerated: true }) { state } }`;
    const { before, after } = await rolledBackThenDone(s, 'RECORD_CORRECTED', () => t.run(CORRECT, { id }, office));
    expect(after).toMatchObject({
      status: 'ACTIVE',
      listingEnded: false,
      measures: before.measures,
      indicator: before.indicator - 1,
    });
    // A fault-tolerated (容错) record counts as no dishonesty: DEBT_RISK's trigger is gone, the warning closes.
    expect(before.warnings).toContainEqual({ kind: 'DEBT_RISK', state: 'OPEN' });
    expect(after.warnings).toEqual(
      before.warnings.map((w: { kind: string }) => (w.kind === 'DEBT_RISK' ? { ...w, state: 'CLOSED' } : w)),
    );
    const history = await t.run(
      `query($code: String!) { warnings(filter: { subjectCode: $code, kinds: [DEBT_RISK] }) { state history { toState reason } } }`,
      { code: s.code },
      office,
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.warnings[0].history.at(-1)).toEqual({
      toState: 'CLOSED',
      reason: expect.stringMatching(/^记录已更正: objection \d+: 容错免责/),
    });
    expect(after.events.slice(before.events.length)).toEqual(['RECORD_CORRECTED']);
    expect(after.deliveries.at(-1).payload).toMatchObject({
      record: { id: s.recordId, status: 'ACTIVE' },
      version: '2',
    });
  });

  it('correction the other way: a record corrected to SERIOUS raises SERIOUS_FINDING in the same transaction; readers by role', async () => {
    const s = await story(t.demo.county('320921').finance.code, 'CQ-CORRECT-2');
    const filed = await t.run(
      `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { recordId: s.recordId, reasons: '认定的情节应为严重' } },
      selfOf(s.code),
    );
    const id = filed.data!.fileObjection.id;
    const CORRECT = `mutation($id: ID!) { correctObjection(id: $id, decision: "情节严重", correction: { severity: SERIOUS }) { state } }`;
    const { before, after } = await rolledBackThenDone(s, 'RECORD_CORRECTED', () => t.run(CORRECT, { id }, office));
    expect(before.warnings).not.toContainEqual(expect.objectContaining({ kind: 'SERIOUS_FINDING' }));
    // Still a government-debt breach (DEBT_RISK holds and stays open), now serious as well.
    expect(after.warnings).toEqual(
      expect.arrayContaining([
        { kind: 'DEBT_RISK', state: 'OPEN' },
        { kind: 'SERIOUS_FINDING', state: 'OPEN' },
      ]),
    );
    const SERIOUS = `query($code: String!) { warnings(filter: { subjectCode: $code, kinds: [SERIOUS_FINDING] }) {
      rule records { id } } }`;
    expect((await t.run(SERIOUS, { code: s.code }, office)).data!.warnings).toEqual([
      { rule: 'SERIOUS_NEW_FINDING', records: [{ id: s.recordId }] },
    ]);
    // Warnings are the credit office's (and DEBT_RISK the debt system's): the subject and the public read none.
    expect(codes(await t.run(SERIOUS, { code: s.code }, selfOf(s.code)))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(SERIOUS, { code: s.code }, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    const debt = as(Role.DEBT, { region: '320900', sub: 'consequences-debt-reader' });
    expect((await t.run(SERIOUS, { code: s.code }, debt)).data!.warnings).toEqual([]);
  });

  it('delisting: the listing ends and its measure is lifted; the record, its measure and its warning stand', async () => {
    const s = await story(t.demo.county('320922').government.code, 'CQ-DELIST-1');
    const DELIST = `mutation($id: ID!) { delistSubject(id: $id, reason: "信用状况好转") { active } }`;
    const { before, after } = await rolledBackThenDone(s, 'MEASURE_LIFTED', () =>
      t.run(DELIST, { id: s.listingId }, viewers.tendering),
    );
    expect(after).toMatchObject({
      status: 'ACTIVE',
      listingEnded: true,
      measures: [
        { basisType: 'RECORD', state: 'ACCEPTED', lifted: false },
        { basisType: 'LISTING', state: 'LIFTED', lifted: true, liftBasis: expect.stringContaining('名单移出') },
      ],
      warnings: before.warnings,
      indicator: before.indicator,
    });
    expect(after.events.slice(before.events.length)).toEqual(['DELISTED', 'MEASURE_LIFTED']);
  });

  it('full repayment: the arrears record is SETTLED with every consequence, told as RECORD_SETTLED', async () => {
    const debt = as(Role.DEBT, { region: '320900', sub: 'consequences-debt' });
    const s = await story(t.demo.county('320923').government.code, 'CQ-ARREARS-1', {
      pusher: debt,
      indicator: 'ARREARS',
      record: { category: 'ARREARS', arrears: { amount: '5000.00', creditorClass: 'CONTRACTOR', dueOn: period.start } },
    });
    const REPAY = `mutation($id: ID!) { recordRepayment(recordId: $id, amount: "5000.00", paidOn: "${today()}", reference: "CQ-PAY-1") {
      status } }`;
    const { before, after, done } = await rolledBackThenDone(s, 'MEASURE_LIFTED', () =>
      t.run(REPAY, { id: s.recordId }, debt),
    );
    expect(done.data!.recordRepayment.status).toBe('SETTLED');
    expectRetired(before, after, 'SETTLED', '履行义务');
    expect(after.events.slice(before.events.length)).toEqual([
      'RECORD_SETTLED',
      'DELISTED',
      'MEASURE_LIFTED',
      'MEASURE_LIFTED',
    ]);
  });

  it('case resolution: a court case linked by number to its ENFORCEMENT_DEFAULT record retires it (SETTLED) and closes its warnings', async () => {
    const s = await story(t.demo.county('320925').government.code, 'CQ-CASE-1', {
      pusher: court,
      indicator: 'ENFORCEMENT_DEFAULTS',
      record: { category: 'ENFORCEMENT_DEFAULT', documentNo: '（2026）苏09执901号' },
    });
    // The case arrives second, its number written with ASCII brackets: the link is made on its push.
    const pushed = await t.run(
      `mutation($input: [GovernmentCaseInput!]!) { submitCases(input: $input) { caseId } }`,
      {
        input: [
          {
            caseNo: '(2026)苏09执901号',
            subjectCode: s.code,
            kind: 'ENFORCEMENT_DEFAULT',
            filedOn: addDays(today(), -120),
            summary: '拖欠工程款强制执行',
          },
        ],
      },
      court,
    );
    expect(pushed.errors).toBeUndefined();
    const id = pushed.data!.submitCases[0].caseId;
    const RESOLVE = `mutation($id: ID!) { resolveCase(id: $id, how: PERFORMED, note: "执行款已全额支付") {
      state records { id status } } }`;
    const { before, after, done } = await rolledBackThenDone(s, 'MEASURE_LIFTED', () => t.run(RESOLVE, { id }, office));
    // Filed 120 days ago: the unresolved-enforcement warning was raised (on listing warnings) and closes with the case.
    expect(before.warnings).toContainEqual({ kind: 'ENFORCEMENT_DEFAULT_UNRESOLVED', state: 'OPEN' });
    expect(after.warnings).toContainEqual({ kind: 'ENFORCEMENT_DEFAULT_UNRESOLVED', state: 'CLOSED' });
    expectRetired(before, after, 'SETTLED', '履行义务');
    expect(done.data!.resolveCase).toEqual({ state: 'RESOLVED', records: [{ id: s.recordId, status: 'SETTLED' }] });
    expect(after.events.slice(before.events.length)).toEqual([
      'RECORD_SETTLED',
      'DELISTED',
      'MEASURE_LIFTED',
      'MEASURE_LIFTED',
    ]);
  });

  describe('withdrawRecords', () => {
    const WITHDRAW = `mutation($ids: [String!]!) { withdrawRecords(externalIds: $ids, reason: "执行依据被撤销") {
      index externalId recordId withdrawn } }`;
    let s: Story;
    beforeAll(async () => {
      s = await story(t.demo.county('320981').government.code, 'CQ-WD-1', {
        pusher: court,
        indicator: 'ENFORCEMENT_DEFAULTS',
        record: { category: 'ENFORCEMENT_DEFAULT' },
      });
    });

    it('only the pushing system, its own records; bad items refused at their index, nothing withdrawn', async () => {
      const before = await facts(s);
      const ids = { ids: [s.externalId] };
      expect(codes(await t.run(WITHDRAW, ids, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await t.run(WITHDRAW, ids, selfOf(s.code)))).toEqual(['FORBIDDEN']);
      // Another court, and the same client id in another role, do not find it: it is not theirs.
      for (const other of [
        as(Role.COURT, { region: '320900', sub: 'other-court' }),
        as(Role.DEBT, { region: '320900', sub: court.clientId }),
      ]) {
        const refused = await t.run(WITHDRAW, ids, other);
        expect(firstError(refused)).toMatchObject({
          code: 'BAD_USER_INPUT',
          invalid: [{ index: 0, field: 'externalIds' }],
        });
        expect(refused.errors![0].path).toEqual(['withdrawRecords']);
      }
      for (const [batch, index] of [
        [[s.externalId, ' '], 1],
        [[s.externalId, 'CQ-WD-NONE'], 1],
        [[s.externalId, s.externalId], 1],
      ] as const) {
        expect(firstError(await t.run(WITHDRAW, { ids: batch }, court))).toMatchObject({
          code: 'BAD_USER_INPUT',
          invalid: [{ index, field: 'externalIds' }],
        });
      }
      expect(firstError(await t.run(WITHDRAW, { ids: [] }, court))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'externalIds',
      });
      expect(await facts(s)).toEqual(before);
    });

    it('the pushing court withdraws: WITHDRAWN with every consequence, told as RECORD_WITHDRAWN; a retry changes nothing', async () => {
      const { before, after, done } = await rolledBackThenDone(s, 'MEASURE_LIFTED', () =>
        t.run(WITHDRAW, { ids: [s.externalId] }, court),
      );
      expect(done.data!.withdrawRecords).toEqual([
        { index: 0, externalId: s.externalId, recordId: s.recordId, withdrawn: true },
      ]);
      expectRetired(before, after, 'WITHDRAWN', '撤回');
      expect(after.events.slice(before.events.length)).toEqual([
        'RECORD_WITHDRAWN',
        'DELISTED',
        'MEASURE_LIFTED',
        'MEASURE_LIFTED',
      ]);
      const again = await t.run(WITHDRAW, { ids: [s.externalId] }, court);
      expect(again.data!.withdrawRecords[0].withdrawn).toBe(false);
      expect(await facts(s)).toEqual(after);
      // A record out of use for another reason (here revoked) is not withdrawn over it.
      const pushed = await t.run(
        PUSH,
        { input: [finding('CQ-WD-2', s.code, { category: 'ENFORCEMENT_DEFAULT' })] },
        court,
      );
      await t.sql(`UPDATE records.credit_record SET status = 'REVOKED' WHERE id = ?`, [
        pushed.data!.submitRecords.results[0].recordId,
      ]);
      const revoked = 'CQ-WD-2';
      expect(firstError(await t.run(WITHDRAW, { ids: [revoked] }, court))).toMatchObject({
        code: 'BAD_USER_INPUT',
        invalid: [{ index: 0, field: 'externalIds', status: 'REVOKED' }],
      });
    });
  });
});
