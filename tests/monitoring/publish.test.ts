import { as, codes, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { outsideClient } from '../helpers/viewers';
import { firstError } from '../workflows/helpers';
import { demoPeriods, office, push, RANKING } from './helpers';

/** A published ranking is frozen: later records do not rewrite it; an unpublished one follows them. */
describe('publishing a ranking', () => {
  let t: TestHub;
  const { current, last } = demoPeriods();
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const PUBLISH = `mutation($period: String!, $kind: SubjectKind!, $prefix: String!) {
    publishRanking(period: $period, kind: $kind, regionPrefix: $prefix) { period published publishedAt indicatorVersion entries { rank score previousRank previousScore subject { code name regionCode } } }
  }`;
  const ranking = async (prefix: string, viewer = office()) => {
    const result = await t.run(RANKING, { period: last.code, kind: 'GOVERNMENT', prefix }, viewer);
    expect(result.errors).toBeUndefined();
    return result.data.ranking;
  };

  it('only the credit office of the jurisdiction publishes, and only a period that has ended', async () => {
    const vars = { period: last.code, kind: 'GOVERNMENT', prefix: '3209' };
    for (const role of [Role.ORG_DEPT, Role.DISCIPLINE, Role.DEBT, Role.COURT, Role.SUBJECT]) {
      expect(codes(await t.run(PUBLISH, vars, as(role, { region: '320900' })))).toEqual(['FORBIDDEN']);
    }
    // Anonymous: told to authenticate (docs/http.md).
    expect(codes(await t.run(PUBLISH, vars))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(PUBLISH, vars, outsideClient(Role.CREDIT_OFFICE)))).toEqual(['FORBIDDEN']);
    expect(firstError(await t.run(PUBLISH, { ...vars, period: current.code }, office()))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'period',
    });
    expect(await t.sql(`SELECT 1 FROM records.ranking_publication WHERE period = ?`, [last.code])).toEqual([]);
  });

  it('freezes the numbers: a new serious record changes the unpublished ranking, not the published one; twice is CONFLICT', async () => {
    const live = await ranking('3209');
    const published = await t.run(PUBLISH, { period: last.code, kind: 'GOVERNMENT', prefix: '3209' }, office());
    expect(published.errors).toBeUndefined();
    expect(published.data.publishRanking).toMatchObject({
      period: last.code,
      published: true,
      indicatorVersion: t.services.evaluation.version,
    });
    expect(published.data.publishRanking.entries).toEqual(live.entries);

    const jianhu = t.demo.county('320925').government;
    const single = async () => (await ranking('320925')).entries[0].score;
    const before = await single();
    await push(t, {
      externalId: 'PUB-AFTER-1',
      subject: { code: jianhu.code },
      title: '违规举债融资',
      decidedAt: last.start,
      domain: 'GOVERNMENT_DEBT',
    });
    expect(await single()).toBe(before - 12);

    const frozen = await ranking('3209');
    expect(frozen.published).toBe(true);
    expect(frozen.entries).toEqual(live.entries);
    expect(frozen.entries.find((e: any) => e.subject.code === jianhu.code).score).toBe(before);
    // Readable by everyone once published.
    expect((await ranking('3209', as(Role.PUBLIC))).entries).toEqual(live.entries);

    const twice = await t.run(PUBLISH, { period: last.code, kind: 'GOVERNMENT', prefix: '3209' }, office());
    expect(firstError(twice)).toMatchObject({ code: 'CONFLICT', state: 'PUBLISHED' });
  });
});
