import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCreditPolicy, parseCreditPolicy } from '../../../src/subgraphs/records/policy/credit-policy';
import { penaltyClass } from '../../../src/subgraphs/records/policy/penalty-facts';
import { publicityTerms, type PublicityRecord } from '../../../src/subgraphs/records/policy/publicity';
import { PenaltyClass } from '../../../src/subgraphs/records/policy/publicity-rules';
import { RecordCategory, RecordNature, SanctionKind, Severity } from '../../../src/subgraphs/records/enums';

const policy = loadCreditPolicy();
const DECIDED = '2026-03-10';
const SAMR = '盐城市市场监督管理局';

function penalty(items: Record<string, string>, severity = Severity.GENERAL): PublicityRecord {
  return {
    nature: RecordNature.DISHONESTY,
    severity,
    category: RecordCategory.ADMINISTRATIVE_PENALTY,
    decidedAt: DECIDED,
    sourceItems: { cf_cfjg: SAMR, cf_xdr_lb: '法人及非法人组织', ...items },
  };
}

const terms = (record: PublicityRecord) => publicityTerms(record, policy);

describe('penalty class (SAMR Order 45 art. 2 and 13)', () => {
  const of = (items: Record<string, string>) => penaltyClass(items, policy.publicity);
  it.each([
    [{ cf_cflb: '警告' }, PenaltyClass.WARNING],
    [{ cf_cflb: '通报批评' }, PenaltyClass.LIGHT],
    [{ cf_cflb: '警告;通报批评' }, PenaltyClass.LIGHT],
    [{ cf_cflb: '罚款', cf_nr_fk: '4.99' }, PenaltyClass.LIGHT],
    [{ cf_cflb: '罚款', cf_nr_fk: '5' }, PenaltyClass.OTHER],
    [{ cf_cflb: '罚款', cf_nr_fk: '0.49', cf_xdr_lb: '自然人' }, PenaltyClass.LIGHT],
    [{ cf_cflb: '罚款', cf_nr_fk: '0.5', cf_xdr_lb: '自然人' }, PenaltyClass.OTHER],
    [{ cf_cflb: '罚款;没收违法所得', cf_nr_fk: '0.1', cf_nr_wfff: '0.1' }, PenaltyClass.OTHER],
    [{ cf_cflb: '吊销许可证件' }, PenaltyClass.OTHER],
  ])('%j is %s', (items, expected) => {
    expect(of({ cf_xdr_lb: '法人及非法人组织', ...items })).toBe(expected);
  });
  it('a record without imported penalty types has no class', () => {
    expect(of({})).toBeUndefined();
  });
});

