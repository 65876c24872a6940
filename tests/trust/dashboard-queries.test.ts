import fs from 'node:fs';
import path from 'node:path';
import { codes, startTestHub, type TestHub } from '../helpers/test-hub';
import { FACTS, pushFacts, viewersOf, type ViewerName, type Viewers } from './fixture';

/**
 * The GraphQL documents the dashboard sends (web/dashboard/*.mts), read from its sources so a new query is covered too.
 */
function dashboardDocuments(): Map<string, string> {
  const dir = path.join(__dirname, '../../web/dashboard');
  const source = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.mts'))
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
  return new Map([...source.matchAll(/`\s*((?:query|mutation)\s+(\w+)[^`]*)`/g)].map((m) => [m[2], m[1]]));
}

/**
 * The dashboard uses the public GraphQL API: executed as each role, its documents release
 * nothing protected beyond what the role may read (derived-flows.test.ts has the rules).
 */
describe('the dashboard’s queries', () => {
  let t: TestHub;
  let v: Viewers;
  let ids: Awaited<ReturnType<typeof pushFacts>>;
  const documents = dashboardDocuments();
  beforeAll(async () => {
    t = await startTestHub();
    v = viewersOf(t);
    ids = await pushFacts(t);
  });
  afterAll(() => t.close());

  async function variables(): Promise<Record<string, Record<string, unknown>>> {
    const [period] = (await t.run(`{ evaluationPeriods(last: 1) }`)).data!.evaluationPeriods;
    const month = new Date().toISOString().slice(0, 7);
    const ranking = { period, kind: 'DEPARTMENT', regionPrefix: '3209' };
    return {
      DashboardPeriods: { last: 8 },
      DashboardRanking: ranking,
      DashboardScoreHistory: ranking,
      DashboardWarnings: { filter: { states: ['OPEN'], regionPrefix: '3209' } },
      DashboardCaseLedger: { regionPrefix: '3209', fromMonth: month, toMonth: month },
      DashboardInterceptions: { regionPrefix: '3209', fromMonth: month, toMonth: month },
      DashboardGovernments: { filter: { kinds: ['GOVERNMENT'], regionPrefix: '3209' }, first: 200, after: null },
    };
  }

  async function runAll(name: ViewerName): Promise<Record<string, { text: string; codes: string[] }>> {
    const vars = await variables();
    const out: Record<string, { text: string; codes: string[] }> = {};
    for (const [operation, query] of documents) {
      const result = await t.run(query, vars[operation], v[name]);
      out[operation] = { text: JSON.stringify(result.data), codes: codes(result) };
    }
    return out;
  }

  it('covers every document the dashboard sends', () => {
    expect([...documents.keys()].sort()).toEqual([
      'DashboardCaseLedger',
      'DashboardGovernments',
      'DashboardInterceptions',
      'DashboardPeriods',
      'DashboardRanking',
      'DashboardScoreHistory',
      'DashboardWarnings',
    ]);
  });

  it.each([
    'public',
    'procurementIn',
    'debtIn',
    'debtOut',
    'officeOut',
    'orgDeptManaging',
    'self',
    'impostor',
  ] as ViewerName[])('%s learns nothing protected through them', async (name) => {
    const answers = await runAll(name);
    for (const [operation, { text }] of Object.entries(answers)) {
      for (const fact of [
        FACTS.sanctionTitle,
        FACTS.restrictedTitle,
        FACTS.personalReport,
        `"id":"${ids.restrictedRecord}"`,
        `"id":"${ids.sanction}"`,
      ]) {
        expect([operation, text.includes(fact)]).toEqual([operation, false]);
      }
    }
    if (name !== 'debtIn')
      expect(answers.DashboardWarnings.codes.length > 0 || answers.DashboardWarnings.text === '{"warnings":[]}').toBe(
        true,
      );
    if (name === 'public') expect(answers.DashboardRanking.codes).toEqual(['FORBIDDEN']);
  });

  it('the credit office of the jurisdiction, entitled to the records, sees the RESTRICTED warning through the same documents', async () => {
    const answers = await runAll('officeIn');
    expect(answers.DashboardWarnings.codes).toEqual([]);
    expect(answers.DashboardWarnings.text).toContain(FACTS.restrictedTitle);
    expect(answers.DashboardRanking.codes).toEqual([]);
  });
});
