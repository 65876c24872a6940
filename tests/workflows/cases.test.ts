import { addDays, today } from '../../src/common/dates';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf, viewers } from '../helpers/viewers';
import { firstError } from './helpers';

/** 涉府失信案件台账 through the gateway: idempotent court pushes, resolution, the ledger on a fixed dataset. */
describe('government case ledger', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    // A fixed dataset: the demo cases (dated relative to today) are removed first.
    await t.sql(`DELETE FROM records.workflow_event WHERE object_type = 'GOVERNMENT_CASE'`);
    await t.sql('DELETE FROM records.government_case');
  });
  afterAll(() => t.close());
  const SUBMIT = `mutation($input: [GovernmentCaseInput!]!) { submitCases(input: $input) { index caseNo outcome caseId } }`;
  const RESOLVE = `mutation($id: ID!, $on: LocalDate) { resolveCase(id: $id, how: PERFORMED, note: "执行款已全额支付", resolvedOn: $on) {
    id state resolution resolvedOn history { fromState toState actorSub reason } } }`;
  const LEDGER = `query($p: String!, $from: String!, $to: String!) { caseLedger(regionPrefix: $p, fromMonth: $from, toMonth: $to) { division month stock newCases cleared } }`;
  const kase = (caseNo: string, subjectCode: string, filedOn: string, kind = 'PENDING_LITIGATION') => ({
    caseNo,
    subjectCode,
    kind,
    filedOn,
    summary: `${caseNo} 案件`,
    amount: '100000.00',
  });

  it('the ledger gives per division and month the stock, new and cleared cases (fixed dataset)', async () => {
    const pushed = await t.run(
      SUBMIT,
      {
        input: [
          kase('（2024）苏0921执100号', t.demo.county('320921').government.code, '2024-12-15', 'ENFORCEMENT_DEFAULT'),
          kase('（2025）苏0921民初1号', t.demo.county('320921').finance.code, '2025-01-05'),
          kase('（2025）苏0921民初2号', t.demo.county('320921').township.code, '2025-01-31'),
          kase('（2025）苏0922执3号', t.demo.county('320922').government.code, '2025-03-01', 'ENFORCEMENT_DEFAULT'),
          kase('（2025）苏0922行初4号', t.demo.county('320922').housing.code, '2025-02-28'),
          kase('（2025）豫03执5号', t.demo.luoyang.government.code, '2025-01-10', 'ENFORCEMENT_DEFAULT'),
        ],
      },
      viewers.court,
    );
    expect(pushed.errors).toBeUndefined();
    const id = (i: number) => pushed.data!.submitCases[i].caseId;
    for (const [i, on] of [
      [0, '2025-02-10'],
      [2, '2025-01-31'],
      [3, '2025-04-30'],
    ] as const) {
      expect((await t.run(RESOLVE, { id: id(i), on }, viewers.creditOffice)).errors).toBeUndefined();
    }
    const ledger = await t.run(LEDGER, { p: '3209', from: '2025-01', to: '2025-04' }, viewers.creditOffice);
    expect(ledger.errors).toBeUndefined();
    const row = (division: string, month: string, stock: number, newCases: number, cleared: number) => ({
      division,
      month,
      stock,
      newCases,
      cleared,
    });
    expect(ledger.data!.caseLedger).toEqual([
      row('320921', '2025-01', 2, 2, 1),
      row('320921', '2025-02', 1, 0, 1),
      row('320921', '2025-03', 1, 0, 0),
      row('320921', '2025-04', 1, 0, 0),
      row('320922', '2025-01', 0, 0, 0),
      row('320922', '2025-02', 1, 1, 0),
      row('320922', '2025-03', 2, 1, 0),
      row('320922', '2025-04', 1, 0, 1),
    ]);
    // One county only; a month range of one; the pushing court reads the ledger of its own cases too.
    const county921 = await t.run(LEDGER, { p: '320921', from: '2025-02', to: '2025-02' }, viewers.court);
    expect(county921.data!.caseLedger).toEqual([row('320921', '2025-02', 1, 0, 1)]);

    // 排查 per court: a county court's case in 320921 is its own row; per division the two add up.
    const countyCourt = as(Role.COURT, { region: '320921', sub: 'xiangshui-court' });
    const county = [kase('（2025）苏0921民初7号', t.demo.county('320921').housing.code, '2025-02-03')];
    const countyCase = await t.run(SUBMIT, { input: county }, countyCourt);
    expect(countyCase.errors).toBeUndefined();
    const BY_COURT = `query($p: String!, $from: String!, $to: String!) {
      caseLedger(regionPrefix: $p, fromMonth: $from, toMonth: $to, byCourt: true) { division court month stock newCases cleared } }`;
    const byCourt = await t.run(BY_COURT, { p: '320921', from: '2025-02', to: '2025-02' }, viewers.creditOffice);
    expect(byCourt.errors).toBeUndefined();
    const courtRow = (court: string, stock: number, newCases: number, cleared: number) => ({
      ...row('320921', '2025-02', stock, newCases, cleared),
      court,
    });
    expect(byCourt.data!.caseLedger).toEqual([
      courtRow('xiangshui-court', 1, 1, 0),
      courtRow(viewers.court.clientId, 1, 0, 1),
    ]);
    const perDivision = await t.run(LEDGER, { p: '320921', from: '2025-02', to: '2025-02' }, viewers.creditOffice);
    expect(perDivision.data!.caseLedger).toEqual([row('320921', '2025-02', 2, 1, 1)]);
    // A court's own ledger by court shows only itself.
    const own = await t.run(BY_COURT, { p: '320921', from: '2025-02', to: '2025-02' }, countyCourt);
    expect(own.data!.caseLedger).toEqual([courtRow('xiangshui-court', 1, 1, 0)]);
    const resolved = await t.run(
      RESOLVE,
      { id: countyCase.data!.submitCases[0].caseId, on: '2025-03-03' },
      viewers.creditOffice,
    );
    expect(resolved.errors).toBeUndefined();
  });

  it('who reads the ledger; its arguments are checked', async () => {
    expect(codes(await t.run(LEDGER, { p: '3209', from: '2025-01', to: '2025-04' }, PUBLIC_PRINCIPAL))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      codes(await t.run(LEDGER, { p: '3209', from: '2025-01', to: '2025-04' }, cityClient(Role.INVESTMENT))),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await t.run(LEDGER, { p: '3209', from: '2025-01', to: '2025-04' }, outsideClient(Role.CREDIT_OFFICE))),
    ).toEqual(['FORBIDDEN']);
    const luoyang = await t.run(
      LEDGER,
      { p: '4103', from: '2025-01', to: '2025-01' },
      outsideClient(Role.CREDIT_OFFICE),
    );
    expect(luoyang.data!.caseLedger).toEqual([
      { division: '410300', month: '2025-01', stock: 1, newCases: 1, cleared: 0 },
    ]);
    const otherCourt = await t.run(
      LEDGER,
      { p: '3209', from: '2025-01', to: '2025-04' },
      as(Role.COURT, { region: '320900', sub: 'another-court' }),
    );
    expect(otherCourt.data!.caseLedger).toEqual([]);
    expect(
      firstError(await t.run(LEDGER, { p: '3209', from: '2025-13', to: '2025-04' }, viewers.creditOffice)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fromMonth',
    });
    expect(
      firstError(await t.run(LEDGER, { p: '3209', from: '2025-05', to: '2025-04' }, viewers.creditOffice)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fromMonth',
    });
    expect(
      firstError(await t.run(LEDGER, { p: '3209', from: '2015-01', to: '2025-04' }, viewers.creditOffice)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toMonth',
    });
  });

  it('courts push, idempotent on the case number; only government organs, institutions and village/community bodies', async () => {
    const input = [kase('（2026）苏0923民初9号', t.demo.county('320923').government.code, today())];
    expect(codes(await t.run(SUBMIT, { input }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(SUBMIT, { input }, viewers.creditOffice))).toEqual(['FORBIDDEN']);
    const first = await t.run(SUBMIT, { input }, viewers.court);
    expect(first.data!.submitCases[0]).toMatchObject({ outcome: 'CREATED' });
    const caseId = first.data!.submitCases[0].caseId;
    expect((await t.run(SUBMIT, { input }, viewers.court)).data!.submitCases[0]).toEqual({
      index: 0,
      caseNo: '（2026）苏0923民初9号',
      outcome: 'UNCHANGED',
      caseId,
    });
    await t.run(RESOLVE, { id: caseId }, viewers.creditOffice);
    const changed = await t.run(SUBMIT, { input: [{ ...input[0], amount: '250000.00' }] }, viewers.court);
    expect(changed.data!.submitCases[0]).toMatchObject({ outcome: 'UPDATED', caseId });
    const after = await t.run(
      `{ governmentCases(filter: { regionPrefix: "320923" }) { edges { node { caseNo amount version state history { toState } } } } }`,
      {},
      viewers.creditOffice,
    );
    expect(after.data!.governmentCases.edges.map((e: any) => e.node)).toEqual([
      {
        caseNo: '（2026）苏0923民初9号',
        amount: '250000.00',
        version: 2,
        state: 'RESOLVED',
        history: [{ toState: 'OPEN' }, { toState: 'RESOLVED' }],
      },
    ]);
    expect(
      firstError(
        await t.run(SUBMIT, { input: [kase('X-1', t.demo.blacklistedEnterprise.code, today())] }, viewers.court),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'subjectCode' });
    expect(
      firstError(await t.run(SUBMIT, { input: [kase('X-2', t.demo.cityCadre.code, today())] }, viewers.court)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectCode' });
    expect(
      firstError(
        await t.run(
          SUBMIT,
          { input: [kase('X-3', t.demo.hospital.code, today()), kase('X-3', t.demo.hospital.code, today())] },
          viewers.court,
        ),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'caseNo' });
    expect(
      (await t.run(SUBMIT, { input: [kase('X-4', t.demo.hospital.code, today())] }, viewers.court)).data!.submitCases[0]
        .outcome,
    ).toBe('CREATED');
    // The debt office pushes the arrears disputes it follows (清欠) and sees those, not the court's.
    expect(codes(await t.run(SUBMIT, { input }, cityClient(Role.PROCUREMENT)))).toEqual(['FORBIDDEN']);
    const debt = await t.run(SUBMIT, { input: [kase('QQ-1', t.demo.hospital.code, today())] }, viewers.debt);
    expect(debt.data!.submitCases[0].outcome).toBe('CREATED');
    const seenByDebt = await t.run(`{ governmentCases { edges { node { caseNo } } } }`, {}, viewers.debt);
    expect(seenByDebt.data!.governmentCases.edges.map((e: any) => e.node.caseNo)).toEqual(['QQ-1']);
    const resolvedDebt = await t.run(
      RESOLVE,
      { id: debt.data!.submitCases[0].caseId, on: today() },
      viewers.creditOffice,
    );
    expect(resolvedDebt.errors).toBeUndefined();
    // 村居: a village committee is a case party like the organs (it counts in its division's ledger).
    const village = await t.run(SUBMIT, { input: [kase('X-5', t.demo.village.code, today())] }, viewers.court);
    expect(village.errors).toBeUndefined();
    expect(village.data!.submitCases[0].outcome).toBe('CREATED');
    const [row] = await t.sql(`SELECT subject_region FROM records.government_case WHERE external_id = 'X-5'`);
    expect(row.subject_region).toBe('320924');
  });

  it('a batch with three bad cases of five reports all three (index and field each) and writes nothing', async () => {
    const cases = async () => Number((await t.sql('SELECT count(*)::int AS n FROM records.government_case'))[0].n);
    const before = await cases();
    const code = t.demo.hospital.code;
    const input = [
      kase('B5-0', code, today()),
      { ...kase('B5-1', code, today()), summary: ' ' },
      kase('B5-2', code, addDays(today(), 1)),
      kase('B5-3', code, today()),
      { ...kase('B5-4', code, today()), amount: '12,5' },
    ];
    const result = await t.run(SUBMIT, { input }, viewers.court);
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'summary' });
    expect(result.errors![0].path).toEqual(['submitCases']);
    const invalid = result.errors![0].extensions!.invalid as { index: number; field: string }[];
    expect(invalid.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 1, field: 'summary' },
      { index: 2, field: 'filedOn' },
      { index: 4, field: 'amount' },
    ]);
    expect(await cases()).toBe(before);
  });

  it('the credit office of the jurisdiction resolves; others are denied; racing resolutions leave one winner', async () => {
    const pushed = await t.run(
      SUBMIT,
      {
        input: [
          kase('（2026）苏0924执7号', t.demo.county('320924').government.code, '2026-01-05', 'ENFORCEMENT_DEFAULT'),
        ],
      },
      viewers.court,
    );
    const id = pushed.data!.submitCases[0].caseId;
    expect(codes(await t.run(RESOLVE, { id }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(RESOLVE, { id }, viewers.court))).toEqual(['FORBIDDEN']);
    // The role may resolve cases (the ability); this row is outside its jurisdiction (the step right).
    expect(firstError(await t.run(RESOLVE, { id }, outsideClient(Role.CREDIT_OFFICE)))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'CREDIT_OFFICE_OF_JURISDICTION',
    });
    expect(firstError(await t.run(RESOLVE, { id, on: '2025-12-31' }, viewers.creditOffice))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'resolvedOn',
    });
    const race = await Promise.all([
      t.run(RESOLVE, { id }, viewers.creditOffice),
      t.run(RESOLVE, { id }, viewers.creditOffice),
      t.run(RESOLVE, { id }, as(Role.CREDIT_OFFICE, { region: '320924', sub: 'sheyang-credit-office' })),
    ]);
    expect(race.filter((r) => !r.errors)).toHaveLength(1);
    expect(race.flatMap((r) => (r.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.state]))).toEqual([
      ['CONFLICT', 'RESOLVED'],
      ['CONFLICT', 'RESOLVED'],
    ]);
    const winner = race.find((r) => !r.errors)!.data!.resolveCase;
    expect(winner).toMatchObject({
      state: 'RESOLVED',
      resolution: 'PERFORMED',
      resolvedOn: today(),
      history: [
        { fromState: null, toState: 'OPEN', actorSub: 'yancheng-court' },
        { fromState: 'OPEN', toState: 'RESOLVED', reason: 'PERFORMED: 执行款已全额支付' },
      ],
    });
    // The organ sees its own cases; another organ does not; PUBLIC has none.
    const own = await t.run(
      `{ governmentCases { edges { node { caseNo overdue } } } }`,
      {},
      selfOf(t.demo.county('320924').government.code),
    );
    expect(own.data!.governmentCases.edges.map((e: any) => e.node.caseNo)).toEqual(['（2026）苏0924执7号']);
    expect(
      (await t.run(`{ governmentCases { totalCount } }`, {}, selfOf(t.demo.county('320925').government.code))).data!
        .governmentCases.totalCount,
    ).toBe(0);
    expect(codes(await t.run(`{ governmentCases { totalCount } }`, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    const history = await t.run(
      `query($id: ID!) { workflowHistory(objectType: GOVERNMENT_CASE, id: $id) { toState } }`,
      { id },
      viewers.creditOffice,
    );
    expect(history.data!.workflowHistory).toEqual([{ toState: 'OPEN' }, { toState: 'RESOLVED' }]);
  });

  it('long-pending OPEN cases are shown overdue (policy caseResolutionDays)', async () => {
    const overdue = await t.run(
      `{ governmentCases(filter: { overdueOnly: true }) { edges { node { caseNo overdue state } } } }`,
      {},
      viewers.creditOffice,
    );
    expect(overdue.data!.governmentCases.edges.map((e: any) => e.node)).toEqual([
      { caseNo: '（2025）苏0922行初4号', overdue: true, state: 'OPEN' },
      { caseNo: '（2025）苏0921民初1号', overdue: true, state: 'OPEN' },
    ]);
  });

  it('a case and its ENFORCEMENT_DEFAULT records are linked by number whichever arrives first; its resolution decides theirs', async () => {
    const code = t.demo.county('320903').township.code;
    const PUSH = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { recordId outcome } } }`;
    const record = (externalId: string, documentNo: string, extra: Record<string, unknown> = {}) => ({
      externalId,
      subject: { code },
      nature: 'DISHONESTY',
      category: 'ENFORCEMENT_DEFAULT',
      domain: 'GENERAL',
      severity: 'SERIOUS',
      title: `${externalId} 拒不履行生效判决`,
      decidedAt: addDays(today(), -30),
      disclosure: 'GOVERNMENT',
      documentNo,
      ...extra,
    });
    const push = async (input: unknown[], viewer = viewers.court) => {
      const result = await t.run(PUSH, { input }, viewer);
      expect(result.errors).toBeUndefined();
      return result.data!.submitRecords.results.map((r: any) => r.recordId as string);
    };
    const filedOn = addDays(today(), -20);
    // 1. The record first, then its case (ASCII brackets in the case number).
    const [r1] = await push([record('LK-R1', '（2026）苏0903执11号')]);
    // 2. The case first, then its record (〔〕 and a trailing space), pushed RESTRICTED by the credit office; beside
    // it a record of another subject with the same number and one of another category: neither is linked.
    const cases = await t.run(
      SUBMIT,
      {
        input: [
          kase('(2026)苏0903执11号', code, filedOn, 'ENFORCEMENT_DEFAULT'),
          kase('（2026）苏0903执12号', code, filedOn, 'ENFORCEMENT_DEFAULT'),
        ],
      },
      viewers.court,
    );
    expect(cases.errors).toBeUndefined();
    const [c1, c2] = cases.data!.submitCases.map((c: any) => c.caseId);
    const [r2] = await push(
      [record('LK-R2', '〔2026〕苏0903执12号 ', { disclosure: 'RESTRICTED' })],
      viewers.creditOffice,
    );
    await push([
      record('LK-R3', '（2026）苏0903执12号', { subject: { code: t.demo.county('320903').finance.code } }),
      record('LK-R4', '（2026）苏0903执12号', { category: 'LITIGATION_LOST', severity: 'GENERAL' }),
    ]);
    const LINKED = `{ governmentCases(filter: { regionPrefix: "320903" }) { edges { node { id records { id status } } } } }`;
    const linked = async (viewer = viewers.creditOffice) => {
      const result = await t.run(LINKED, {}, viewer);
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(result.data!.governmentCases.edges.map((e: any) => [e.node.id, e.node.records]));
    };
    expect(await linked()).toMatchObject({
      [c1]: [{ id: r1, status: 'ACTIVE' }],
      [c2]: [{ id: r2, status: 'ACTIVE' }],
    });
    // Each record as far as the reader may see it: the court pushed the cases, not the RESTRICTED record.
    expect(await linked(viewers.court)).toMatchObject({ [c1]: [{ id: r1 }], [c2]: [] });
    expect(await linked(selfOf(code))).toMatchObject({ [c1]: [{ id: r1 }], [c2]: [{ id: r2 }] });
    expect(codes(await t.run(LINKED, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    // A re-push that changes the number moves the link; the old number again brings it back.
    await push([record('LK-R1', '（2026）苏0903执99号')]);
    expect((await linked())[c1]).toEqual([]);
    await push([record('LK-R1', '（2026）苏0903执11号')]);
    expect((await linked())[c1]).toEqual([{ id: r1, status: 'ACTIVE' }]);

    // CONCLUDED (终结) leaves the default standing; WITHDRAWN (撤回执行申请) withdraws the record.
    const resolve = (id: string, how: string) =>
      t.run(
        `mutation($id: ID!, $how: CaseResolution!) { resolveCase(id: $id, how: $how, note: "结案") { state records { id status } } }`,
        { id, how },
        viewers.creditOffice,
      );
    expect((await resolve(c1, 'CONCLUDED')).data!.resolveCase).toEqual({
      state: 'RESOLVED',
      records: [{ id: r1, status: 'ACTIVE' }],
    });
    expect((await resolve(c2, 'WITHDRAWN')).data!.resolveCase).toEqual({
      state: 'RESOLVED',
      records: [{ id: r2, status: 'WITHDRAWN' }],
    });
    const events = await t.sql(
      `SELECT from_state, to_state, actor_sub FROM records.workflow_event WHERE object_type = 'CREDIT_RECORD' AND object_id = ? ORDER BY id`,
      [r2],
    );
    expect(events.at(-1)).toEqual({
      from_state: 'ACTIVE',
      to_state: 'WITHDRAWN',
      actor_sub: viewers.creditOffice.clientId,
    });
  });
});