describe('publicity terms per category', () => {
  it('NDRC Order 36: general 3 months to 1 year, serious 1 to 3 years; use 24 months after', () => {
    const general = terms({ nature: RecordNature.DISHONESTY, severity: Severity.GENERAL, decidedAt: DECIDED });
    expect(general).toEqual({
      from: DECIDED,
      repairableFrom: '2026-06-10',
      until: '2027-03-09',
      usableUntil: '2029-03-09',
      rule: 'NDRC36_GENERAL',
      published: true,
    });
    const serious = terms({ nature: RecordNature.DISHONESTY, severity: Severity.SERIOUS, decidedAt: DECIDED });
    expect(serious).toMatchObject({ repairableFrom: '2027-03-10', until: '2029-03-09', rule: 'NDRC36_SERIOUS' });
  });

  it('SAMR Order 45: warnings never published, criticism and low fines 3 months, others 3 years', () => {
    expect(terms(penalty({ cf_cflb: '警告' }))).toMatchObject({
      rule: 'SAMR45_WARNING',
      published: false,
      until: '2026-06-09',
    });
    expect(terms(penalty({ cf_cflb: '通报批评' }))).toMatchObject({
      rule: 'SAMR45_LIGHT',
      published: true,
      until: '2026-06-09',
      usableUntil: '2028-06-09',
    });
    expect(terms(penalty({ cf_cflb: '罚款', cf_nr_fk: '1' }))).toMatchObject({ rule: 'SAMR45_LIGHT' });
    expect(terms(penalty({ cf_cflb: '罚款', cf_nr_fk: '8' }))).toMatchObject({
      rule: 'SAMR45_OTHER_GENERAL',
      repairableFrom: '2026-06-10',
      until: '2029-03-09',
    });
    expect(terms(penalty({ cf_cflb: '吊销许可证件' }, Severity.SERIOUS))).toMatchObject({
      rule: 'SAMR45_OTHER_SERIOUS',
      repairableFrom: '2027-03-10',
      until: '2029-03-09',
    });
  });

  it('other authorities: criticism is published under Order 36; warnings stay unpublished', () => {
    const housing = { cf_cfjg: '盐城市住房和城乡建设局' };
    expect(terms(penalty({ ...housing, cf_cflb: '通报批评' }))).toMatchObject({
      rule: 'NDRC36_GENERAL',
      published: true,
      until: '2027-03-09',
    });
    expect(terms(penalty({ ...housing, cf_cflb: '警告' }))).toMatchObject({
      rule: 'PENALTY_WARNING',
      published: false,
      until: '2027-03-09',
    });
  });

  it('the authority’s 公示截止期 ends publicity earlier, never later than the rule’s maximum', () => {
    const fine = { cf_cflb: '罚款', cf_nr_fk: '8' };
    expect(terms(penalty({ ...fine, cf_gsjzq: '2027-06-30' }))).toMatchObject({
      until: '2027-06-30',
      usableUntil: '2029-06-30',
    });
    expect(terms(penalty({ ...fine, cf_gsjzq: '2031-01-01' }))).toMatchObject({ until: '2029-03-09' });
    expect(terms(penalty({ cf_cflb: '通报批评', cf_gsjzq: '2027-06-30' }))).toMatchObject({ until: '2026-06-09' });
  });

  it('a market-regulation restriction longer than 3 years is published until it ends (Order 45 art. 13)', () => {
    const ban = { cf_cflb: '限制从业', cf_nr: '五年内不得从事食品生产经营管理工作' };
    expect(terms(penalty({ ...ban, cf_yxq: '2031-03-09' }, Severity.SERIOUS))).toMatchObject({
      rule: 'SAMR45_OTHER_SERIOUS',
      until: '2031-03-09',
    });
    expect(terms(penalty({ ...ban, cf_yxq: '2027-03-09' }, Severity.SERIOUS))).toMatchObject({ until: '2029-03-09' });
    expect(
      terms(penalty({ ...ban, cf_yxq: '2031-03-09', cf_cfjg: '盐城市住房和城乡建设局' }, Severity.SERIOUS)),
    ).toMatchObject({ rule: 'NDRC36_SERIOUS', until: '2029-03-09' });
    expect(terms(penalty({ cf_cflb: '罚款', cf_nr_fk: '8', cf_yxq: '2031-03-09' }))).toMatchObject({
      until: '2029-03-09',
    });
  });

  it('disciplinary sanctions: the effect period, no early repair; 开除 the rule’s maximum; no kind: Order 36', () => {
    const sanction = (sanctionKind?: SanctionKind): PublicityRecord => ({
      nature: RecordNature.DISHONESTY,
      severity: Severity.SERIOUS,
      category: RecordCategory.DISCIPLINARY_SANCTION,
      decidedAt: DECIDED,
      sanctionKind,
    });
    expect(terms(sanction(SanctionKind.WARNING))).toMatchObject({
      rule: 'SANCTION_EFFECT',
      until: '2026-09-09',
      repairableFrom: '2026-09-10',
    });
    expect(terms(sanction(SanctionKind.DEMOTION))).toMatchObject({ until: '2028-03-09' });
    expect(terms(sanction(SanctionKind.EXPULSION))).toMatchObject({ until: '2029-03-09' });
    expect(terms(sanction())).toMatchObject({ rule: 'NDRC36_SERIOUS', until: '2029-03-09' });
  });
});

describe('the rule set is validated at start-up', () => {
  const withRules = (rules: unknown[]) => ({ ...policy, publicity: { ...policy.publicity, rules } });
  const rule = (overrides: Record<string, unknown>) => ({
    id: 'A',
    nature: 'DISHONESTY',
    minMonths: 3,
    maxMonths: 12,
    basis: 'b',
    source: 's',
    ...overrides,
  });

  it('refuses duplicate ids, misplaced effect periods, missing bases and uncovered severities', () => {
    expect(() => parseCreditPolicy(withRules([...policy.publicity.rules, policy.publicity.rules[0]]))).toThrow(
      /publicity\.rules\.\d+\.id: duplicate id NDRC36_GENERAL/,
    );
    expect(() =>
      parseCreditPolicy(
        withRules([...policy.publicity.rules, rule({ id: 'B', period: 'SANCTION_EFFECT', category: 'ARREARS' })]),
      ),
    ).toThrow(/publicity\.rules\.\d+\.period/);
    expect(() => parseCreditPolicy(withRules([...policy.publicity.rules, rule({ id: 'C', basis: '' })]))).toThrow(
      /publicity\.rules\.\d+\.basis/,
    );
    expect(() =>
      parseCreditPolicy(withRules([rule({ severity: 'GENERAL' }), rule({ id: 'H', nature: 'HONOR' })])),
    ).toThrow(/no publicity rule for DISHONESTY\/SERIOUS/);
    expect(() =>
      parseCreditPolicy({ ...policy, publicity: { ...policy.publicity, effectiveFrom: '2026-13-01' } }),
    ).toThrow(/publicity\.effectiveFrom/);
  });

  it('a bad file stops start-up naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-policy-'));
    const file = path.join(dir, 'policy.json');
    const { version: _version, ...rest } = policy.publicity;
    fs.writeFileSync(file, JSON.stringify({ ...policy, publicity: rest }));
    try {
      expect(() => loadCreditPolicy(file)).toThrow(new RegExp(`${file}.*invalid[\\s\\S]*publicity\\.version`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
