import { makeUscc } from '../../src/identity';
import { today } from '../../src/common/dates';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { outsideClient, viewers } from '../helpers/viewers';

/**
 * 自动监督 (#15 item 3): every blacklistCheck has a check id, the platform reports what it did with each bidder, the
 * credit office reads the ledger per platform and month with exact counts, and an admission despite BLOCK raises
 * INTERCEPTION_OVERRIDDEN. The dataset is the demo plus the checks made here, on a fresh hub.
 */
const CHECK = `query($codes: [String!]!) { blacklistCheck(codes: $codes, context: TENDERING) { code valid decision rule { id } checkId } }`;
const REPORT = `mutation($projectNo: String!, $lot: String, $items: [InterceptionReportItem!]!) {
  reportInterceptions(projectNo: $projectNo, lot: $lot, items: $items) { recorded unchanged warningsRaised } }`;
const LEDGER = `query($prefix: String!, $month: String!) { interceptionLedger(regionPrefix: $prefix, fromMonth: $month, toMonth: $month) {
  platform month checks blocked warned excluded admittedDespiteBlock unreported unreportedBlocks
  overrides { checkId projectNo lot subjectCode ruleId action reason reportedAt } } }`;
const WARNINGS = `{ warnings(filter: { kinds: [INTERCEPTION_OVERRIDDEN] }) { kind rule message sourceRef subject { code } } }`;

type Row = { code: string; valid: boolean; decision: string | null; rule: { id: string } | null; checkId: string };

