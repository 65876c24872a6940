import { RecordSubmission } from '../../src/subgraphs/records/findings/record.service';
import { makePrincipal } from '../../src/auth/principal';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient } from '../helpers/viewers';
import { firstError } from '../workflows/helpers';
import { demoPeriods, office, push, WARNINGS } from './helpers';

/** Early warnings: raised with the write or by the sweep, deduplicated, OPEN → ACKNOWLEDGED → CLOSED. */
describe('early warnings', () => {
  let t: TestHub;
  const { last } = demoPeriods();
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());
  const list = async (filter: Record<string, unknown> = {}, viewer = office()) => {
    const result = await t.run(WARNINGS, { filter }, viewer);
    expect(result.errors).toBeUndefined();
    return result.data.warnings as any[];
  };
  const warningsOn = (recordId: string) =>
    t.sql(`SELECT id, kind FROM records.early_warning WHERE record_ids @> jsonb_build_array(?::text)`, [recordId]);

  it('a new serious finding raises exactly one warning; a re-push, even changed, raises no second one', async () => {
    const code = t.demo.county('320925').government.code;
    const input = { externalId: 'W-SERIOUS-1', subject: { code }, title: '违规出借财政资金', decidedAt: last.end };
    const { recordId, outcome } = await push(t, input);
    expect(outcome).toBe('CREATED');
    expect(await warningsOn(recordId)).toEqual([expect.objectContaining({ kind: 'SERIOUS_FINDING' })]);
    expect((await push(t, input)).outcome).toBe('UNCHANGED');
    expect((await push(t, { ...input, title: '违规出借财政资金（更正）' })).outcome).toBe('UPDATED');
    expect(await warningsOn(recordId)).toHaveLength(1);
    const [warning] = await list({ subjectCode: code, kinds: ['SERIOUS_FINDING'] });
    expect(warning).toMatchObject({
      state: 'OPEN',
      rule: 'SERIOUS_NEW_FINDING',
      regionCode: '320925',
      subject: { code },
      records: [{ id: recordId }],
    });
  });

  it('a record a workflow derives raises its warnings in the same step: a serious commitment breach', async () => {
    const [commitment] = await t.sql(
      `SELECT id::text FROM records.commitment WHERE state = 'PENDING' AND registered_by = 'yancheng-investment'`,
    );
    const investment = as(Role.INVESTMENT, { region: '320900', sub: 'yancheng-investment' });
    const breach = await t.run(
      `mutation($id: ID!) { breachCommitment(id: $id, note: "土地逾期未交付", severity: SERIOUS) { breachRecord { id } } }`,
      { id: commitment.id },
      investment,
    );
    expect(breach.errors).toBeUndefined();
    const recordId = breach.data.breachCommitment.breachRecord.id;
    expect((await warningsOn(recordId)).filter((w: any) => w.kind === 'SERIOUS_FINDING')).toHaveLength(1);
  });

  it('a general finding, an enterprise or a tolerated finding raises none', async () => {
    const general = await push(t, {
      externalId: 'W-GENERAL-1',
      subject: { code: t.demo.county('320925').housing.code },
      title: '一般事项',
      decidedAt: last.end,
      severity: 'GENERAL',
    });
    const enterprise = await push(t, {
      externalId: 'W-ENTERPRISE-1',
      subject: { code: t.demo.cleanEnterprise.code },
      title: '企业严重失信',
      decidedAt: last.end,
    });
    const tolerated = await push(t, {
      externalId: 'W-TOLERATED-1',
      subject: { code: t.demo.county('320925').finance.code },
      title: '容错',
      decidedAt: last.end,
      tolerated: true,
    });
    for (const { recordId } of [general, enterprise, tolerated]) expect(await warningsOn(recordId)).toEqual([]);
  });

  it('a rolled-back write raises none (the warning is written in the record’s transaction)', async () => {
    const viewer = makePrincipal({ sub: 'yancheng-credit-office', role: Role.CREDIT_OFFICE, region: '320900' });
    const input = {
      externalId: 'W-ROLLBACK-1',
      subject: { code: t.demo.county('320925').government.code },
      nature: 'DISHONESTY',
      category: 'ADMINISTRATIVE_PENALTY',
      domain: 'GENERAL',
      severity: 'SERIOUS',
      disclosure: 'GOVERNMENT',
      title: '回滚的严重失信',
      decidedAt: last.end,
      details: null,
      legalBasis: null,
      documentNo: null,
      decidingAuthorityCode: null,
      responsiblePersonCodes: null,
      tolerated: false,
    } as any;
    let seenInside = -1;
    await expect(
      t.services.orm.em.fork().transactional(async (em) => {
        await new RecordSubmission(
          em,
          t.services.subjectDirectory(em),
          t.services.creditPolicy,
          last.end,
          t.services.evaluation,
        ).submit(viewer, [input]);
        [{ n: seenInside }] = await em.execute(
          `SELECT count(*)::int AS n FROM records.early_warning WHERE message LIKE '%回滚的严重失信%'`,
        );
        throw new Error('rolled back after the write');
      }),
    ).rejects.toThrow('rolled back');
    expect(seenInside).toBe(1);
    expect(await t.sql(`SELECT 1 FROM records.early_warning WHERE message LIKE '%回滚的严重失信%'`)).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM records.credit_record WHERE external_id = 'W-ROLLBACK-1'`)).toEqual([]);
  });

  it('repeated findings in one period raise one warning for the subject and period', async () => {
    const code = t.demo.county('320923').housing.code;
    for (const [i, day] of [
      [1, last.start],
      [2, last.start],
      [3, last.end],
    ] as const) {
      await push(t, {
        externalId: `W-REPEAT-${i}`,
        subject: { code },
        title: `重复失信 ${i}`,
        decidedAt: day,
        severity: 'GENERAL',
      });
    }
    await push(t, {
      externalId: 'W-REPEAT-4',
      subject: { code },
      title: '重复失信 4',
      decidedAt: last.end,
      severity: 'GENERAL',
    });
    const warnings = await list({ subjectCode: code, kinds: ['REPEATED_FINDINGS'] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].period).toBe(last.code);
    expect(warnings[0].records.map((r: any) => r.externalId)).toEqual(['W-REPEAT-1', 'W-REPEAT-2', 'W-REPEAT-3']);
  });

  it('one batch raises a period not yet raised beside one raised already, for the same subject', async () => {
    // After the test above: the subject's `last` period has its REPEATED_FINDINGS warning, `before` has none.
    const code = t.demo.county('320923').housing.code;
    const periodsRaised = async () =>
      (await list({ subjectCode: code, kinds: ['REPEATED_FINDINGS'] })).map((w: any) => [
        w.period,
        w.records.map((r: any) => r.externalId),
      ]);
    expect(await periodsRaised()).toEqual([[last.code, ['W-REPEAT-1', 'W-REPEAT-2', 'W-REPEAT-3']]]);
    const { before } = demoPeriods();
    const item = (i: number, decidedAt: string) => ({
      externalId: `W-BATCH-${i}`,
      subject: { code },
      title: `重复失信 批 ${i}`,
      decidedAt,
      nature: 'DISHONESTY',
      domain: 'GENERAL',
      severity: 'GENERAL',
      disclosure: 'GOVERNMENT',
      category: 'ADMINISTRATIVE_PENALTY',
    });
    const result = await t.run(
      `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
      { input: [item(1, before.start), item(2, last.start), item(3, before.end), item(4, before.start)] },
      office(),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.submitRecords.created).toBe(4);
    const raised = await periodsRaised();
    expect(raised).toHaveLength(2);
    expect(raised).toEqual(
      expect.arrayContaining([
        [last.code, ['W-REPEAT-1', 'W-REPEAT-2', 'W-REPEAT-3']],
        [before.code, ['W-BATCH-1', 'W-BATCH-3', 'W-BATCH-4']],
      ]),
    );
  });

  it('time rules are raised before listing, once however often one lists', async () => {
    const overdue = () =>
      t.sql(`SELECT count(*)::int AS n FROM records.early_warning WHERE kind = 'COMMITMENT_OVERDUE'`);
    await list();
    const [{ n }] = await overdue();
    expect(n).toBeGreaterThan(0);
    // A commitment falls due while nobody writes anything: the next listing raises it, the one after adds nothing.
    const registered = await t.run(
      `mutation($input: CommitmentInput!) { registerCommitment(input: $input) { id } }`,
      {
        input: {
          subjectCode: t.demo.county('320925').government.code,
          kind: 'SERVICE',
          title: '工程项目审批 20 日办结',
          content: '工程项目审批 20 日办结',
          dueOn: '2099-12-31',
        },
      },
      office(),
    );
    expect(registered.errors).toBeUndefined();
    await t.sql(`UPDATE records.commitment SET due_on = current_date - 3 WHERE id = ?`, [
      registered.data.registerCommitment.id,
    ]);
    await list();
    const [{ n: after }] = await overdue();
    expect(after).toBe(n + 1);
    await list();
    expect(await overdue()).toEqual([{ n: after }]);
    const [unresolved] = await list({ kinds: ['ENFORCEMENT_DEFAULT_UNRESOLVED'] });
    expect(unresolved.sourceRef).toMatch(/^GOVERNMENT_CASE:\d+$/);
    expect(unresolved.subject.code).toBe(t.demo.county('320921').government.code);
  });

  it('OPEN → ACKNOWLEDGED → CLOSED, each step in the history; an illegal step is CONFLICT naming the state', async () => {
    const [warning] = await list({ kinds: ['SERIOUS_FINDING'], states: ['OPEN'] });
    const ack = await t.run(
      `mutation($id: ID!) { acknowledgeWarning(id: $id, note: "县信用办跟进") { state } }`,
      { id: warning.id },
      office(),
    );
    expect(ack.errors).toBeUndefined();
    expect(ack.data.acknowledgeWarning.state).toBe('ACKNOWLEDGED');
    const close = await t.run(
      `mutation($id: ID!) { closeWarning(id: $id, reason: "已整改") { state history { fromState toState reason } } }`,
      { id: warning.id },
      office(),
    );
    expect(close.data.closeWarning).toEqual({
      state: 'CLOSED',
      history: [
        { fromState: 'OPEN', toState: 'ACKNOWLEDGED', reason: '县信用办跟进' },
        { fromState: 'ACKNOWLEDGED', toState: 'CLOSED', reason: '已整改' },
      ],
    });
    const again = await t.run(
      `mutation($id: ID!) { acknowledgeWarning(id: $id) { state } }`,
      { id: warning.id },
      office(),
    );
    expect(firstError(again)).toMatchObject({ code: 'CONFLICT', state: 'CLOSED' });
    const empty = await t.run(
      `mutation($id: ID!) { closeWarning(id: $id, reason: " ") { state } }`,
      { id: warning.id },
      office(),
    );
    expect(firstError(empty)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await list({ states: ['CLOSED'] })).map((w) => w.id)).toContain(warning.id);
  });

  describe('who sees and handles warnings', () => {
    it('the credit office sees every kind in its jurisdiction; another city’s office none of them', async () => {
      const kinds = new Set((await list()).map((w) => w.kind));
      // The demo's kinds (tests/monitoring/demo.test.ts): INTERCEPTION_OVERRIDDEN from its supervision data included.
      expect(kinds.size).toBe(6);
      expect(await list({}, outsideClient(Role.CREDIT_OFFICE))).toEqual([]);
    });

    it('the debt system sees only DEBT_RISK warnings of its jurisdiction and may acknowledge them, not others', async () => {
      const debt = cityClient(Role.DEBT);
      const seen = await list({}, debt);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((w) => w.kind))).toEqual(new Set(['DEBT_RISK']));
      expect(await list({}, outsideClient(Role.DEBT))).toEqual([]);
      const ack = await t.run(`mutation($id: ID!) { acknowledgeWarning(id: $id) { state } }`, { id: seen[0].id }, debt);
      expect(ack.data.acknowledgeWarning.state).toBe('ACKNOWLEDGED');
      const [serious] = await list({ kinds: ['SERIOUS_FINDING'], states: ['OPEN'] });
      // A warning the caller may not see is NOT_FOUND, as on every other workflow object: the refusal confirms nothing.
      expect(
        codes(await t.run(`mutation($id: ID!) { acknowledgeWarning(id: $id) { state } }`, { id: serious.id }, debt)),
      ).toEqual(['NOT_FOUND']);
      expect(
        codes(
          await t.run(
            `mutation($id: ID!) { closeWarning(id: $id, reason: "x") { state } }`,
            { id: serious.id },
            outsideClient(Role.CREDIT_OFFICE),
          ),
        ),
      ).toEqual(['NOT_FOUND']);
    });

    it.each([
      Role.PUBLIC,
      Role.PROCUREMENT,
      Role.TENDERING,
      Role.INVESTMENT,
      Role.ORG_DEPT,
      Role.DISCIPLINE,
      Role.COURT,
      Role.SUBJECT,
    ])('%s may neither list nor handle warnings', async (role) => {
      const viewer = role === Role.PUBLIC ? PUBLIC_PRINCIPAL : as(role, { region: '320900' });
      const result = await t.run(WARNINGS, {}, viewer);
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].path).toEqual(['warnings']);
      const [{ id }] = await t.sql(`SELECT id::text FROM records.early_warning LIMIT 1`);
      // An anonymous mutation is told to authenticate (docs/http.md); a role lacking the right, FORBIDDEN.
      const refused = role === Role.PUBLIC ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(
        codes(await t.run(`mutation($id: ID!) { acknowledgeWarning(id: $id) { state } }`, { id }, viewer)),
      ).toEqual([refused]);
      expect(
        codes(await t.run(`mutation($id: ID!) { closeWarning(id: $id, reason: "x") { state } }`, { id }, viewer)),
      ).toEqual([refused]);
    });
  });
});
