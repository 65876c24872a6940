import { addMonths, today } from '../../src/common/dates';
import { makeResidentId, makeUscc } from '../../src/identity';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, viewers } from '../helpers/viewers';
import { clientOperation } from '../helpers/client-operations';

/**
 * #15 items 2, 4 and 6: the interception policy's decision per bidder (blacklistCheck), the
 * batch creditReview and 信易购 deposit relief, on the demo data plus three enterprises pushed
 * here: one with an enforcement default in force, one of level C, one commended (clean).
 */
describe('interception: decisions, creditReview and depositRelief', () => {
  let t: TestHub;
  const enforced = makeUscc('91', '320902', '84400001');
  const lowLevel = makeUscc('91', '320902', '84400002');
  const clean = makeUscc('91', '320902', '84400003');
  const hidden = makeUscc('91', '320902', '84400004');
  const unknown = makeUscc('91', '320902', '84400009');
  const INVALID = 'NOT-A-CODE';
  let listed: string;

  const finding = (externalId: string, code: string, overrides: Record<string, unknown> = {}) => ({
    externalId,
    subject: { code, name: `测试企业${code.slice(-3)}`, kind: 'ENTERPRISE', regionCode: '320902' },
    nature: 'DISHONESTY',
    category: 'ADMINISTRATIVE_PENALTY',
    domain: 'GENERAL',
    severity: 'GENERAL',
    title: externalId,
    decidedAt: addMonths(today(), -1),
    disclosure: 'PUBLIC',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestHub();
    listed = t.demo.county('320924').government.code;
    const input = [
      finding('IC-ENF-1', enforced, { category: 'ENFORCEMENT_DEFAULT' }),
      ...Array.from({ length: 6 }, (_, i) => finding(`IC-LOW-${i}`, lowLevel)),
      finding('IC-CLEAN-1', clean, { nature: 'HONOR', category: 'COMMENDATION', title: '守合同重信用' }),
      // Shared among government systems only: a PUBLIC caller is not told of it, not even by a decision.
      finding('IC-HIDDEN-1', hidden, { category: 'ENFORCEMENT_DEFAULT', disclosure: 'GOVERNMENT' }),
    ];
    const pushed = await t.run(
      `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
      { input },
      viewers.creditOffice,
    );
    expect(pushed.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  const CHECK = `query($codes: [String!]!, $context: CheckContext, $reps: [String]) {
    blacklistCheck(codes: $codes, context: $context, legalRepresentatives: $reps) {
      code valid listed withheld context decision rule { id description basis }
      legalRepresentative { valid decision rule { id } subject { name } } } }`;
  const check = (vars: Record<string, unknown>, viewer = cityClient(Role.PROCUREMENT)) => t.run(CHECK, vars, viewer);
  const decisions = (rows: { decision: string; rule: { id: string } }[]) => rows.map((r) => [r.decision, r.rule.id]);

  // listed (SERIOUS_DISHONESTY + a serious enforcement default), enforcement default, level C, clean, unknown, invalid.
  it.each([
    [
      'PROCUREMENT',
      [
        ['BLOCK', 'PROC.BLOCK.LISTS'],
        ['WARN', 'PROC.WARN.ENFORCEMENT'],
        ['WARN', 'PROC.WARN.LEVEL'],
        ['PASS', 'PROC.PASS'],
        ['PASS', 'PROC.UNREGISTERED'],
        ['WARN', 'PROC.INVALID'],
      ],
    ],
    [
      'TENDERING',
      [
        ['BLOCK', 'TEND.BLOCK.LISTS'],
        ['WARN', 'TEND.WARN.ENFORCEMENT'],
        ['PASS', 'TEND.PASS'],
        ['PASS', 'TEND.PASS'],
        ['PASS', 'TEND.UNREGISTERED'],
        ['WARN', 'TEND.INVALID'],
      ],
    ],
    [
      'FUNDING',
      [
        ['BLOCK', 'FUND.BLOCK.LISTS'],
        ['WARN', 'FUND.WARN.ENFORCEMENT'],
        ['WARN', 'FUND.WARN.LEVEL'],
        ['PASS', 'FUND.PASS'],
        ['PASS', 'FUND.UNREGISTERED'],
        ['WARN', 'FUND.INVALID'],
      ],
    ],
    [
      'HONOURS',
      [
        ['BLOCK', 'HON.BLOCK.LISTS'],
        ['WARN', 'HON.WARN.RECORD'],
        ['WARN', 'HON.WARN.RECORD'],
        ['PASS', 'HON.PASS'],
        ['PASS', 'HON.UNREGISTERED'],
        ['WARN', 'HON.INVALID'],
      ],
    ],
    [
      'APPROVAL',
      [
        ['WARN', 'APPR.WARN.LISTS'],
        ['WARN', 'APPR.WARN.ENFORCEMENT'],
        ['PASS', 'APPR.PASS'],
        ['PASS', 'APPR.PASS'],
        ['PASS', 'APPR.UNREGISTERED'],
        ['WARN', 'APPR.INVALID'],
      ],
    ],
  ])('decision matrix in context %s', async (context, expected) => {
    const result = await check({ codes: [listed, enforced, lowLevel, clean, unknown, INVALID], context });
    expect(result.errors).toBeUndefined();
    const rows = result.data.blacklistCheck;
    expect(decisions(rows)).toEqual(expected);
    expect(rows.map((r: { valid: boolean }) => r.valid)).toEqual([true, true, true, true, true, false]);
    expect(rows.every((r: { context: string }) => r.context === context)).toBe(true);
    expect(rows[0].rule.description).toMatch(/名单/);
    expect(rows[0].rule.basis.length).toBeGreaterThan(0);
  });

  it('defaults to TENDERING and keeps the contract for a codes-only call', async () => {
    const result = await t.run(
      `query($codes: [String!]!) { blacklistCheck(codes: $codes) { code listed context decision rule { id } } }`,
      { codes: [listed, clean] },
      PUBLIC_PRINCIPAL,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.blacklistCheck).toEqual([
      { code: listed, listed: true, context: 'TENDERING', decision: 'BLOCK', rule: { id: 'TEND.BLOCK.LISTS' } },
      { code: clean, listed: false, context: 'TENDERING', decision: 'PASS', rule: { id: 'TEND.PASS' } },
    ]);
  });

  it('decides on every list in force, whatever listTypes shows', async () => {
    const result = await t.run(
      `query($codes: [String!]!) { blacklistCheck(codes: $codes, listTypes: [TENDER_BLACKLIST], context: PROCUREMENT) {
        listed listings { id } decision rule { id } } }`,
      { codes: [listed] },
      cityClient(Role.PROCUREMENT),
    );
    expect(result.data.blacklistCheck).toEqual([
      { listed: false, listings: [], decision: 'BLOCK', rule: { id: 'PROC.BLOCK.LISTS' } },
    ]);
  });

  it('a decision rests only on the records the caller may read', async () => {
    const vars = { codes: [hidden], context: 'PROCUREMENT' };
    const government = await check(vars);
    const anonymous = await check(vars, PUBLIC_PRINCIPAL);
    expect(decisions(government.data.blacklistCheck)).toEqual([['WARN', 'PROC.WARN.ENFORCEMENT']]);
    expect(decisions(anonymous.data.blacklistCheck)).toEqual([['PASS', 'PROC.PASS']]);
  });

  it('the worked examples of docs/interception.md', async () => {
    const demoCodes = [listed, t.demo.blacklistedEnterprise.code, t.demo.cleanEnterprise.code];
    const expected: Record<string, string[]> = {
      TENDERING: ['TEND.BLOCK.LISTS', 'TEND.BLOCK.LISTS', 'TEND.PASS'],
      PROCUREMENT: ['PROC.BLOCK.LISTS', 'PROC.WARN.TENDER_BLACKLIST', 'PROC.PASS'],
      FUNDING: ['FUND.BLOCK.LISTS', 'FUND.WARN.SERIOUS', 'FUND.PASS'],
      HONOURS: ['HON.BLOCK.LISTS', 'HON.BLOCK.LISTS', 'HON.PASS'],
      APPROVAL: ['APPR.WARN.LISTS', 'APPR.WARN.LEVEL', 'APPR.PASS'],
    };
    for (const [context, ids] of Object.entries(expected)) {
      const result = await check({ codes: demoCodes, context }, cityClient(Role.TENDERING));
      expect([context, result.data.blacklistCheck.map((r: { rule: { id: string } }) => r.rule.id)]).toEqual([
        context,
        ids,
      ]);
    }
    const review = await t.run(
      `query($codes: [String!]!) { creditReview(codes: $codes, context: PROCUREMENT) { depositRelief { kind percent } } }`,
      { codes: [listed, t.demo.cleanEnterprise.code] },
      cityClient(Role.PROCUREMENT),
    );
    expect(review.data.creditReview.map((r: { depositRelief: unknown }) => r.depositRelief)).toEqual([
      { kind: 'NONE', percent: 0 },
      { kind: 'WAIVED', percent: 100 },
    ]);
  });

  it('the client contract operations (clients/tendering, clients/procurement)', async () => {
    const checked = await t.run(
      clientOperation('tendering/BidderInterceptionCheck'),
      { codes: [listed, clean], legalRepresentatives: [null, null], context: 'TENDERING' },
      cityClient(Role.TENDERING),
    );
    expect(checked.errors).toBeUndefined();
    expect(decisions(checked.data.blacklistCheck)).toEqual([
      ['BLOCK', 'TEND.BLOCK.LISTS'],
      ['PASS', 'TEND.PASS'],
    ]);
    const reviewed = await t.run(
      clientOperation('procurement/SupplierCreditReview'),
      { codes: [clean] },
      cityClient(Role.PROCUREMENT),
    );
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data.creditReview[0]).toMatchObject({ decision: 'PASS', depositRelief: { kind: 'WAIVED' } });
  });

  describe('legal representatives', () => {
    let person: { code: string; name: string };
    beforeAll(async () => {
      person = t.demo.clearCadre;
      const pushed = await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
        {
          input: [
            {
              ...finding('IC-REP-1', person.code, { category: 'ENFORCEMENT_DEFAULT', severity: 'SERIOUS' }),
              subject: { code: person.code },
            },
          ],
        },
        viewers.creditOffice,
      );
      expect(pushed.errors).toBeUndefined();
      const id = (await t.sql(`SELECT id::text FROM records.credit_record WHERE external_id = 'IC-REP-1'`))[0].id;
      const listedPerson = await t.run(
        `mutation($input: ListingInput!) { listSubject(input: $input) { id } }`,
        {
          input: {
            subject: { code: person.code },
            listType: 'SERIOUS_DISHONESTY',
            reason: '拒不履行生效判决',
            legalBasis: '国办发〔2020〕49号',
            reasonRecordIds: [id],
          },
        },
        viewers.creditOffice,
      );
      expect(listedPerson.errors).toBeUndefined();
      // The serious-dishonesty list gives notice first (docs/lists.md): as if the window had passed unopposed.
      await t.sql(
        'UPDATE records.listing SET notice_ends_on = notice_ends_on - 20, starts_on = starts_on - 20 WHERE id = ?',
        [listedPerson.data!.listSubject.id],
      );
    });

    it('blocks the bidder without telling a platform who the representative is', async () => {
      const stranger = makeResidentId('320902', '19800101', 17);
      const vars = { codes: [clean, clean, clean], reps: [person.code, stranger, null], context: 'TENDERING' };
      const result = await check(vars, cityClient(Role.TENDERING));
      expect(result.errors).toBeUndefined();
      const rows = result.data.blacklistCheck;
      expect(decisions(rows)).toEqual([
        ['BLOCK', 'TEND.BLOCK.LISTS'],
        ['PASS', 'TEND.PASS'],
        ['PASS', 'TEND.PASS'],
      ]);
      expect(rows[0].legalRepresentative).toEqual({
        valid: true,
        decision: 'BLOCK',
        rule: { id: 'TEND.BLOCK.LISTS' },
        subject: null,
      });
      expect(rows[1].legalRepresentative).toMatchObject({ decision: 'PASS', rule: { id: 'TEND.UNREGISTERED' } });
      expect(rows[2].legalRepresentative).toBeNull();
      const text = JSON.stringify(result);
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.code);
      const office = await check(vars, viewers.creditOffice);
      expect(office.data.blacklistCheck[0].legalRepresentative.subject).toEqual({ name: person.name });
    });

    it('a registered representative with nothing to report reads as an unregistered number', async () => {
      const other = t.demo.cityCadre;
      const result = await check(
        { codes: [clean], reps: [other.code], context: 'FUNDING' },
        cityClient(Role.TENDERING),
      );
      const rep = result.data.blacklistCheck[0].legalRepresentative;
      expect(rep).toEqual({ valid: true, decision: 'PASS', rule: { id: 'FUND.UNREGISTERED' }, subject: null });
    });

    it('an invalid representative number is its row’s, and a length mismatch is refused', async () => {
      const bad = await check({ codes: [clean], reps: ['110101190001011234'], context: 'TENDERING' });
      expect(bad.data.blacklistCheck[0].legalRepresentative).toMatchObject({ valid: false, decision: 'WARN' });
      expect(bad.data.blacklistCheck[0].decision).toBe('WARN');
      const mismatch = await check({ codes: [clean, listed], reps: [null] });
      expect(codes(mismatch)).toEqual(['BAD_USER_INPUT']);
      expect(mismatch.errors![0].extensions).toMatchObject({ field: 'legalRepresentatives' });
    });

    it('the check costs the same statements with and without representatives, for 1 and 500 rows', async () => {
      const query = `query($codes: [String!]!, $reps: [String]) { blacklistCheck(codes: $codes, legalRepresentatives: $reps,
        context: PROCUREMENT) { decision rule { id } legalRepresentative { decision } } }`;
      const viewer = cityClient(Role.TENDERING);
      const one = await t.counted(query, { codes: [clean], reps: [person.code] }, viewer);
      const many = await t.counted(
        query,
        {
          codes: Array.from({ length: 500 }, (_, i) =>
            i % 2 ? clean : makeUscc('91', '320900', String(86000000 + i)),
          ),
          reps: Array.from({ length: 500 }, (_, i) => (i % 3 ? person.code : makeResidentId('320902', '19800101', i))),
        },
        viewer,
      );
      expect(many.errors).toBeUndefined();
      expect(many.statements).toBe(one.statements);
    });
  });

  describe('creditReview', () => {
    const REVIEW = `query($codes: [String!]!, $context: CheckContext!) { creditReview(codes: $codes, context: $context) {
      code valid registered withheld level score seriousRecordCount generalRecordCount records { title }
      listings { listType } activeMeasureCount breachedCommitmentCount decision rule { id }
      depositRelief { kind percent rule { id } } } }`;

    it('is for government systems: anonymous and a subject are refused', async () => {
      const vars = { codes: [clean], context: 'FUNDING' };
      for (const viewer of [PUBLIC_PRINCIPAL, as(Role.SUBJECT, { org: clean })]) {
        const refused = await t.run(REVIEW, vars, viewer);
        expect(codes(refused)).toEqual(['FORBIDDEN']);
        expect(refused.errors![0].path).toEqual(['creditReview']);
      }
      expect((await t.run(REVIEW, vars, cityClient(Role.INVESTMENT))).errors).toBeUndefined();
    });

    it('reviews level, records, listings and the decision per code, with 信易购 in procurement', async () => {
      const result = await t.run(
        REVIEW,
        { codes: [listed, enforced, lowLevel, clean, unknown, INVALID], context: 'PROCUREMENT' },
        cityClient(Role.PROCUREMENT),
      );
      expect(result.errors).toBeUndefined();
      const [l, e, low, c, u, i] = result.data.creditReview;
      expect(l).toMatchObject({ registered: true, level: 'D', decision: 'BLOCK', rule: { id: 'PROC.BLOCK.LISTS' } });
      expect(l.listings).toEqual([{ listType: 'SERIOUS_DISHONESTY' }]);
      expect(l.seriousRecordCount).toBeGreaterThanOrEqual(1);
      expect(e).toMatchObject({ seriousRecordCount: 0, generalRecordCount: 1, records: [{ title: 'IC-ENF-1' }] });
      // Level A with a general record: relief is refused only for serious records and listings in force.
      expect(e.depositRelief).toEqual({ kind: 'WAIVED', percent: 100, rule: { id: 'XYG.WAIVED' } });
      expect(l.depositRelief).toEqual({ kind: 'NONE', percent: 0, rule: { id: 'XYG.NONE' } });
      expect(c.depositRelief).toEqual({ kind: 'WAIVED', percent: 100, rule: { id: 'XYG.WAIVED' } });
      expect(low).toMatchObject({
        level: 'C',
        generalRecordCount: 6,
        decision: 'WARN',
        rule: { id: 'PROC.WARN.LEVEL' },
      });
      expect(low.depositRelief).toEqual({ kind: 'NONE', percent: 0, rule: { id: 'XYG.NONE' } });
      expect(c).toMatchObject({ level: 'A', decision: 'PASS', rule: { id: 'PROC.PASS' }, records: [] });
      expect(u).toMatchObject({ registered: false, level: null, decision: 'PASS', depositRelief: null });
      expect(i).toMatchObject({ valid: false, decision: 'WARN', rule: { id: 'PROC.INVALID' } });
    });

    it('no deposit relief outside procurement', async () => {
      const result = await t.run(REVIEW, { codes: [clean], context: 'HONOURS' }, cityClient(Role.PROCUREMENT));
      expect(result.data.creditReview[0].depositRelief).toBeNull();
    });

    it('withholds a person looked up by full number from a system not entitled to it', async () => {
      const result = await t.run(REVIEW, { codes: [t.demo.cityCadre.code], context: 'HONOURS' }, viewers.procurement);
      expect(result.data.creditReview[0]).toMatchObject({
        withheld: true,
        registered: false,
        level: null,
        decision: 'PASS',
        rule: { id: 'HON.UNREGISTERED' },
      });
    });

    it('costs the same statements for 10 and 1000 codes', async () => {
      const batch = (n: number) =>
        Array.from(
          { length: n },
          (_, i) => [listed, enforced, lowLevel, clean][i % 4] ?? makeUscc('91', '320900', String(85000000 + i)),
        ).map((code, i) => (i % 5 === 4 ? makeUscc('91', '320900', String(85000000 + i)) : code));
      const small = await t.counted(REVIEW, { codes: batch(10), context: 'FUNDING' }, cityClient(Role.PROCUREMENT));
      const large = await t.counted(REVIEW, { codes: batch(1000), context: 'FUNDING' }, cityClient(Role.PROCUREMENT));
      expect(large.errors).toBeUndefined();
      expect(large.data.creditReview).toHaveLength(1000);
      expect(large.statements).toBe(small.statements);
      // The registry; the listings, records that may count, measures and breaches in one; CreditReview.records.
      expect(large.statements).toBeLessThanOrEqual(3);
    });

    it('refuses more than 1000 codes', async () => {
      const result = await t.run(
        REVIEW,
        { codes: Array.from({ length: 1001 }, () => clean), context: 'FUNDING' },
        cityClient(Role.PROCUREMENT),
      );
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('creditStatus.depositRelief (信易购)', () => {
    const STATUS = `query($code: String!) { creditStatus(code: $code) { level depositRelief { kind percent rule { id } } } }`;
    it.each([
      ['clean (A)', () => clean, { kind: 'WAIVED', percent: 100, rule: { id: 'XYG.WAIVED' } }],
      ['level C', () => lowLevel, { kind: 'NONE', percent: 0, rule: { id: 'XYG.NONE' } }],
    ])('%s', async (_name, code, relief) => {
      const result = await t.run(STATUS, { code: code() }, PUBLIC_PRINCIPAL);
      expect(result.errors).toBeUndefined();
      expect(result.data.creditStatus.depositRelief).toEqual(relief);
    });

    it('a level B supplier pays half', async () => {
      // 100 - 3 × 5 = 85: level B.
      const b = makeUscc('91', '320902', '84400005');
      const input = Array.from({ length: 3 }, (_, i) => finding(`IC-B-${i}`, b));
      await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
        { input },
        viewers.creditOffice,
      );
      const result = await t.run(STATUS, { code: b }, PUBLIC_PRINCIPAL);
      expect(result.data.creditStatus).toEqual({
        level: 'B',
        depositRelief: { kind: 'REDUCED', percent: 50, rule: { id: 'XYG.REDUCED' } },
      });
    });

    it('is null for an unregistered code', async () => {
      const result = await t.run(STATUS, { code: unknown }, PUBLIC_PRINCIPAL);
      expect(result.data.creditStatus.depositRelief).toBeNull();
    });
  });
});
