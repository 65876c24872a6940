import fs from 'node:fs';
import { addMonths } from '../../../src/common/dates';
import {
  DEFAULT_POLICY_FILE,
  loadCreditPolicy,
  parseCreditPolicy,
} from '../../../src/subgraphs/records/policy/credit-policy';
import { publicityWindow } from '../../../src/subgraphs/records/policy/publicity';
import { countsAsDishonesty, scoreSubject, type ScoredRecord } from '../../../src/subgraphs/records/policy/scoring';
import { ListType, RecordCategory, RecordNature, RecordStatus, Severity } from '../../../src/subgraphs/records/enums';

const policy = loadCreditPolicy();

function record(overrides: Partial<ScoredRecord> = {}): ScoredRecord {
  return {
    id: '1',
    nature: RecordNature.DISHONESTY,
    category: RecordCategory.ADMINISTRATIVE_PENALTY,
    severity: Severity.GENERAL,
    status: RecordStatus.ACTIVE,
    tolerated: false,
    decidedAt: '2026-03-10',
    publicUntil: '2027-03-09',
    ...overrides,
  };
}

describe('publicity windows (NDRC Order No. 36 defaults)', () => {
  it('general dishonesty: repairable after 3 months, public for 1 year', () => {
    expect(
      publicityWindow(
        {
          nature: RecordNature.DISHONESTY,
          severity: Severity.GENERAL,
          category: RecordCategory.ADMINISTRATIVE_PENALTY,
          decidedAt: '2026-03-10',
        },
        policy,
      ),
    ).toEqual({ from: '2026-03-10', repairableFrom: '2026-06-10', until: '2027-03-09' });
  });
  it('serious dishonesty: repairable after 1 year, public for 3 years', () => {
    expect(
      publicityWindow(
        {
          nature: RecordNature.DISHONESTY,
          severity: Severity.SERIOUS,
          category: RecordCategory.ENFORCEMENT_DEFAULT,
          decidedAt: '2024-02-29',
        },
        policy,
      ),
    ).toEqual({ from: '2024-02-29', repairableFrom: '2025-02-28', until: '2027-02-27' });
  });
  it('the most specific rule wins', () => {
    const custom = parseCreditPolicy({
      ...JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8')),
      publicity: {
        ...policy.publicity,
        rules: [
          ...policy.publicity.rules,
          {
            id: 'TEST_FRAUD',
            nature: 'DISHONESTY',
            severity: 'GENERAL',
            category: 'STATISTICAL_FRAUD',
            minMonths: 6,
            maxMonths: 24,
            basis: 'test',
            source: 'test',
          },
        ],
      },
    });
    const window = publicityWindow(
      {
        nature: RecordNature.DISHONESTY,
        severity: Severity.GENERAL,
        category: RecordCategory.STATISTICAL_FRAUD,
        decidedAt: '2026-01-31',
      },
      custom,
    );
    expect(window).toEqual({ from: '2026-01-31', repairableFrom: '2026-07-31', until: '2028-01-30' });
  });
  it('month arithmetic clamps to month ends', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-12-15', 3)).toBe('2026-03-15');
  });
  it('an invalid policy stops start-up with the reasons', () => {
    expect(() => parseCreditPolicy({ version: '', publicity: { source: '', rules: [] }, scoring: {} })).toThrow(
      /version|rules|scoring/,
    );
    expect(() =>
      parseCreditPolicy({
        ...policy,
        publicity: {
          ...policy.publicity,
          rules: [{ id: 'X', nature: 'HONOR', minMonths: 5, maxMonths: 2, basis: 'x', source: 'x' }],
        },
      }),
    ).toThrow(/minMonths/);
  });
});

describe('scoring', () => {
  const asOf = '2026-11-23';
  it('a clean subject has the base score and the top level', () => {
    expect(scoreSubject([], [], asOf, policy)).toMatchObject({
      score: 100,
      level: 'A',
      activeDishonestyCount: 0,
      reasons: [],
    });
  });
  it('deducts per severity and category factor, and explains each deduction', () => {
    const result = scoreSubject(
      [
        record({ id: 'a' }),
        record({
          id: 'b',
          severity: Severity.SERIOUS,
          category: RecordCategory.ENFORCEMENT_DEFAULT,
          publicUntil: '2029-03-09',
        }),
      ],
      [],
      asOf,
      policy,
    );
    expect(result.score).toBe(100 - 5 - 30);
    expect(result.level).toBe('C');
    expect(result).toMatchObject({ activeDishonestyCount: 2, seriousDishonestyCount: 1 });
    expect(result.reasons.map((r) => [r.id, r.points])).toEqual([
      ['a', -5],
      ['b', -30],
    ]);
  });
  it('tolerated, repaired, revoked, expired and future records do not count', () => {
    const ignored = [
      record({ tolerated: true }),
      record({ status: RecordStatus.REPAIRED }),
      record({ status: RecordStatus.REVOKED }),
      record({ decidedAt: '2024-01-01', publicUntil: '2024-12-31' }),
      record({ decidedAt: '2026-12-01', publicUntil: '2027-11-30' }),
    ];
    for (const r of ignored) expect(countsAsDishonesty(r, asOf)).toBe(false);
    expect(scoreSubject(ignored, [], asOf, policy)).toMatchObject({ score: 100, activeDishonestyCount: 0 });
  });
  it('the last day of publicity still counts, the day after does not', () => {
    expect(countsAsDishonesty(record({ publicUntil: asOf }), asOf)).toBe(true);
    expect(countsAsDishonesty(record({ publicUntil: '2026-11-22' }), asOf)).toBe(false);
  });
  it('a serious-dishonesty listing forces the lowest level; honours add capped points', () => {
    const honors = Array.from({ length: 8 }, (_, i) =>
      record({ id: `h${i}`, nature: RecordNature.HONOR, category: RecordCategory.COMMENDATION }),
    );
    expect(scoreSubject(honors, [], asOf, policy).score).toBe(110);
    const listed = scoreSubject(honors, [{ id: 'l', listType: ListType.SERIOUS_DISHONESTY }], asOf, policy);
    expect(listed).toMatchObject({ score: 70, level: 'D' });
    expect(scoreSubject([], [{ id: 'l', listType: ListType.TENDER_BLACKLIST }], asOf, policy)).toMatchObject({
      score: 70,
      level: 'C',
    });
  });
  it('never goes below zero', () => {
    const many = Array.from({ length: 10 }, (_, i) => record({ id: String(i), severity: Severity.SERIOUS }));
    expect(scoreSubject(many, [], asOf, policy).score).toBe(0);
    expect(scoreSubject(many, [], asOf, policy).level).toBe('D');
  });
});
