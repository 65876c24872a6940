import {
  RecordCategory,
  RecordDomain,
  RecordNature,
  RecordStatus,
  Severity,
} from '../../../src/subgraphs/records/enums';
import { loadEvaluationConfig } from '../../../src/subgraphs/records/policy/evaluation-config';
import {
  asOfDay,
  lastPeriods,
  parsePeriod,
  periodOf,
  previousPeriod,
} from '../../../src/subgraphs/records/monitoring/period';
import {
  evaluate,
  indicatorEvidence,
  indicatorScore,
  NO_FACTS,
  rank,
  type SubjectFacts,
} from '../../../src/subgraphs/records/monitoring/scoring';

const config = loadEvaluationConfig();
const q3 = parsePeriod('2026Q3', 'QUARTER');

function record(id: string, overrides: Partial<SubjectFacts['records'][number]> = {}): SubjectFacts['records'][number] {
  return {
    id,
    nature: RecordNature.DISHONESTY,
    category: RecordCategory.ADMINISTRATIVE_PENALTY,
    domain: RecordDomain.GENERAL,
    severity: Severity.GENERAL,
    status: RecordStatus.ACTIVE,
    tolerated: false,
    decidedAt: '2026-08-01',
    publicUntil: '2027-07-31',
    ...overrides,
  };
}
const facts = (over: Partial<SubjectFacts>): SubjectFacts => ({ ...NO_FACTS, ...over });

describe('periods', () => {
  it('parses, bounds and steps quarters, months and years', () => {
    expect(q3).toEqual({ code: '2026Q3', start: '2026-07-01', end: '2026-09-30' });
    expect(previousPeriod(parsePeriod('2026Q1', 'QUARTER'), 'QUARTER')).toEqual({
      code: '2025Q4',
      start: '2025-10-01',
      end: '2025-12-31',
    });
    expect(parsePeriod('2024-02', 'MONTH')).toEqual({ code: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('2026-11-24', 'YEAR')).toEqual({ code: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(lastPeriods('2026-01-15', 3, 'QUARTER').map((p) => p.code)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
    expect(asOfDay(q3, '2026-08-15')).toBe('2026-08-15');
    expect(asOfDay(q3, '2026-11-24')).toBe('2026-09-30');
  });

  it.each(['2026Q5', '2026-Q3', '2026-07', '', 'Q3'])(
    'rejects %p for quarterly evaluation (BAD_USER_INPUT on period)',
    (code) => {
      expect(() => parsePeriod(code, 'QUARTER')).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'period' }) }),
      );
    },
  );
});

describe('indicator evidence', () => {
  const general = config.indicators.find((i) => i.code === 'GENERAL_FINDINGS')!.counts;
  const enforcement = config.indicators.find((i) => i.code === 'ENFORCEMENT_DEFAULTS')!.counts;
  const asOf = '2026-09-30';

  it('counts a record as credit status does: not repaired, revoked, tolerated or out of its window; disputed ones still count', () => {
    const subject = facts({
      records: [
        record('1'),
        record('2', { status: RecordStatus.REPAIRED }),
        record('3', { status: RecordStatus.REVOKED }),
        record('4', { tolerated: true }),
        record('5', { decidedAt: '2026-06-30' }), // before the period
        record('6', { severity: Severity.SERIOUS }),
        record('7', { category: RecordCategory.ARREARS }), // has its own indicator
        record('8', { nature: RecordNature.HONOR, category: RecordCategory.COMMENDATION }),
      ],
    });
    expect(indicatorEvidence(subject, general, q3, asOf).map((e) => e.recordId)).toEqual(['1']);
  });

  it('IN_FORCE counts findings decided earlier and still in their window at the period end', () => {
    const subject = facts({
      records: [
        record('1', {
          category: RecordCategory.ENFORCEMENT_DEFAULT,
          decidedAt: '2025-01-10',
          publicUntil: '2028-01-09',
        }),
        record('2', {
          category: RecordCategory.ENFORCEMENT_DEFAULT,
          decidedAt: '2024-01-10',
          publicUntil: '2026-09-29',
        }),
      ],
    });
    expect(indicatorEvidence(subject, enforcement, q3, asOf).map((e) => e.ref)).toEqual(['RECORD:1']);
  });

  it('commitments: overdue = still pending after the due date; breached ones name their record', () => {
    const subject = facts({
      commitments: [
        { id: '1', state: 'PENDING', dueOn: '2026-08-01', breachRecordId: null },
        { id: '2', state: 'PENDING', dueOn: '2026-09-30', breachRecordId: null },
        { id: '3', state: 'FULFILLED', dueOn: '2026-08-01', breachRecordId: null },
        { id: '4', state: 'BREACHED', dueOn: '2026-08-01', breachRecordId: '77' },
      ],
    });
    expect(
      indicatorEvidence(subject, { source: 'COMMITMENTS', outcome: 'OVERDUE' }, q3, asOf).map((e) => e.ref),
    ).toEqual(['COMMITMENT:1']);
    expect(indicatorEvidence(subject, { source: 'COMMITMENTS', outcome: 'BREACHED' }, q3, asOf)).toEqual([
      { ref: 'COMMITMENT:4', recordId: '77' },
    ]);
  });
});

