import { addDays, today } from '../../src/common/dates';
import { periodOf } from '../../src/subgraphs/records/monitoring/period';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { outsideClient } from '../helpers/viewers';
import { firstError } from '../workflows/helpers';
import { demoPeriods, EVALUATION, office, push, RANKING } from './helpers';

/** Evaluation and rankings through the gateway, on the demo data (docs/monitoring.md). */
describe('evaluation and ranking', () => {
  let t: TestHub;
  const { current, last, before } = demoPeriods();
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const ranking = (kind: string, prefix: string, period = last.code, viewer = office()) =>
    t.run(RANKING, { period, kind, prefix }, viewer);

  it('lists the last quarters, newest first', async () => {
    const result = await t.run('{ evaluationPeriods(last: 3) }', {}, PUBLIC_PRINCIPAL);
    expect(result.errors).toBeUndefined();
    expect(result.data.evaluationPeriods).toEqual([current.code, last.code, before.code]);
    expect(codes(await t.run('{ evaluationPeriods(last: 0) }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('ranks every county government of Yancheng, findings or not, with differences that follow the findings', async () => {
    const result = await ranking('GOVERNMENT', '3209');
    expect(result.errors).toBeUndefined();
    const { entries, published, indicatorVersion } = result.data.ranking;
    expect(published).toBe(false);
    expect(indicatorVersion).toBe(t.services.evaluation.version);
    expect(entries.map((e: any) => e.subject.regionCode).sort()).toEqual(t.demo.counties.map((c) => c.region).sort());
    const byRegion = new Map(entries.map((e: any) => [e.subject.regionCode, e]));
    const at = (region: string) => byRegion.get(region) as any;
    // 亭湖 commended; 大丰 only a tolerated finding (clean); 阜宁 arrears, a penalty and a lawsuit lost;
    // 滨海 three findings in the quarter; 射阳 an enforcement default in force.
    expect(at('320902').rank).toBe(1);
    expect(at('320902').score).toBeGreaterThan(at('320904').score);
    expect(at('320904').score).toBe(100);
    expect(at('320904').score).toBeGreaterThan(at('320922').score);
    expect(at('320904').score).toBeGreaterThan(at('320923').score);
    expect(at('320904').score).toBeGreaterThan(at('320924').score);
    expect(new Set(entries.map((e: any) => e.score)).size).toBeGreaterThanOrEqual(4);
    // Ranks follow the scores; equal scores share a rank.
    for (let i = 1; i < entries.length; i += 1) {
      expect(entries[i].score).toBeLessThanOrEqual(entries[i - 1].score);
      expect(entries[i].rank).toBe(entries[i].score === entries[i - 1].score ? entries[i - 1].rank : i + 1);
    }
    // Trend against the published (frozen) ranking of the quarter before.
    expect(entries.every((e: any) => typeof e.previousRank === 'number' && typeof e.previousScore === 'number')).toBe(
      true,
    );
    expect(at('320922').previousScore).toBeGreaterThan(at('320922').score);
  });

  it('gives the same numbers on a rerun (deterministic order of ties)', async () => {
    const first = await ranking('DEPARTMENT', '3209');
    const second = await ranking('DEPARTMENT', '3209');
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
  });

  it('ranks departments per division level: the whole city, or one county', async () => {
    const city = (await ranking('DEPARTMENT', '3209')).data.ranking.entries;
    expect(city).toHaveLength(7 + t.demo.counties.length * 3);
    const worst = city[city.length - 1];
    expect(worst.subject.code).toBe(t.demo.county('320903').housing.code); // a serious finding in the quarter
    const one = (await ranking('DEPARTMENT', '320903')).data.ranking.entries;
    expect(one.map((e: any) => e.subject.regionCode)).toEqual(['320903', '320903', '320903']);
    const government = (await ranking('GOVERNMENT', '320903')).data.ranking.entries;
    expect(government.map((e: any) => e.subject.code)).toEqual([t.demo.county('320903').government.code]);
  });

  it('costs the same number of statements for 3 subjects as for 34 (no N+1)', async () => {
    const few = await t.counted(RANKING, { period: last.code, kind: 'DEPARTMENT', prefix: '320903' }, office());
    const many = await t.counted(RANKING, { period: last.code, kind: 'DEPARTMENT', prefix: '3209' }, office());
    expect(few.data.ranking.entries).toHaveLength(3);
    expect(many.data.ranking.entries.length).toBeGreaterThan(30);
    expect(many.statements).toBe(few.statements);
  });

  it('explains a score: every indicator with value, weight, points and the records behind it', async () => {
    const result = await t.run(
      EVALUATION,
      { code: t.demo.county('320922').government.code, period: last.code },
      office(),
    );
    expect(result.errors).toBeUndefined();
    const evaluation = result.data.evaluation;
    expect(evaluation.indicators.map((i: any) => i.code)).toEqual(t.services.evaluation.indicators.map((i) => i.code));
    expect(evaluation.total).toBeCloseTo(
      t.services.evaluation.base + evaluation.indicators.reduce((s: number, i: any) => s + i.score, 0),
    );
    const general = evaluation.indicators.find((i: any) => i.code === 'GENERAL_FINDINGS');
    expect(general.value).toBe(3);
    expect(general.score).toBe(3 * general.weight);
    expect(general.records.map((r: any) => r.externalId).sort()).toEqual(['JC-DEMO-02', 'JC-DEMO-03', 'JC-DEMO-04']);
    expect(general.evidence).toHaveLength(3);
  });

  it('counts workflow outcomes of the period: repairs approved, objections upheld, commitments overdue and open enforcement cases', async () => {
    const xiangshui = t.demo.county('320921');
    const indicator = async (code: string, name: string, period = current.code) =>
      (await t.run(EVALUATION, { code, period }, office())).data.evaluation.indicators.find(
        (i: any) => i.code === name,
      );
    const dueQuarter = periodOf(addDays(today(), -10), 'QUARTER').code; // the demo's overdue service pledge was due 10 days ago
    expect(await indicator(xiangshui.housing.code, 'REPAIRS')).toMatchObject({ value: 1, score: 2 });
    expect(await indicator(xiangshui.orgDept.code, 'OBJECTIONS_UPHELD')).toMatchObject({ value: 1, score: -1 });
    expect((await indicator(xiangshui.government.code, 'COMMITMENTS_OVERDUE', dueQuarter)).evidence).toEqual([
      expect.stringMatching(/^COMMITMENT:\d+$/),
    ]);
    expect(await indicator(xiangshui.government.code, 'ENFORCEMENT_CASES_OPEN')).toMatchObject({
      value: 1,
      records: [],
    });
  });

  it('counts records exactly as credit status does: a tolerated finding weighs nothing, a counting one does', async () => {
    const code = t.demo.county('320925').government.code;
    const score = async () => (await t.run(EVALUATION, { code, period: last.code }, office())).data.evaluation.total;
    const before = await score();
    await push(t, {
      externalId: 'EVAL-TOLERATED',
      subject: { code },
      title: '容错免责事项',
      decidedAt: last.start,
      tolerated: true,
    });
    expect(await score()).toBe(before);
    await push(t, { externalId: 'EVAL-COUNTS', subject: { code }, title: '违规举债', decidedAt: last.start });
    expect(await score()).toBe(before - 12);
  });

  it('rejects bad input with the field', async () => {
    expect(firstError(await ranking('GOVERNMENT', '320'))?.field).toBe('regionPrefix');
    expect(firstError(await ranking('ENTERPRISE', '3209'))?.field).toBe('kind');
    expect(firstError(await ranking('GOVERNMENT', '3209', '2026-07'))?.field).toBe('period');
    const future = `${Number(current.code.slice(0, 4)) + 1}Q1`;
    expect(firstError(await ranking('GOVERNMENT', '3209', future))?.field).toBe('period');
    expect(
      firstError(await t.run(EVALUATION, { code: t.demo.blacklistedEnterprise.code, period: last.code }, office()))
        ?.field,
    ).toBe('subjectCode');
  });

  describe('who may read', () => {
    const code = () => t.demo.county('320924').government.code;
    it.each([Role.CREDIT_OFFICE, Role.ORG_DEPT, Role.DISCIPLINE])(
      '%s reads evaluations and unpublished rankings in its jurisdiction',
      async (role) => {
        const viewer = as(role, { region: '320900' });
        const evaluation = await t.run(EVALUATION, { code: code(), period: last.code }, viewer);
        expect(evaluation.errors).toBeUndefined();
        expect(evaluation.data.evaluation.total).toBeLessThan(100);
        expect((await ranking('GOVERNMENT', '3209', last.code, viewer)).errors).toBeUndefined();
      },
    );

    it.each([Role.PUBLIC, Role.PROCUREMENT, Role.TENDERING, Role.INVESTMENT, Role.DEBT, Role.COURT, Role.SUBJECT])(
      '%s may not read evaluations or unpublished rankings',
      async (role) => {
        const viewer =
          role === Role.PUBLIC
            ? PUBLIC_PRINCIPAL
            : as(role, { region: '320900', org: role === Role.SUBJECT ? code() : undefined });
        const evaluation = await t.run(EVALUATION, { code: code(), period: last.code }, viewer);
        expect(codes(evaluation)).toEqual(['FORBIDDEN']);
        expect(evaluation.errors![0].path).toEqual(['evaluation']);
        expect(codes(await ranking('GOVERNMENT', '3209', last.code, viewer))).toEqual(['FORBIDDEN']);
      },
    );

    it('an evaluator of another jurisdiction may not', async () => {
      const luoyang = outsideClient(Role.CREDIT_OFFICE);
      expect(codes(await t.run(EVALUATION, { code: code(), period: last.code }, luoyang))).toEqual(['FORBIDDEN']);
      expect(codes(await ranking('GOVERNMENT', '3209', last.code, luoyang))).toEqual(['FORBIDDEN']);
      expect(codes(await ranking('GOVERNMENT', '32', last.code, office()))).toEqual(['FORBIDDEN']);
    });

    it('everyone reads a published ranking', async () => {
      const result = await ranking('GOVERNMENT', '3209', before.code, PUBLIC_PRINCIPAL);
      expect(result.errors).toBeUndefined();
      expect(result.data.ranking.published).toBe(true);
      expect(result.data.ranking.entries).toHaveLength(t.demo.counties.length);
    });
  });
});
