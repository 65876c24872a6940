import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';

/** 清欠 (issue #17 item 4, docs/arrears.md) through the gateway on real PostgreSQL, on a fixed dataset. */
describe('arrears ledger (清欠)', () => {
  let t: TestHub;
  const debt = as(Role.DEBT, { region: '320900', sub: 'arrears-debt' });
  const office = as(Role.CREDIT_OFFICE, { region: '320900', sub: 'arrears-office' });
  const procurement = as(Role.PROCUREMENT, { region: '320900', sub: 'arrears-procurement' });
  const outsideDebt = as(Role.DEBT, { region: '410300', sub: 'arrears-debt-luoyang' });
  const court = as(Role.COURT, { region: '320900', sub: 'arrears-court' });

  const SUBMIT = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { index outcome recordId } } }`;
  const RECORD = `query($ids: [RecordStatus!]) { records(filter: { categories: [ARREARS], statuses: $ids }, first: 200) {
    edges { node { id externalId status arrears { amount creditorClass creditorCode dueOn repaid outstanding
      repayments { amount paidOn reference } } } } } }`;
  const REPAY = `mutation($id: ID!, $amount: String!, $on: LocalDate!, $ref: String!) {
    recordRepayment(recordId: $id, amount: $amount, paidOn: $on, reference: $ref) {
      recordId outstanding status replayed repayment { id amount paidOn reference } record { id status } } }`;
  const LEDGER = `query($p: String!, $period: String!) { arrearsLedger(regionPrefix: $p, period: $period) {
    division creditorClass records owed repaid outstanding owedInPeriod repaidInPeriod } }`;

  const arrearsRecord = (
    externalId: string,
    code: string,
    decidedAt: string,
    arrears: Record<string, unknown> | null,
    extra: Record<string, unknown> = {},
  ) => ({
    externalId,
    subject: { code },
    nature: 'DISHONESTY',
    category: 'ARREARS',
    domain: 'GOVERNMENT_DEBT',
    severity: 'GENERAL',
    title: `${externalId} 拖欠款项`,
    decidedAt,
    disclosure: 'GOVERNMENT',
    ...(arrears ? { arrears } : {}),
    ...extra,
  });
  const owed = (amount: string, creditorClass: string, dueOn = '2024-12-01') => ({ amount, creditorClass, dueOn });

  let ids: Record<string, string> = {};
  const push = async (input: unknown[], viewer = debt) => {
    const result = await t.run(SUBMIT, { input }, viewer);
    expect(result.errors).toBeUndefined();
    return result.data!.submitRecords.results.map((i: { recordId: string }) => i.recordId) as string[];
  };
  const repay = (id: string, amount: string, on: string, ref: string, viewer = debt) =>
    t.run(REPAY, { id, amount, on, ref }, viewer);

  beforeAll(async () => {
    t = await startTestHub({ demo: 'subjects' });
    const c = (region: string) => t.demo.county(region);
    const pushed = await push([
      arrearsRecord('QQ-A1', c('320921').government.code, '2025-03-10', owed('1000000.00', 'MIGRANT_WORKERS')),
      arrearsRecord('QQ-A2', c('320921').housing.code, '2025-06-01', owed('250000.50', 'MIGRANT_WORKERS')),
      arrearsRecord('QQ-A3', c('320921').finance.code, '2025-11-20', {
        ...owed('800000.00', 'CONTRACTOR'),
        creditorCode: t.demo.cleanEnterprise.code,
      }),
      arrearsRecord('QQ-A4', c('320922').government.code, '2026-02-01', owed('120000.00', 'SUPPLIER')),
      arrearsRecord('QQ-A5', c('320922').housing.code, '2024-12-31', owed('99.99', 'CONTRACTOR'), {
        severity: 'SERIOUS',
        disclosure: 'PUBLIC',
      }),
    ]);
    ids = Object.fromEntries(['A1', 'A2', 'A3', 'A4', 'A5'].map((k, i) => [k, pushed[i]]));
  });
  afterAll(() => t.close());

  describe('pushing arrears', () => {
    it('stores amount, creditor and due date exactly; a re-push with the same money is UNCHANGED', async () => {
      const rows = await t.sql(
        `SELECT amount::text, creditor_class, creditor_code, to_char(due_on, 'YYYY-MM-DD') AS due_on
         FROM records.arrears WHERE record_id = ?`,
        [ids.A3],
      );
      expect(rows).toEqual([
        {
          amount: '800000.00',
          creditor_class: 'CONTRACTOR',
          creditor_code: t.demo.cleanEnterprise.code,
          due_on: '2024-12-01',
        },
      ]);
      const again = await t.run(
        SUBMIT,
        {
          input: [
            arrearsRecord(
              'QQ-A2',
              t.demo.county('320921').housing.code,
              '2025-06-01',
              owed('250000.50', 'MIGRANT_WORKERS'),
            ),
          ],
        },
        debt,
      );
      expect(again.data!.submitRecords.results[0].outcome).toBe('UNCHANGED');
    });

    it('a re-push with another amount is UPDATED and the stored money follows it', async () => {
      const code = t.demo.county('320921').township.code;
      await push([arrearsRecord('QQ-RE', code, '2026-06-01', owed('10.00', 'OTHER'))]);
      const again = await t.run(
        SUBMIT,
        { input: [arrearsRecord('QQ-RE', code, '2026-06-01', owed('12.00', 'DEPOSIT'))] },
        debt,
      );
      expect(again.data!.submitRecords.results[0].outcome).toBe('UPDATED');
      expect(
        await t.sql(
          `SELECT a.amount::text, a.creditor_class FROM records.arrears a JOIN records.credit_record r ON r.id = a.record_id WHERE r.external_id = 'QQ-RE'`,
        ),
      ).toEqual([{ amount: '12.00', creditor_class: 'DEPOSIT' }]);
    });

    it('refuses an ARREARS record without arrears, arrears on another category, and bad money (field paths)', async () => {
      const code = t.demo.county('320921').government.code;
      const result = await t.run(
        SUBMIT,
        {
          input: [
            arrearsRecord('QQ-BAD-0', code, '2025-01-01', null),
            arrearsRecord('QQ-BAD-1', code, '2025-01-01', owed('12.345', 'OTHER')),
            arrearsRecord('QQ-BAD-2', code, '2025-01-01', {
              ...owed('10.00', 'SUPPLIER'),
              creditorCode: '91320900MA1XXXXXX1',
            }),
            arrearsRecord('QQ-BAD-3', code, '2025-01-01', owed('0.00', 'OTHER')),
            arrearsRecord('QQ-BAD-4', code, '2025-01-01', owed('10.00', 'OTHER'), {
              category: 'ADMINISTRATIVE_PENALTY',
            }),
          ],
        },
        debt,
      );
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      const invalid = result.errors![0].extensions!.invalid as { index: number; field: string }[];
      expect(invalid.map(({ index, field }) => ({ index, field }))).toEqual([
        { index: 0, field: 'arrears' },
        { index: 1, field: 'arrears.amount' },
        { index: 2, field: 'arrears.creditorCode' },
        { index: 3, field: 'arrears.amount' },
        { index: 4, field: 'arrears' },
      ]);
      expect(await t.sql(`SELECT 1 FROM records.credit_record WHERE external_id LIKE 'QQ-BAD-%'`)).toEqual([]);
    });

    it('a court may not attach arrears to a judgment', async () => {
      const result = await t.run(
        SUBMIT,
        {
          input: [
            arrearsRecord('QQ-COURT', t.demo.county('320921').government.code, '2025-01-01', owed('1.00', 'OTHER'), {
              category: 'JUDICIAL_JUDGMENT',
              domain: 'GENERAL',
            }),
          ],
        },
        court,
      );
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].extensions).toMatchObject({ index: 0, field: 'arrears' });
    });
  });

  describe('who reads the money', () => {
    const arrearsOf = (result: any, externalId: string) =>
      result.data.records.edges.find((e: any) => e.node.externalId === externalId)?.node.arrears;

    it.each([
      ['debt management of the jurisdiction', () => debt],
      ['the credit office of the jurisdiction', () => office],
    ])('%s reads amount, creditor and outstanding', async (_who, viewer) => {
      const result = await t.run(RECORD, {}, viewer());
      expect(result.errors).toBeUndefined();
      expect(arrearsOf(result, 'QQ-A3')).toMatchObject({
        amount: '800000.00',
        creditorClass: 'CONTRACTOR',
        dueOn: '2024-12-01',
        repaid: '0.00',
        outstanding: '800000.00',
      });
    });

    it('the pushing system reads the money it pushed; a record of another category answers null, no refusal', async () => {
      const pusher = as(Role.PROCUREMENT, { region: '320900', sub: 'arrears-procurement-pusher' });
      await push(
        [
          arrearsRecord('QQ-GP', t.demo.county('320921').housing.code, '2026-06-01', owed('7.00', 'SUPPLIER'), {
            domain: 'PROCUREMENT',
          }),
        ],
        pusher,
      );
      const own = await t.run(RECORD, {}, pusher);
      expect(arrearsOf(own, 'QQ-GP')).toMatchObject({ amount: '7.00', outstanding: '7.00' });
      const other = await t.run(
        `{ records(filter: { categories: [ADMINISTRATIVE_PENALTY] }) { edges { node { arrears { amount } } } } }`,
        {},
        procurement,
      );
      expect(other.errors).toBeUndefined();
      for (const edge of other.data!.records.edges) expect(edge.node.arrears).toBeNull();
    });

    it('reads the money of 1 and of many records in the same number of statements', async () => {
      const page = (first: number) =>
        t.counted(
          `query($n: Int) { records(filter: { categories: [ARREARS] }, first: $n) { edges { node { id
            arrears { amount outstanding repayments { amount } } } } } }`,
          { n: first },
          debt,
        );
      const one = await page(1);
      const many = await page(50);
      expect(one.errors).toBeUndefined();
      expect(many.data!.records.edges.length).toBeGreaterThan(3);
      expect(many.statements).toBe(one.statements);
    });

    it.each([
      ['procurement of the jurisdiction (not the pusher)', () => procurement],
      ['debt management of another city', () => outsideDebt],
      ['anonymous', () => PUBLIC_PRINCIPAL],
    ])('%s sees the record without its money (FORBIDDEN at arrears)', async (_who, viewer) => {
      const result = await t.run(RECORD, {}, viewer());
      const edges = result.data!.records.edges as any[];
      const i = edges.findIndex((e) => e.node.externalId === 'QQ-A5');
      expect(i).toBeGreaterThanOrEqual(0);
      expect(edges[i].node.arrears).toBeNull();
      const refusal = result.errors!.find((e) => e.path!.join('.') === `records.edges.${i}.node.arrears`);
      expect(refusal?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('recordRepayment', () => {
    it('a partial repayment leaves the rest outstanding, with a history event', async () => {
      const first = await repay(ids.A1, '400000.00', '2025-05-01', 'R1');
      expect(first.errors).toBeUndefined();
      expect(first.data!.recordRepayment).toMatchObject({
        outstanding: '600000.00',
        status: 'ACTIVE',
        replayed: false,
        repayment: { amount: '400000.00', paidOn: '2025-05-01', reference: 'R1' },
      });
      const second = await repay(ids.A1, '100000.00', '2026-01-15', 'R2', office);
      expect(second.data!.recordRepayment.outstanding).toBe('500000.00');
      const events = await t.sql(
        `SELECT from_state, to_state, actor_sub FROM records.workflow_event
         WHERE object_type = 'CREDIT_RECORD' AND object_id = ? ORDER BY id`,
        [ids.A1],
      );
      expect(events).toEqual([
        { from_state: 'ACTIVE', to_state: 'ACTIVE', actor_sub: 'arrears-debt' },
        { from_state: 'ACTIVE', to_state: 'ACTIVE', actor_sub: 'arrears-office' },
      ]);
    });

    it('a retry with the same reference answers the first repayment and writes nothing; other facts: CONFLICT', async () => {
      const before = await t.sql(`SELECT count(*)::int AS n FROM records.arrears_repayment`);
      const retry = await repay(ids.A1, '400000.00', '2025-05-01', 'R1');
      expect(retry.errors).toBeUndefined();
      expect(retry.data!.recordRepayment).toMatchObject({ replayed: true, outstanding: '500000.00' });
      expect(await t.sql(`SELECT count(*)::int AS n FROM records.arrears_repayment`)).toEqual(before);
      const reused = await repay(ids.A1, '1.00', '2025-05-01', 'R1');
      expect(codes(reused)).toEqual(['CONFLICT']);
      expect(reused.errors![0].extensions!.reason).toBe('REFERENCE_REUSED');
    });

    it('refuses more than the outstanding amount (BAD_USER_INPUT at amount) and bad input', async () => {
      const over = await repay(ids.A1, '500000.01', '2026-02-01', 'R-OVER');
      expect(codes(over)).toEqual(['BAD_USER_INPUT']);
      expect(over.errors![0].extensions).toMatchObject({ field: 'amount', outstanding: '500000.00' });
      expect(codes(await repay(ids.A1, '-1', '2026-02-01', 'R-NEG'))[0]).toBe('BAD_USER_INPUT');
      const notArrears = await push(
        [
          arrearsRecord('QQ-PEN', t.demo.county('320921').government.code, '2025-01-01', null, {
            category: 'ADMINISTRATIVE_PENALTY',
          }),
        ],
        debt,
      );
      const wrong = await repay(notArrears[0], '1.00', '2026-02-01', 'R-PEN');
      expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recordId' });
      expect(await t.sql(`SELECT 1 FROM records.arrears_repayment WHERE reference LIKE 'R-%'`)).toEqual([]);
    });

    it.each([
      ['procurement of the jurisdiction, not the pusher', () => procurement],
      ['debt management of another city', () => outsideDebt],
    ])('refuses %s on the locked row (FORBIDDEN with reason)', async (_who, viewer) => {
      const result = await repay(ids.A3, '1.00', '2026-02-01', 'R-FORBIDDEN', viewer());
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].extensions!.reason).toBe('PUSHER_DEBT_OR_CREDIT_OFFICE');
    });

    it.each([
      ['tendering', () => as(Role.TENDERING, { region: '320900' })],
      ['anonymous', () => PUBLIC_PRINCIPAL],
    ])('refuses %s at the mutation (no step taken)', async (_who, viewer) => {
      const result = await repay(ids.A3, '1.00', '2026-02-01', 'R-ROLE', viewer());
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(codes(result)[0]);
      expect(result.errors![0].extensions!.reason).not.toBe('PUSHER_DEBT_OR_CREDIT_OFFICE');
      expect(await t.sql(`SELECT 1 FROM records.arrears_repayment WHERE reference = 'R-ROLE'`)).toEqual([]);
    });

    it('the repayment that clears the debt settles the record and ends its listing, in the same step', async () => {
      const listed = await t.run(
        `mutation($input: ListingInput!) { listSubject(input: $input) { id active } }`,
        {
          input: {
            subject: { code: t.demo.county('320922').housing.code },
            listType: 'SERIOUS_DISHONESTY',
            reason: '拖欠工程款',
            legalBasis: '《保障中小企业款项支付条例》',
            reasonRecordIds: [ids.A5],
          },
        },
        office,
      );
      expect(listed.errors).toBeUndefined();
      const listingId = listed.data!.listSubject.id;
      expect((await repay(ids.A5, '50.00', '2025-01-10', 'R4')).data!.recordRepayment.status).toBe('ACTIVE');
      const full = await repay(ids.A5, '49.99', '2026-03-01', 'R5');
      expect(full.errors).toBeUndefined();
      expect(full.data!.recordRepayment).toMatchObject({
        outstanding: '0.00',
        status: 'SETTLED',
        record: { status: 'SETTLED' },
      });
      const [listing] = await t.sql(
        `SELECT delisted_at IS NOT NULL AS ended, delist_reason FROM records.listing WHERE id = ?`,
        [listingId],
      );
      expect(listing.ended).toBe(true);
      expect(listing.delist_reason).toContain('履行完毕');
      const events = await t.sql(
        `SELECT from_state, to_state FROM records.workflow_event WHERE object_type = 'CREDIT_RECORD' AND object_id = ? ORDER BY id`,
        [ids.A5],
      );
      expect(events.at(-1)).toEqual({ from_state: 'ACTIVE', to_state: 'SETTLED' });
      // A retry of the settling repayment still answers it; a new one is refused: the record has ended.
      expect((await repay(ids.A5, '49.99', '2026-03-01', 'R5')).data!.recordRepayment.replayed).toBe(true);
      const after = await repay(ids.A5, '0.01', '2026-03-02', 'R6');
      expect(codes(after)).toEqual(['CONFLICT']);
    });

    it('racing repayments of the whole debt: one settles the record, the other is CONFLICT, one row written', async () => {
      const [id] = await push([
        arrearsRecord('QQ-RACE', t.demo.county('320921').township.code, '2026-06-01', owed('10.00', 'OTHER')),
      ]);
      const results = await Promise.all([
        repay(id, '10.00', '2026-07-01', 'X1'),
        repay(id, '10.00', '2026-07-01', 'X2'),
      ]);
      expect(results.map((r) => r.data?.recordRepayment?.status ?? codes(r)[0]).sort()).toEqual([
        'CONFLICT',
        'SETTLED',
      ]);
      expect(await t.sql(`SELECT count(*)::int AS n FROM records.arrears_repayment WHERE record_id = ?`, [id])).toEqual(
        [{ n: 1 }],
      );
    });

    it('A2 repaid in full in one step', async () => {
      const full = await repay(ids.A2, '250000.50', '2025-12-01', 'R3');
      expect(full.data!.recordRepayment).toMatchObject({ outstanding: '0.00', status: 'SETTLED' });
    });
  });

  describe('arrearsLedger', () => {
    const row = (
      division: string,
      creditorClass: string,
      records: number,
      ...[owedSum, repaid, outstanding, owedInPeriod, repaidInPeriod]: string[]
    ) => ({ division, creditorClass, records, owed: owedSum, repaid, outstanding, owedInPeriod, repaidInPeriod });

    it('gives exact sums per division and creditor class for a year and for a month', async () => {
      // A revoked finding is no debt: left out of the sums below.
      const [revoked] = await push([
        arrearsRecord(
          'QQ-REV',
          t.demo.county('320921').township.code,
          '2025-04-01',
          owed('5555.55', 'MIGRANT_WORKERS'),
        ),
      ]);
      await t.sql(`UPDATE records.credit_record SET status = 'REVOKED' WHERE id = ?`, [revoked]);
      const year = await t.run(LEDGER, { p: '3209', period: '2025' }, debt);
      expect(year.errors).toBeUndefined();
      expect(year.data!.arrearsLedger).toEqual([
        row('320921', 'CONTRACTOR', 1, '800000.00', '0.00', '800000.00', '800000.00', '0.00'),
        row('320921', 'MIGRANT_WORKERS', 2, '1250000.50', '650000.50', '600000.00', '1250000.50', '650000.50'),
        row('320922', 'CONTRACTOR', 1, '99.99', '50.00', '49.99', '0.00', '50.00'),
      ]);
      const month = await t.run(LEDGER, { p: '320921', period: '2026-01' }, office);
      expect(month.data!.arrearsLedger).toEqual([
        row('320921', 'CONTRACTOR', 1, '800000.00', '0.00', '800000.00', '0.00', '0.00'),
        row('320921', 'MIGRANT_WORKERS', 2, '1250000.50', '750000.50', '500000.00', '0.00', '100000.00'),
      ]);
    });

    it('refuses a prefix outside the jurisdiction, other roles, and a bad period', async () => {
      const outside = await t.run(LEDGER, { p: '4103', period: '2025' }, debt);
      expect(codes(outside)).toEqual(['FORBIDDEN']);
      expect(outside.errors![0].extensions!.reason).toBe('IN_JURISDICTION');
      expect(codes(await t.run(LEDGER, { p: '3209', period: '2025' }, procurement))).toEqual(['FORBIDDEN']);
      expect(codes(await t.run(LEDGER, { p: '3209', period: '2025' }, PUBLIC_PRINCIPAL))[0]).toMatch(
        /FORBIDDEN|UNAUTHENTICATED/,
      );
      const bad = await t.run(LEDGER, { p: '3209', period: '2025-13' }, debt);
      expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    });

    it('costs the same number of statements on a small and a larger dataset', async () => {
      const small = await t.counted(LEDGER, { p: '3209', period: '2026' }, debt);
      expect(small.errors).toBeUndefined();
      const more = await push(
        Array.from({ length: 60 }, (_, i) =>
          arrearsRecord(
            `QQ-MANY-${i}`,
            t.demo.county(i % 2 ? '320921' : '320922').government.code,
            '2026-04-01',
            owed(`${i + 1}.00`, ['MIGRANT_WORKERS', 'CONTRACTOR', 'SUPPLIER', 'DEPOSIT', 'OTHER'][i % 5]),
          ),
        ),
      );
      for (const id of more.slice(0, 10))
        expect((await repay(id, '0.50', '2026-05-01', `M-${id}`)).errors).toBeUndefined();
      const large = await t.counted(LEDGER, { p: '3209', period: '2026' }, debt);
      expect(large.errors).toBeUndefined();
      expect((large.data!.arrearsLedger as unknown[]).length).toBeGreaterThan(
        (small.data!.arrearsLedger as unknown[]).length,
      );
      expect(large.statements).toBe(small.statements);
      expect(large.statements).toBeLessThanOrEqual(2);
    });
  });
});
