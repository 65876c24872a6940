import fs from 'node:fs';
import {
  DEFAULT_POLICY_FILE,
  loadCreditPolicy,
  parseCreditPolicy,
  type CreditPolicy,
} from '../../../src/subgraphs/records/policy/credit-policy';
import {
  recordCounts,
  scoreCounted,
  scoreSubject,
  type CountedGroup,
  type ScoredListing,
  type ScoredRecord,
} from '../../../src/subgraphs/records/policy/scoring';
import { ListType, RecordCategory, RecordNature, RecordStatus, Severity } from '../../../src/subgraphs/records/enums';

const TODAY = '2026-06-15';
const DAYS = ['2025-06-15', '2026-06-14', TODAY, '2026-06-16', '2027-06-15'];

/** A small deterministic generator (mulberry32), so a failure is reproducible. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
}

function records(pick: ReturnType<typeof random>, n: number): ScoredRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const nature = pick([RecordNature.DISHONESTY, RecordNature.DISHONESTY, RecordNature.HONOR]);
    return {
      id: String(i + 1),
      nature,
      category: nature === RecordNature.HONOR ? RecordCategory.COMMENDATION : pick(Object.values(RecordCategory)),
      severity: pick([Severity.GENERAL, Severity.SERIOUS]),
      status: pick([RecordStatus.ACTIVE, RecordStatus.ACTIVE, RecordStatus.ACTIVE, RecordStatus.REVOKED]),
      tolerated: pick([false, false, false, true]),
      decidedAt: pick(DAYS),
      publicUntil: pick(DAYS),
    };
  });
}

/** What SQL hands blacklistCheck (lists/check-facts.ts, weighed): counting records per nature, category, severity. */
function grouped(list: ScoredRecord[]): CountedGroup[] {
  const groups = new Map<string, CountedGroup>();
  for (const r of list.filter((record) => recordCounts(record, TODAY))) {
    const key = `${r.nature}/${r.category}/${r.severity}`;
    const group = groups.get(key) ?? {
      id: null,
      nature: r.nature,
      category: r.category,
      severity: r.severity,
      count: 0,
    };
    group.count! += 1;
    groups.set(key, group);
  }
  // Another order than the rows': the score must not depend on it.
  return [...groups.values()].reverse();
}

/** Fractional points, factors and a cap that is no multiple of the honour points: rounding and capping both ways. */
const odd: CreditPolicy = (() => {
  const base = JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8'));
  return parseCreditPolicy({
    ...base,
    scoring: {
      ...base.scoring,
      dishonestyPoints: { GENERAL: 3.33, SERIOUS: 17.77 },
      categoryFactor: { ENFORCEMENT_DEFAULT: 1.37, STATISTICAL_FRAUD: 0.33, ARREARS: 1.2 },
      honorPoints: 3,
      honorCap: 10,
    },
  });
})();

describe('scoring records one by one and in counted groups (blacklistCheck weighs in SQL)', () => {
  const listingSets: ScoredListing[][] = [
    [],
    [{ id: 'l1', listType: ListType.TENDER_BLACKLIST }],
    [{ id: 'l2', listType: ListType.SERIOUS_DISHONESTY }],
  ];
  for (const [name, policy] of [
    ['the default policy', loadCreditPolicy()],
    ['fractional points and factors, a cap of 10 for 3-point honours', odd],
  ] as const) {
    it(`gives the same score, level and counts, ${name}`, () => {
      const pick = random(20);
      for (let round = 0; round < 400; round++) {
        const list = records(pick, pick([0, 1, 2, 5, 12, 40, 120]));
        const listings = pick(listingSets);
        const byRow = scoreSubject(list, listings, TODAY, policy);
        const byGroup = scoreCounted(grouped(list), listings, policy);
        const { reasons: _rows, ...rowFigures } = byRow;
        const { reasons, ...groupFigures } = byGroup;
        expect(groupFigures).toEqual(rowFigures);
        // Groups are cited by none of the records (no id), the listings as before.
        expect(reasons.map((r) => r.kind)).toEqual(listings.map(() => 'LISTING'));
      }
    });
  }

  it('a record is a group of one: scored with its reason and id as before', () => {
    const pick = random(7);
    const list = records(pick, 30);
    const policy = loadCreditPolicy();
    const counting = list.filter((r) => recordCounts(r, TODAY));
    expect(scoreCounted(counting, [], policy)).toEqual(scoreSubject(list, [], TODAY, policy));
    expect(scoreSubject(list, [], TODAY, policy).reasons.filter((r) => r.kind !== 'LISTING').length).toBeGreaterThan(0);
  });

  it('many honours at once stop at the cap, as one by one', () => {
    const policy = loadCreditPolicy();
    const honours = Array.from({ length: 9 }, (_, i): ScoredRecord => ({
      id: String(i),
      nature: RecordNature.HONOR,
      category: RecordCategory.COMMENDATION,
      severity: Severity.GENERAL,
      status: RecordStatus.ACTIVE,
      tolerated: false,
      decidedAt: TODAY,
      publicUntil: TODAY,
    }));
    const one = scoreSubject(honours, [], TODAY, policy);
    expect(one.score).toBe(policy.scoring.base + policy.scoring.honorCap);
    expect(scoreCounted(grouped(honours), [], policy).score).toBe(one.score);
  });
});
