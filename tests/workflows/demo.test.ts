import { addDays, addMonths, today } from '../../src/common/dates';
import { DEMO_MARKET_PARTY, DEMO_MARKET_PENALTIES } from '../../src/seed/demo/records/market-penalties';
import { PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient } from '../helpers/viewers';

/** The demo data has an example of every workflow in every state (docs/workflows.md walkthrough). */
describe('workflow demo data', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('has commitments, objections and repairs in every state, each with its history', async () => {
    const office = cityClient(Role.CREDIT_OFFICE);
    const result = await t.run(
      `{
      commitments { edges { node { status history { toState } } } }
      objections { edges { node { state record { disputed } } } }
      repairApplications { edges { node { state record { status } } } } }`,
      {},
      office,
    );
    expect(result.errors).toBeUndefined();
    const statuses = (list: any[], key: string) => new Set(list.map((e) => e.node[key]));
    expect(statuses(result.data.commitments.edges, 'status')).toEqual(
      new Set(['PENDING', 'OVERDUE', 'FULFILLED', 'BREACHED', 'CHANGED']),
    );
    expect(statuses(result.data.objections.edges, 'state')).toEqual(
      new Set(['FILED', 'UPHELD', 'CORRECTED', 'REVOKED']),
    );
    expect(statuses(result.data.repairApplications.edges, 'state')).toEqual(
      new Set(['SUBMITTED', 'APPROVED', 'REJECTED']),
    );
    const filed = result.data.objections.edges.find((e: any) => e.node.state === 'FILED').node;
    expect(filed.record.disputed).toBe(true);
    const approved = result.data.repairApplications.edges.find((e: any) => e.node.state === 'APPROVED').node;
    expect(approved.record.status).toBe('REPAIRED');
    for (const edge of result.data.commitments.edges) expect(edge.node.history.length).toBeGreaterThan(0);
  });

  it('has joint measures, complaints and government cases in every state', async () => {
    const office = cityClient(Role.CREDIT_OFFICE);
    const result = await t.run(
      `{
      jointMeasures { edges { node { state history { toState } } } }
      complaints { edges { node { state reporterContact record { category } } } }
      governmentCases { edges { node { state overdue } } } }`,
      {},
      office,
    );
    expect(result.errors).toBeUndefined();
    const states = (list: any[]) => new Set(list.map((e) => e.node.state));
    expect(states(result.data.jointMeasures.edges)).toEqual(
      new Set(['INITIATED', 'ACCEPTED', 'NOT_APPLICABLE', 'FED_BACK', 'LIFTED', 'LIFT_CONFIRMED']),
    );
    expect(states(result.data.complaints.edges)).toEqual(
      new Set(['SUBMITTED', 'ASSIGNED', 'VERIFIED', 'REJECTED', 'CLOSED']),
    );
    expect(states(result.data.governmentCases.edges)).toEqual(new Set(['OPEN', 'RESOLVED']));
    const verified = result.data.complaints.edges.find((e: any) => e.node.state === 'VERIFIED').node;
    expect(verified.record).toEqual({ category: 'COMMITMENT_BREACH' });
    expect(result.data.governmentCases.edges.some((e: any) => e.node.overdue)).toBe(true);
  });

  it('has blacklist checks reported on and not, and an admission despite BLOCK (自动监督)', async () => {
    const month = today().slice(0, 7);
    const result = await t.run(
      `query($month: String!) { interceptionLedger(regionPrefix: "3209", fromMonth: $month, toMonth: $month) {
        platform checks blocked excluded admittedDespiteBlock unreported overrides { lot reason } } }`,
      { month },
      cityClient(Role.CREDIT_OFFICE),
    );
    expect(result.errors).toBeUndefined();
    const rows = Object.fromEntries(
      result.data.interceptionLedger.map(({ platform, ...counts }: { platform: string }) => [platform, counts]),
    );
    expect(rows['yancheng-tendering']).toMatchObject({
      checks: 3,
      blocked: 2,
      excluded: 1,
      admittedDespiteBlock: 1,
      unreported: 0,
      overrides: [{ lot: '02', reason: expect.any(String) }],
    });
    expect(rows['yancheng-procurement']).toMatchObject({ checks: 1, blocked: 0, unreported: 1 });
  });

  it('has a finding’s whole life: a case’s record SETTLED, a withdrawal, a repair, their measures LIFTED (#17)', async () => {
    const office = cityClient(Role.CREDIT_OFFICE);
    const code = t.demo.community.code;
    const result = await t.run(
      `query($code: String!) {
        subject(code: $code) { records(filter: { statuses: [SETTLED, WITHDRAWN, REPAIRED] }) { edges { node { externalId status } } } }
        jointMeasures(filter: { states: [LIFTED, LIFT_CONFIRMED] }) { edges { node { state liftReason subject { code } } } }
        governmentCases { edges { node { state subject { code } records { externalId status } } } } }`,
      { code },
      office,
    );
    expect(result.errors).toBeUndefined();
    const statuses = Object.fromEntries(
      result.data.subject.records.edges.map((e: any) => [e.node.externalId, e.node.status]),
    );
    expect(statuses).toEqual({
      'LIFE-COURT-01': 'SETTLED',
      'LIFE-COURT-02': 'WITHDRAWN',
      'LIFE-OFFICE-01': 'REPAIRED',
    });
    const lifted = result.data.jointMeasures.edges.filter((e: any) => e.node.subject?.code === code);
    expect(lifted.map((e: any) => e.node.state).sort()).toEqual(['LIFTED', 'LIFT_CONFIRMED']);
    for (const e of lifted) expect(e.node.liftReason).toEqual(expect.any(String));
    const resolved = result.data.governmentCases.edges.find((e: any) => e.node.subject?.code === code).node;
    expect(resolved).toMatchObject({
      state: 'RESOLVED',
      records: [{ externalId: 'LIFE-COURT-01', status: 'SETTLED' }],
    });
  });

  it('has market-regulation 双公示 penalties under each SAMR Order 45 rule, imported (#17 item 3)', async () => {
    const READ = `query($code: String!) { subject(code: $code) { records { edges { node {
      externalId category disclosure publicUntil } } } } }`;
    const read = async (viewer = PUBLIC_PRINCIPAL) => {
      const result = await t.run(READ, { code: DEMO_MARKET_PARTY.code }, viewer);
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(
        result.data.subject.records.edges.map(({ node: { externalId, ...rest } }: any) => [externalId, rest]),
      );
    };
    const now = today();
    // A window of N months from D ends on D + N months - 1 day.
    const window = (decided: string, months: number) => addDays(addMonths(decided, months), -1);
    const penalty = (disclosure: string, publicUntil: string) => ({
      category: 'ADMINISTRATIVE_PENALTY',
      disclosure,
      publicUntil,
    });
    const published = {
      [DEMO_MARKET_PENALTIES.criticism]: penalty('PUBLIC', window(addMonths(now, -1), 3)),
      [DEMO_MARKET_PENALTIES.largeFine]: penalty('PUBLIC', window(addMonths(now, -13), 36)),
      [DEMO_MARKET_PENALTIES.authorityDeadline]: penalty('PUBLIC', addMonths(now, 4)),
    };
    // The public: the criticism, the large fine (in its second year), the fine until the authority's 公示截止期.
    expect(await read()).toEqual(published);
    // The credit office: the warning too, never published, shared for 3 months.
    expect(await read(cityClient(Role.CREDIT_OFFICE))).toEqual({
      ...published,
      [DEMO_MARKET_PENALTIES.warning]: penalty('GOVERNMENT', window(addMonths(now, -1), 3)),
    });
  });
});