describe('interception supervision: checkId, reportInterceptions, interceptionLedger', () => {
  let t: TestHub;
  const month = today().slice(0, 7);
  // Platforms that did nothing in the demo, so the counts are this file's alone.
  const platform = as(Role.TENDERING, { region: '320900', sub: 'test-tender-platform' });
  const otherPlatform = as(Role.TENDERING, { region: '320900', sub: 'test-other-tender-platform' });
  let listed: string;
  let clean: string;
  const unknown = makeUscc('91', '320900', '86000077');

  async function check(codes: string[], viewer = platform): Promise<Row[]> {
    const result = await t.run(CHECK, { codes }, viewer);
    expect(result.errors).toBeUndefined();
    return result.data!.blacklistCheck;
  }
  const report = (items: object[], viewer = platform, lot: string | null = '01') =>
    t.run(REPORT, { projectNo: 'YC-ZB-2026-118', lot, items }, viewer);

  beforeAll(async () => {
    t = await startTestHub();
    listed = t.demo.blacklistedEnterprise.code;
    clean = t.demo.cleanEnterprise.code;
  });
  afterAll(() => t.close());

  it('every row of one call carries the same check id; invalid codes are rows but not kept', async () => {
    const rows = await check([listed, clean, unknown, '91110000600037341N']);
    expect(new Set(rows.map((r) => r.checkId)).size).toBe(1);
    expect(rows.map((r) => r.decision)).toEqual(['BLOCK', 'PASS', 'PASS', 'WARN']);
    const [again] = await check([listed]);
    expect(again.checkId).not.toBe(rows[0].checkId);
    // The invalid code cannot be reported: the check kept no row for it.
    const invalid = await report([{ code: '91110000600037341N', checkId: rows[0].checkId, action: 'EXCLUDED' }]);
    expect(codes(invalid)).toEqual(['BAD_USER_INPUT']);
    expect(invalid.errors![0].extensions).toMatchObject({ index: 0, field: 'code' });
  });

  describe('on a fixed set of checks', () => {
    let first: Row[];
    let second: Row[];
    let third: Row[];
    let foreign: Row[];
    beforeAll(async () => {
      first = await check([listed, clean, unknown]);
      second = await check([listed]);
      third = await check([listed]);
      foreign = await check([listed, clean], otherPlatform);
    });

    it('refuses bad items all at once and writes nothing', async () => {
      const result = await report([
        { code: listed, checkId: first[0].checkId, action: 'ADMITTED_WITH_REASON' },
        { code: clean, checkId: first[0].checkId, action: 'EXCLUDED' },
        { code: unknown, checkId: 'not-a-check', action: 'EXCLUDED' },
      ]);
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].extensions!.invalid).toEqual([
        expect.objectContaining({ index: 0, field: 'reason' }),
        expect.objectContaining({ index: 2, field: 'checkId' }),
      ]);
      // Well-formed items naming no kept row: a check id never issued, a code the check did not contain.
      const unknownRows = await report([
        { code: clean, checkId: first[0].checkId, action: 'EXCLUDED' },
        { code: clean, checkId: '00000000-0000-4000-8000-000000000000', action: 'EXCLUDED' },
        { code: clean, checkId: second[0].checkId, action: 'EXCLUDED' },
      ]);
      expect(codes(unknownRows)).toEqual(['BAD_USER_INPUT']);
      expect(unknownRows.errors![0].extensions!.invalid).toEqual([
        expect.objectContaining({ index: 1, field: 'checkId' }),
        expect.objectContaining({ index: 2, field: 'checkId' }),
      ]);
      const ledger = await t.run(LEDGER, { prefix: '3209', month }, viewers.creditOffice);
      const mine = ledger.data!.interceptionLedger.find(
        (r: { platform: string }) => r.platform === 'test-tender-platform',
      );
      expect(mine).toMatchObject({ excluded: 0, admittedDespiteBlock: 0 });
    });

    it('only the platform that made a check reports on it; PUBLIC not at all', async () => {
      const foreignReport = await report(
        [{ code: listed, checkId: first[0].checkId, action: 'EXCLUDED' }],
        otherPlatform,
      );
      expect(codes(foreignReport)).toEqual(['FORBIDDEN']);
      expect(foreignReport.errors![0].extensions!.invalid).toEqual([
        expect.objectContaining({ index: 0, field: 'checkId', reason: 'OWN_CHECK' }),
      ]);
      const anonymous = await report(
        [{ code: listed, checkId: first[0].checkId, action: 'EXCLUDED' }],
        PUBLIC_PRINCIPAL,
      );
      expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
      expect(anonymous.errors![0].path).toEqual(['reportInterceptions']);
    });

    it('records the reports, raises a warning per admission despite BLOCK, and a retry changes nothing', async () => {
      const reported = await report([
        { code: listed, checkId: first[0].checkId, action: 'ADMITTED_WITH_REASON', reason: '法院已裁定中止执行' },
        { code: clean, checkId: first[0].checkId, action: 'EXCLUDED', reason: '资格审查不合格' },
      ]);
      expect(reported.errors).toBeUndefined();
      expect(reported.data!.reportInterceptions).toEqual({ recorded: 2, unchanged: 0, warningsRaised: 1 });
      const admitted = await report([{ code: listed, checkId: second[0].checkId, action: 'ADMITTED' }], platform, null);
      expect(admitted.data!.reportInterceptions).toEqual({ recorded: 1, unchanged: 0, warningsRaised: 1 });
      const excluded = await report([
        { code: ` ${listed.toLowerCase()} `, checkId: third[0].checkId, action: 'EXCLUDED' },
      ]);
      expect(excluded.data!.reportInterceptions).toEqual({ recorded: 1, unchanged: 0, warningsRaised: 0 });

      const retry = await report([
        { code: clean, checkId: first[0].checkId, action: 'EXCLUDED', reason: '资格审查不合格' },
      ]);
      expect(retry.data!.reportInterceptions).toEqual({ recorded: 0, unchanged: 1, warningsRaised: 0 });
      const contradicting = await report([{ code: clean, checkId: first[0].checkId, action: 'ADMITTED' }]);
      expect(codes(contradicting)).toEqual(['BAD_USER_INPUT']);
      expect(contradicting.errors![0].extensions).toMatchObject({ index: 0, field: 'action' });
    });

    it('the credit office reads exact counts per platform and month; the overrides with their reasons', async () => {
      const result = await t.run(LEDGER, { prefix: '3209', month }, viewers.creditOffice);
      expect(result.errors).toBeUndefined();
      const rows = result.data!.interceptionLedger;
      const mine = rows.find((r: { platform: string }) => r.platform === 'test-tender-platform');
      const theirs = rows.find((r: { platform: string }) => r.platform === 'test-other-tender-platform');
      // Of this describe's checks plus the first test's two calls (4 valid codes, none reported).
      expect(mine).toMatchObject({
        month,
        checks: 5 + 4,
        blocked: 3 + 2,
        warned: 0,
        excluded: 2,
        admittedDespiteBlock: 2,
        unreported: 1 + 4,
        unreportedBlocks: 2,
      });
      expect(mine.overrides).toEqual([
        expect.objectContaining({
          checkId: first[0].checkId,
          projectNo: 'YC-ZB-2026-118',
          lot: '01',
          subjectCode: listed,
          ruleId: first[0].rule!.id,
          action: 'ADMITTED_WITH_REASON',
          reason: '法院已裁定中止执行',
        }),
        expect.objectContaining({ checkId: second[0].checkId, lot: null, action: 'ADMITTED', reason: null }),
      ]);
      expect(theirs).toMatchObject({
        checks: 2,
        blocked: 1,
        excluded: 0,
        unreported: 2,
        unreportedBlocks: 1,
        overrides: [],
      });
      expect(foreign[0].decision).toBe('BLOCK');
    });

    it('a platform reads only its own checks; a credit office outside the prefix is refused', async () => {
      const own = await t.run(LEDGER, { prefix: '3209', month }, otherPlatform);
      expect(own.data!.interceptionLedger.map((r: { platform: string }) => r.platform)).toEqual([
        'test-other-tender-platform',
      ]);
      const outside = await t.run(LEDGER, { prefix: '3209', month }, outsideClient(Role.CREDIT_OFFICE));
      expect(codes(outside)).toEqual(['FORBIDDEN']);
      expect(outside.errors![0].extensions).toMatchObject({ reason: 'IN_JURISDICTION' });
      const subject = await t.run(LEDGER, { prefix: '3209', month }, as(Role.SUBJECT, { org: listed }));
      expect(codes(subject)).toEqual(['FORBIDDEN']);
      const badMonth = await t.run(LEDGER, { prefix: '3209', month: '2026-13' }, viewers.creditOffice);
      expect(badMonth.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromMonth' });
    });

    it('each admission despite BLOCK is an INTERCEPTION_OVERRIDDEN warning on the bidder, once', async () => {
      const result = await t.run(WARNINGS, {}, viewers.creditOffice);
      expect(result.errors).toBeUndefined();
      const ours = new Set([first[0].checkId, second[0].checkId, third[0].checkId, foreign[0].checkId]);
      const warnings = result.data!.warnings.filter((w: { sourceRef: string }) => ours.has(w.sourceRef.split(':')[1]));
      expect(warnings).toHaveLength(2);
      expect(warnings.map((w: { sourceRef: string }) => w.sourceRef).sort()).toEqual(
        [`INTERCEPTION_CHECK:${first[0].checkId}:0`, `INTERCEPTION_CHECK:${second[0].checkId}:0`].sort(),
      );
      expect(warnings[0]).toMatchObject({ kind: 'INTERCEPTION_OVERRIDDEN', subject: { code: listed } });
    });
  });
});
