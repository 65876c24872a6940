import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppointmentPurpose as P } from '../../../src/common/appointment-purpose';
import { AssessmentGrade as G } from '../../../src/common/assessment-grade';
import { createLogger } from '../../../src/common/logger';
import { loadConfig } from '../../../src/config';
import { openRuntime } from '../../../src/runtime';
import { SanctionKind } from '../../../src/subgraphs/records/enums';
import {
  AppointmentReasonKind as R,
  AppointmentVerdict as V,
  heaviest,
  weigh,
} from '../../../src/subgraphs/records/policy/appointment-rules';
import {
  DEFAULT_POLICY_FILE,
  loadCreditPolicy,
  parseCreditPolicy,
} from '../../../src/subgraphs/records/policy/credit-policy';
import { TEST_AUDIT_ENV } from '../../helpers/audit-keys';

const shipped = JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8'));
const policy = loadCreditPolicy().appointmentCheck;

describe('appointment verdict rules (config/credit-policy.json, appointmentCheck)', () => {
  it('the shipped file states the documented defaults, and a file without the section gets them', () => {
    const { appointmentCheck, ...without } = shipped;
    expect(appointmentCheck.rules.length).toBeGreaterThan(0);
    expect(parseCreditPolicy(without).appointmentCheck).toEqual(policy);
  });

  it.each([
    [{ reason: R.SANCTION_IN_EFFECT, sanctionKind: SanctionKind.WARNING }, P.PROMOTION, V.RESTRICTED],
    [{ reason: R.SANCTION_IN_EFFECT, sanctionKind: SanctionKind.EXPULSION }, P.RECRUITMENT, V.RESTRICTED],
    [{ reason: R.SERIOUS_RECORD }, P.APPOINTMENT, V.ATTENTION],
    [{ reason: R.MEASURE_IN_FORCE, measureKind: 'PROMOTION_RESTRICTION' as const }, P.PROMOTION, V.RESTRICTED],
    [{ reason: R.MEASURE_IN_FORCE, measureKind: 'PROMOTION_RESTRICTION' as const }, P.RECRUITMENT, V.ATTENTION],
    [{ reason: R.MEASURE_IN_FORCE, measureKind: 'HONOURS_DISQUALIFICATION' as const }, P.HONOUR, V.RESTRICTED],
    [{ reason: R.MEASURE_IN_FORCE, measureKind: 'HONOURS_DISQUALIFICATION' as const }, P.PROMOTION, V.ATTENTION],
    [{ reason: R.ASSESSMENT_GRADE, grade: G.INCOMPETENT }, P.PROMOTION, V.RESTRICTED],
    [{ reason: R.ASSESSMENT_GRADE, grade: G.INCOMPETENT }, P.TRANSFER, V.ATTENTION],
    [{ reason: R.ASSESSMENT_GRADE, grade: G.BASICALLY_COMPETENT }, P.HONOUR, V.ATTENTION],
    [{ reason: R.ASSESSMENT_GRADE, grade: G.COMPETENT }, P.PROMOTION, null],
    [{ reason: R.COMMITMENT_BREACHED }, P.PROMOTION, V.ATTENTION],
  ])('%j for %s weighs %s', (fact, purpose, verdict) => {
    expect(weigh(fact, purpose, policy)).toBe(verdict);
  });

  it('the verdict is the heaviest reason, CLEAR without any', () => {
    expect(heaviest([])).toBe(V.CLEAR);
    expect(heaviest([V.ATTENTION, V.RESTRICTED, V.ATTENTION])).toBe(V.RESTRICTED);
    expect(heaviest([V.ATTENTION])).toBe(V.ATTENTION);
  });

  it('the first matching rule decides: a rule file can make 基本称职 bar promotion', () => {
    const strict = parseCreditPolicy({
      ...shipped,
      appointmentCheck: {
        rules: [{ reason: R.ASSESSMENT_GRADE, grades: [G.BASICALLY_COMPETENT], verdict: V.RESTRICTED }],
      },
    }).appointmentCheck;
    expect(weigh({ reason: R.ASSESSMENT_GRADE, grade: G.BASICALLY_COMPETENT }, P.PROMOTION, strict)).toBe(V.RESTRICTED);
    expect(weigh({ reason: R.SERIOUS_RECORD }, P.PROMOTION, strict)).toBeNull();
  });

  it.each([
    [
      { reason: R.SERIOUS_RECORD, grades: [G.INCOMPETENT], verdict: V.ATTENTION },
      'grades is only for ASSESSMENT_GRADE',
    ],
    [{ reason: R.SERIOUS_RECORD, verdict: V.CLEAR }, 'verdict'],
    [{ reason: 'UNKNOWN', verdict: V.ATTENTION }, 'reason'],
    [{ reason: R.SERIOUS_RECORD, purposes: ['LOTTERY'], verdict: V.ATTENTION }, 'purposes'],
    [{ reason: R.SERIOUS_RECORD, verdict: V.ATTENTION, weight: 2 }, 'weight'],
  ])('a bad rule is refused, naming where: %j', (rule, where) => {
    expect(() => parseCreditPolicy({ ...shipped, appointmentCheck: { rules: [rule] } }, 'my-policy.json')).toThrow(
      /my-policy\.json is invalid:[\s\S]*appointmentCheck\.rules\.0/,
    );
    expect(() => parseCreditPolicy({ ...shipped, appointmentCheck: { rules: [rule] } })).toThrow(where);
  });

  it('a bad verdict-rule file stops the hub at start-up, naming the file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')), 'credit-policy.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...shipped,
        appointmentCheck: { rules: [{ reason: R.COMMITMENT_BREACHED, verdict: 'MAYBE' }] },
      }),
    );
    const before = process.env.CREDIT_POLICY_FILE;
    process.env.CREDIT_POLICY_FILE = file;
    try {
      const config = loadConfig({ ...process.env, NODE_ENV: 'development', ...TEST_AUDIT_ENV });
      await expect(openRuntime(config, { logger: createLogger('silent') })).rejects.toThrow(
        new RegExp(
          `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid:[\\s\\S]*appointmentCheck\\.rules\\.0\\.verdict`,
        ),
      );
    } finally {
      if (before === undefined) delete process.env.CREDIT_POLICY_FILE;
      else process.env.CREDIT_POLICY_FILE = before;
    }
  });
});
