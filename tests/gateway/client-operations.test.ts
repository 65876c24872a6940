import { addMonths, today } from '../../src/common/dates';
import type { BuyerRecordsQuery, BuyerRecordsQueryVariables } from '../../clients/generated/procurement';
import { clientOperation } from '../helpers/client-operations';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * The contract operations no other suite runs (clients/), as the client systems send them:
 * paging a buyer's records, a cadre's standing, and the tender platform's report → listing →
 * check round trip, each as the entitled role and a role just outside.
 */
describe('client contract operations, as client systems run them', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const procurement = () => as(Role.PROCUREMENT, { region: '320900', org: t.demo.finance.code });
  const court = () => as(Role.COURT, { region: '320900', sub: 'contract-court', org: t.demo.court.code });
  const tendering = () =>
    as(Role.TENDERING, { region: '320900', sub: 'contract-tender', org: t.demo.tradingCenter.code });
  const finding = (externalId: string, code: string, overrides: Record<string, unknown> = {}) => ({
    externalId,
    subject: { code },
    nature: 'DISHONESTY',
    category: 'JUDICIAL_JUDGMENT',
    domain: 'GENERAL',
    severity: 'GENERAL',
    title: '行政机关败诉',
    decidedAt: addMonths(today(), -1),
    disclosure: 'PUBLIC',
    ...overrides,
  });

  it('BuyerRecords pages through every record once with first/after', async () => {
    const input = ['PAGE-1', 'PAGE-2', 'PAGE-3'].map((id) => finding(id, t.demo.housing.code));
    expect((await t.run(clientOperation('record-push/SubmitRecords'), { input }, court())).errors).toBeUndefined();
    const query = clientOperation('procurement/BuyerRecords');
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 20; page += 1) {
      // Typed by the generated contract types, as a client system would use them.
      const variables: BuyerRecordsQueryVariables = { code: t.demo.housing.code, first: 2, after };
      const result = await t.run<BuyerRecordsQuery>(query, variables, procurement());
      expect(result.errors).toBeUndefined();
      const records = result.data!.subject!.records!;
      total = records.totalCount;
      seen.push(...records.edges.map((edge) => edge.node.id));
      if (!records.pageInfo.hasNextPage) break;
      after = records.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('CadreStanding: the managing organization department is told; another is not even told of the person', async () => {
    const query = clientOperation('org-dept/CadreStanding');
    const cadre = t.demo.people[1];
    const managing = await t.run(
      query,
      { code: cadre.code },
      as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    );
    expect(managing.errors).toBeUndefined();
    expect(managing.data!.subject).toMatchObject({ name: cadre.name, code: cadre.code });
    expect(managing.data!.subject.creditStatus.level).toEqual(expect.any(String));
    for (const viewer of [
      as(Role.ORG_DEPT, { region: '320900', org: t.demo.counties[0].orgDept.code }),
      procurement(),
      PUBLIC_PRINCIPAL,
    ]) {
      const other = await t.run(query, { code: cadre.code }, viewer);
      expect(other.errors).toBeUndefined();
      expect(other.data!.subject).toBeNull();
    }
  });

  it('the tender platform reports a violation, re-pushes it UNCHANGED, lists the bidder, and the check sees it', async () => {
    const bidder = t.demo.enterprises[1];
    const report = clientOperation('tendering/ReportTenderViolation');
    const violation = finding('TP-CONTRACT-1', bidder.code, {
      category: 'ADMINISTRATIVE_PENALTY',
      domain: 'TENDERING',
      title: '围标串标',
    });
    expect(codes(await t.run(report, { input: [violation] }, court()))).toEqual(['FORBIDDEN']);
    const first = await t.run(report, { input: [violation] }, tendering());
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitRecords).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    const again = await t.run(report, { input: [violation] }, tendering());
    expect(again.data!.submitRecords).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(again.data!.submitRecords.results[0].recordId).toBe(first.data!.submitRecords.results[0].recordId);

    const listing = {
      subject: { code: bidder.code },
      listType: 'TENDER_BLACKLIST',
      reason: '围标串标，列入招标投标黑名单',
      legalBasis: '《江苏省招标投标条例》',
      reasonRecordIds: [first.data!.submitRecords.results[0].recordId],
    };
    const list = clientOperation('tendering/AddToTenderBlacklist');
    expect(codes(await t.run(list, { input: listing }, procurement()))).toEqual(['FORBIDDEN']);
    const listed = await t.run(list, { input: listing }, tendering());
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.listSubject).toMatchObject({ listType: 'TENDER_BLACKLIST', active: true });

    const check = await t.run(
      clientOperation('tendering/BidderBlacklistCheck'),
      { codes: [bidder.code, 'not-a-code'], listTypes: ['TENDER_BLACKLIST'] },
      PUBLIC_PRINCIPAL,
    );
    expect(check.errors).toBeUndefined();
    expect(
      check.data!.blacklistCheck.map((row: { valid: boolean; listed: boolean }) => [row.valid, row.listed]),
    ).toEqual([
      [true, true],
      [false, false],
    ]);
  });
});