describe('scores', () => {
  it('value × weight, capped either way', () => {
    expect(indicatorScore(3, -4, 20)).toBe(-12);
    expect(indicatorScore(9, -4, 20)).toBe(-20);
    expect(indicatorScore(9, 2, 6)).toBe(6);
    expect(indicatorScore(0, -4)).toBe(0);
  });

  it('total = base + every indicator’s points, never below 0, with every indicator reported', () => {
    const clean = evaluate(NO_FACTS, config, q3, '2026-09-30');
    expect(clean.total).toBe(config.base);
    expect(clean.indicators.map((i) => i.code)).toEqual(config.indicators.map((i) => i.code));
    const subject = facts({
      records: [
        record('1'),
        record('2'),
        record('3', { severity: Severity.SERIOUS }),
        record('4', { category: RecordCategory.LITIGATION_LOST }),
      ],
      cases: [
        { id: '9', kind: 'ENFORCEMENT_DEFAULT' },
        { id: '10', kind: 'PENDING_LITIGATION' },
      ],
      repairs: [{ id: '5', recordId: '99' }],
    });
    const result = evaluate(subject, config, q3, '2026-09-30');
    const points = Object.fromEntries(result.indicators.map((i) => [i.code, i.score]));
    expect(points).toMatchObject({
      GENERAL_FINDINGS: -8,
      SERIOUS_FINDINGS: -12,
      LITIGATION_LOST: -5,
      ENFORCEMENT_CASES_OPEN: -4,
      REPAIRS: 2,
    });
    expect(result.total).toBe(100 - 8 - 12 - 5 - 4 + 2);
    const awful = facts({
      records: Array.from({ length: 40 }, (_, i) =>
        record(String(i), {
          severity: i % 2 ? Severity.SERIOUS : Severity.GENERAL,
          category: [
            RecordCategory.ARREARS,
            RecordCategory.ADMINISTRATIVE_PENALTY,
            RecordCategory.LITIGATION_LOST,
            RecordCategory.CONTRACT_BREACH,
            RecordCategory.ENFORCEMENT_DEFAULT,
          ][i % 5],
        }),
      ),
    });
    expect(evaluate(awful, { ...config, base: 50 }, q3, '2026-09-30').total).toBe(0);
  });
});

describe('rank', () => {
  it('highest first; equal scores share a rank and are ordered by region, then key, whatever the input order', () => {
    const items = [
      { key: 'b', regionCode: '320903', score: 90 },
      { key: 'a', regionCode: '320904', score: 100 },
      { key: 'c', regionCode: '320902', score: 90 },
      { key: 'd', regionCode: '320902', score: 90 },
      { key: 'e', regionCode: '320901', score: 70 },
    ];
    const expected = [
      ['a', 1],
      ['c', 2],
      ['d', 2],
      ['b', 2],
      ['e', 5],
    ];
    expect(rank(items).map((r) => [r.item.key, r.rank])).toEqual(expected);
    expect(rank([...items].reverse()).map((r) => [r.item.key, r.rank])).toEqual(expected);
  });
});
