import fs from 'node:fs';
import {
  DEFAULT_POLICY_FILE,
  loadCreditPolicy,
  parseCreditPolicy,
} from '../../../src/subgraphs/records/policy/credit-policy';
import { inEffect, sanctionEffect } from '../../../src/subgraphs/records/policy/sanction-effect';
import { SanctionKind } from '../../../src/subgraphs/records/enums';

const policy = loadCreditPolicy();
const file = () => JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8'));

describe('sanction effect periods (公职人员政务处分法 defaults)', () => {
  it.each([
    [SanctionKind.WARNING, '2026-09-30'],
    [SanctionKind.DEMERIT, '2027-03-31'],
    [SanctionKind.MAJOR_DEMERIT, '2027-09-30'],
    [SanctionKind.DEMOTION, '2028-03-31'],
    [SanctionKind.DISMISSAL_FROM_POST, '2028-03-31'],
  ])('%s decided 2026-04-01 ends on %s', (kind, until) => {
    const effect = sanctionEffect(kind, '2026-04-01', policy);
    expect(effect).toEqual({ from: '2026-04-01', until });
    expect(inEffect(effect, until)).toBe(true);
    expect(inEffect(effect, '2026-03-31')).toBe(false);
  });

  it('开除 has no end', () => {
    const effect = sanctionEffect(SanctionKind.EXPULSION, '2026-04-01', policy);
    expect(effect.until).toBeNull();
    expect(inEffect(effect, '2999-01-01')).toBe(true);
  });

  it('a file without sanctionPeriods gets the defaults; a period is configuration', () => {
    const { sanctionPeriods: _omitted, ...older } = file();
    expect(parseCreditPolicy(older).sanctionPeriods).toEqual(policy.sanctionPeriods);
    const custom = parseCreditPolicy({ ...file(), sanctionPeriods: { WARNING: 3 } });
    expect(sanctionEffect(SanctionKind.WARNING, '2026-04-01', custom).until).toBe('2026-06-30');
  });

  it.each([{ WARNING: 0 }, { WARNING: 1.5 }, { DEMERIT: null }, { REPRIMAND: 6 }])(
    'refuses a bad period at start-up: %j',
    (periods) => {
      expect(() => parseCreditPolicy({ ...file(), sanctionPeriods: periods })).toThrow(/sanctionPeriods/);
    },
  );
});
