import { startTestHub, type TestHub } from '../helpers/test-hub';
import { demoPeriods, office, RANKING, WARNINGS } from './helpers';

/** What issue 8 asks of the demo: a ranking with differences that make sense and a warning of every kind. */
describe('monitoring demo data', () => {
  let t: TestHub;
  const { last, before } = demoPeriods();
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const ranking = async (kind: string, period = last.code) => {
    const result = await t.run(RANKING, { period, kind, prefix: '3209' }, office());
    expect(result.errors).toBeUndefined();
    return result.data.ranking;
  };

  it('ranks Yancheng’s county governments: the commended first, the clean at the base, those with findings below', async () => {
    const { entries } = await ranking('GOVERNMENT');
    const score = (region: string) => entries.find((e: any) => e.subject.regionCode === region).score;
    expect(entries[0].subject.name).toMatch(/人民政府$/);
    expect(score('320902')).toBeGreaterThan(100); // 亭湖: commended in the quarter
    expect(score('320904')).toBe(100); // 大丰: only a tolerated finding
    for (const region of ['320922', '320923', '320924']) expect(score(region)).toBeLessThan(100); // findings, arrears, enforcement default
    expect(entries[entries.length - 1].score).toBeLessThan(90);
  });

  it('ranks departments, with the seriously penalised one last and the commended one first', async () => {
    const { entries } = await ranking('DEPARTMENT');
    expect(entries[0].subject.code).toBe(t.demo.finance.code);
    expect(entries[entries.length - 1].subject.code).toBe(t.demo.county('320903').housing.code);
    expect(new Set(entries.map((e: any) => e.score)).size).toBeGreaterThanOrEqual(4);
  });

  it('has the quarter before published, so the last quarter shows trend', async () => {
    const published = await ranking('GOVERNMENT', before.code);
    expect(published.published).toBe(true);
    const { entries } = await ranking('GOVERNMENT');
    const binhai = entries.find((e: any) => e.subject.regionCode === '320922');
    expect(binhai.previousRank).toEqual(expect.any(Number));
    expect(binhai.previousScore).toBeGreaterThan(binhai.score); // one finding then, three now
  });

  it('has at least one warning of every kind', async () => {
    const result = await t.run(WARNINGS, {}, office());
    expect(result.errors).toBeUndefined();
    const kinds = new Map<string, any[]>();
    for (const w of result.data.warnings) kinds.set(w.kind, [...(kinds.get(w.kind) ?? []), w]);
    expect([...kinds.keys()].sort()).toEqual([
      'COMMITMENT_OVERDUE',
      'DEBT_RISK',
      'ENFORCEMENT_DEFAULT_UNRESOLVED',
      'INTERCEPTION_OVERRIDDEN',
      'REPEATED_FINDINGS',
      'SERIOUS_FINDING',
    ]);
    const repeated = kinds
      .get('REPEATED_FINDINGS')!
      .find((w) => w.subject.code === t.demo.county('320922').government.code);
    expect(repeated).toMatchObject({ state: 'OPEN', period: last.code });
    expect(repeated.records.length).toBeGreaterThanOrEqual(3);
    for (const w of kinds.get('SERIOUS_FINDING')!) expect(w.records).toHaveLength(1);
    expect(result.data.warnings.every((w: any) => w.regionCode.startsWith('3209'))).toBe(true);
  });
});
