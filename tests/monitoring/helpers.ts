import { today } from '../../src/common/dates';
import { periodOf, previousPeriod, type Period } from '../../src/subgraphs/records/monitoring/period';
import type { TestHub } from '../helpers/test-hub';
import { viewers } from '../helpers/viewers';

/** The last completed quarter and the one before (the demo puts findings in both and publishes the older). */
export function demoPeriods(): { current: Period; last: Period; before: Period } {
  const current = periodOf(today(), 'QUARTER');
  const last = previousPeriod(current, 'QUARTER');
  return { current, last, before: previousPeriod(last, 'QUARTER') };
}

/** The demo's credit office. */
export const office = () => viewers.creditOffice;

export const RANKING = `query($period: String!, $kind: SubjectKind!, $prefix: String!) {
  ranking(period: $period, kind: $kind, regionPrefix: $prefix) {
    period kind regionPrefix published publishedAt indicatorVersion
    entries { rank score previousRank previousScore subject { code name regionCode } }
  }
}`;

export const EVALUATION = `query($code: String!, $period: String!) {
  evaluation(subjectCode: $code, period: $period) {
    period total indicatorVersion subject { code name }
    indicators { code name weight value score evidence records { id externalId } }
  }
}`;

export const WARNINGS = `query($filter: WarningFilter) {
  warnings(filter: $filter) { id kind rule state message raisedAt regionCode sourceRef period subject { code name } records { id externalId } history { fromState toState actorRole reason } }
}`;

/** Pushes one finding as the credit office (returns the record id). */
export async function push(t: TestHub, input: Record<string, unknown>): Promise<{ recordId: string; outcome: string }> {
  const result = await t.run(
    `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { outcome recordId } } }`,
    {
      input: [
        {
          nature: 'DISHONESTY',
          domain: 'GENERAL',
          severity: 'SERIOUS',
          disclosure: 'GOVERNMENT',
          category: 'ADMINISTRATIVE_PENALTY',
          ...input,
        },
      ],
    },
    office(),
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.submitRecords.results[0];
}
