import { addDays, today } from '../../src/common/dates';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { firstError } from './helpers';

/** 守信践诺 through the gateway: registration scope, outcomes, breach → one record, computed OVERDUE. */
describe('commitments', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const investment = () =>
    as(Role.INVESTMENT, { region: '320900', org: t.demo.investment.code, sub: 'yancheng-investment' });
  const office = () =>
    as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code, sub: 'yancheng-credit-office' });
  const county = (region: string) => t.demo.counties.find((c) => c.region === region)!;
  const REGISTER = `mutation($input: CommitmentInput!) { registerCommitment(input: $input) { id state status amount counterpartyName history { fromState toState } } }`;
  const BREACH = `mutation($id: ID!) { breachCommitment(id: $id, note: "奖励资金逾期未兑现") { id state breachRecord { category domain title } } }`;
  const FULFIL = `mutation($id: ID!) { fulfilCommitment(id: $id, note: "已兑现") { state status } }`;
  const CHANGE = `mutation($id: ID!, $basis: String!, $comp: String!) { changeCommitment(id: $id, legalBasis: $basis, compensation: $comp) { state changeLegalBasis compensation } }`;
  const contract = () => ({
    subjectCode: county('320925').government.code,
    kind: 'INVESTMENT_CONTRACT',
    title: '新能源装备产业园投资协议',
    content: '三年内兑现设备补贴 500 万元',
    counterpartyCode: t.demo.enterprises[7].code,
    counterpartyName: t.demo.enterprises[7].name,
    amount: '5000000.00',
    dueOn: addDays(today(), 30),
    disclosure: 'PUBLIC',
  });

  it('who registers which kind, in which jurisdiction', async () => {
    expect(codes(await t.run(REGISTER, { input: contract() }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(REGISTER, { input: contract() }, as(Role.COURT, { region: '320900' })))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await t.run(REGISTER, { input: contract() }, as(Role.PROCUREMENT, { region: '320900' })))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await t.run(REGISTER, { input: contract() }, as(Role.INVESTMENT, { region: '410300' })))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      firstError(await t.run(REGISTER, { input: { ...contract(), counterpartyCode: null } }, investment())),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'counterpartyCode' });
    const ok = await t.run(REGISTER, { input: contract() }, investment());
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.registerCommitment).toMatchObject({
      state: 'PENDING',
      status: 'PENDING',
      amount: '5000000.00',
      history: [{ fromState: null, toState: 'PENDING' }],
    });
    const own = await t.run(
      REGISTER,
      { input: { ...contract(), kind: 'SERVICE', counterpartyCode: null } },
      as(Role.SUBJECT, { org: county('320925').government.code }),
    );
    expect(own.errors).toBeUndefined();
    expect(
      codes(
        await t.run(
          REGISTER,
          { input: { ...contract(), kind: 'SERVICE' } },
          as(Role.SUBJECT, { org: t.demo.finance.code }),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('PUBLIC sees public commitments without counterparty and amount', async () => {
    const query = `{ commitments(filter: { kinds: [INVESTMENT_CONTRACT] }) { edges { node { title amount counterpartyName } } } }`;
    const pub = await t.run(query, {}, PUBLIC_PRINCIPAL);
    expect(pub.data!.commitments.edges.length).toBeGreaterThan(0);
    expect(pub.data!.commitments.edges[0].node).toMatchObject({ amount: null, counterpartyName: null });
    expect(pub.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(pub.errors!.map((e) => e.path!.at(-1))).toEqual(expect.arrayContaining(['amount', 'counterpartyName']));
    const gov = await t.run(query, {}, investment());
    expect(gov.errors).toBeUndefined();
  });

  it('a breach creates exactly one dishonesty record on the committing subject, in the same transaction', async () => {
    const reg = await t.run(REGISTER, { input: contract() }, investment());
    const id = reg.data!.registerCommitment.id;
    expect(
      codes(await t.run(BREACH, { id }, as(Role.INVESTMENT, { region: '320900', sub: 'another-investment-system' }))),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(BREACH, { id }, as(Role.SUBJECT, { org: county('320925').government.code })))).toEqual([
      'FORBIDDEN',
    ]);
    const results = await Promise.all([
      t.run(BREACH, { id }, investment()),
      t.run(BREACH, { id }, investment()),
      t.run(FULFIL, { id }, office()),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT']);
    const records = await t.sql(
      `SELECT category, domain, subject_region FROM records.credit_record WHERE external_id = ?`,
      [`commitment:${id}`],
    );
    const state = (await t.sql(`SELECT state FROM records.commitment WHERE id = ?`, [id]))[0].state;
    if (state === 'BREACHED') {
      expect(records).toEqual([
        { category: 'CONTRACT_BREACH', domain: 'INVESTMENT_PROMOTION', subject_region: '320925' },
      ]);
      const status = await t.run(`query($c: String!) { creditStatus(code: $c) { activeDishonestyCount } }`, {
        c: county('320925').government.code,
      });
      expect(status.data!.creditStatus.activeDishonestyCount).toBe(1);
    } else {
      expect(records).toEqual([]);
    }
    expect(firstError(await t.run(BREACH, { id }, investment()))).toMatchObject({ code: 'CONFLICT', state });
  });

  it('a breached commitment links its record; a lawful change needs legal basis and compensation', async () => {
    const reg = await t.run(
      REGISTER,
      { input: { ...contract(), kind: 'INVESTMENT_POLICY', title: '人才公寓政策承诺' } },
      investment(),
    );
    const breached = await t.run(BREACH, { id: reg.data!.registerCommitment.id }, office());
    expect(breached.data!.breachCommitment).toMatchObject({
      state: 'BREACHED',
      breachRecord: {
        category: 'COMMITMENT_BREACH',
        domain: 'INVESTMENT_PROMOTION',
        title: '未践行承诺：人才公寓政策承诺',
      },
    });
    const other = await t.run(REGISTER, { input: contract() }, investment());
    const id = other.data!.registerCommitment.id;
    expect(firstError(await t.run(CHANGE, { id, basis: ' ', comp: '补偿' }, investment()))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'legalBasis',
    });
    const changed = await t.run(
      CHANGE,
      { id, basis: '省政府规划调整批复', comp: '按协议赔偿损失 80 万元' },
      investment(),
    );
    expect(changed.data!.changeCommitment).toEqual({
      state: 'CHANGED',
      changeLegalBasis: '省政府规划调整批复',
      compensation: '按协议赔偿损失 80 万元',
    });
    expect(firstError(await t.run(FULFIL, { id }, investment()))).toMatchObject({ code: 'CONFLICT', state: 'CHANGED' });
  });

  it('a commitment past its due date shows as OVERDUE without any job; filters follow the shown status', async () => {
    const reg = await t.run(
      REGISTER,
      { input: { ...contract(), dueOn: addDays(today(), -1), title: '逾期承诺' } },
      investment(),
    );
    expect(reg.data!.registerCommitment).toMatchObject({ state: 'PENDING', status: 'OVERDUE' });
    const overdue = await t.run(
      `{ commitments(filter: { statuses: [OVERDUE] }) { edges { node { title status } } } }`,
      {},
      investment(),
    );
    expect(overdue.data!.commitments.edges.map((e: any) => e.node)).toContainEqual({
      title: '逾期承诺',
      status: 'OVERDUE',
    });
    const pending = await t.run(
      `{ commitments(filter: { statuses: [PENDING] }) { edges { node { status } } } }`,
      {},
      investment(),
    );
    expect(pending.data!.commitments.edges.every((e: any) => e.node.status === 'PENDING')).toBe(true);
    // Fulfilled late is still fulfilled: the change of officials or dates does not end it.
    const done = await t.run(FULFIL, { id: reg.data!.registerCommitment.id }, investment());
    expect(done.data!.fulfilCommitment).toEqual({ state: 'FULFILLED', status: 'FULFILLED' });
  });
});
