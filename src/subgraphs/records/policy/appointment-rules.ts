import { z } from 'zod';
import { AppointmentPurpose } from '../../../common/appointment-purpose';
import { AssessmentGrade } from '../../../common/assessment-grade';
import { SanctionKind } from '../enums';

/**
 * The verdict rules of the pre-appointment check (appointmentCheck; docs/archives.md), part of
 * the credit policy (config/credit-policy.json, `appointmentCheck`), validated at start-up.
 * Each fact about a candidate (a sanction in effect, a serious record, a measure, a grade, a
 * breached commitment) is weighed by the first rule that matches it; a fact no rule matches
 * is no reason. The candidate's verdict is the heaviest of its reasons, CLEAR without any.
 */
export enum AppointmentVerdict {
  CLEAR = 'CLEAR',
  ATTENTION = 'ATTENTION',
  RESTRICTED = 'RESTRICTED',
}

/** What a reason is about. */
export enum AppointmentReasonKind {
  /** 处分期间: a disciplinary action whose effect period includes today. */
  SANCTION_IN_EFFECT = 'SANCTION_IN_EFFECT',
  /** A SERIOUS dishonesty record in force (ACTIVE) naming the person, other than a sanction. */
  SERIOUS_RECORD = 'SERIOUS_RECORD',
  /** A joint measure in force against the person restricting promotion or honours. */
  MEASURE_IN_FORCE = 'MEASURE_IN_FORCE',
  /** One of the last three annual assessment grades. */
  ASSESSMENT_GRADE = 'ASSESSMENT_GRADE',
  /** A commitment of the person declared breached. */
  COMMITMENT_BREACHED = 'COMMITMENT_BREACHED',
}

/** The measures the check weighs (MeasureKind values; workflows/measures/measure.entity.ts). */
export const WEIGHED_MEASURES = ['PROMOTION_RESTRICTION', 'HONOURS_DISQUALIFICATION'] as const;
export type WeighedMeasure = (typeof WEIGHED_MEASURES)[number];

const ALL = Object.values(AppointmentPurpose);
const { PROMOTION, APPOINTMENT, HONOUR, TRANSFER } = AppointmentPurpose;

const verdictRule = z
  .object({
    reason: z.nativeEnum(AppointmentReasonKind),
    /** Purposes the rule applies to; absent = every purpose. */
    purposes: z.array(z.nativeEnum(AppointmentPurpose)).min(1).optional(),
    /** SANCTION_IN_EFFECT only: the kinds it applies to; absent = every kind. */
    sanctionKinds: z.array(z.nativeEnum(SanctionKind)).min(1).optional(),
    /** ASSESSMENT_GRADE only: the grades it applies to; absent = every grade. */
    grades: z.array(z.nativeEnum(AssessmentGrade)).min(1).optional(),
    /** MEASURE_IN_FORCE only: the measure kinds it applies to; absent = both. */
    measureKinds: z.array(z.enum(WEIGHED_MEASURES)).min(1).optional(),
    verdict: z.enum([AppointmentVerdict.ATTENTION, AppointmentVerdict.RESTRICTED]),
  })
  .strict()
  .refine((r) => !r.sanctionKinds || r.reason === AppointmentReasonKind.SANCTION_IN_EFFECT, {
    message: 'sanctionKinds is only for SANCTION_IN_EFFECT',
  })
  .refine((r) => !r.grades || r.reason === AppointmentReasonKind.ASSESSMENT_GRADE, {
    message: 'grades is only for ASSESSMENT_GRADE',
  })
  .refine((r) => !r.measureKinds || r.reason === AppointmentReasonKind.MEASURE_IN_FORCE, {
    message: 'measureKinds is only for MEASURE_IN_FORCE',
  });

export type VerdictRule = z.infer<typeof verdictRule>;

const R = AppointmentReasonKind;
const V = AppointmentVerdict;
/**
 * Defaults (docs/archives.md): 公职人员政务处分法 art. 22-: no promotion, appointment or honour in
 * a sanction's effect period; 公务员考核规定: 不称职 bars promotion, 基本称职 calls for a look; a
 * promotion restriction (限制晋升和表彰奖励) bars promotion, appointment, transfer and honours, a
 * disqualification from honours (取消评优评先资格) bars honours.
 */
export const DEFAULT_VERDICT_RULES: VerdictRule[] = [
  { reason: R.SANCTION_IN_EFFECT, verdict: V.RESTRICTED },
  { reason: R.SERIOUS_RECORD, verdict: V.ATTENTION },
  {
    reason: R.MEASURE_IN_FORCE,
    measureKinds: ['PROMOTION_RESTRICTION'],
    purposes: [PROMOTION, APPOINTMENT, HONOUR, TRANSFER],
    verdict: V.RESTRICTED,
  },
  { reason: R.MEASURE_IN_FORCE, measureKinds: ['HONOURS_DISQUALIFICATION'], purposes: [HONOUR], verdict: V.RESTRICTED },
  { reason: R.MEASURE_IN_FORCE, verdict: V.ATTENTION },
  {
    reason: R.ASSESSMENT_GRADE,
    grades: [AssessmentGrade.INCOMPETENT],
    purposes: [PROMOTION, APPOINTMENT, HONOUR],
    verdict: V.RESTRICTED,
  },
  {
    reason: R.ASSESSMENT_GRADE,
    grades: [AssessmentGrade.INCOMPETENT, AssessmentGrade.BASICALLY_COMPETENT],
    verdict: V.ATTENTION,
  },
  { reason: R.COMMITMENT_BREACHED, verdict: V.ATTENTION },
];

export const appointmentCheckPolicy = z
  .object({ rules: z.array(verdictRule).min(1) })
  .strict()
  .default({ rules: DEFAULT_VERDICT_RULES });

export type AppointmentCheckPolicy = z.infer<typeof appointmentCheckPolicy>;

/** One fact about a candidate, as the rules see it. */
export interface CandidateFact {
  reason: AppointmentReasonKind;
  sanctionKind?: SanctionKind;
  grade?: AssessmentGrade;
  measureKind?: WeighedMeasure;
}

function matches(rule: VerdictRule, fact: CandidateFact, purpose: AppointmentPurpose): boolean {
  return (
    rule.reason === fact.reason &&
    (rule.purposes ?? ALL).includes(purpose) &&
    (!rule.sanctionKinds || (!!fact.sanctionKind && rule.sanctionKinds.includes(fact.sanctionKind))) &&
    (!rule.grades || (!!fact.grade && rule.grades.includes(fact.grade))) &&
    (!rule.measureKinds || (!!fact.measureKind && rule.measureKinds.includes(fact.measureKind)))
  );
}

/** What a fact weighs for this purpose: the first matching rule's verdict, null = no reason. */
export function weigh(
  fact: CandidateFact,
  purpose: AppointmentPurpose,
  policy: AppointmentCheckPolicy,
): AppointmentVerdict.ATTENTION | AppointmentVerdict.RESTRICTED | null {
  return policy.rules.find((rule) => matches(rule, fact, purpose))?.verdict ?? null;
}

const ORDER = [V.CLEAR, V.ATTENTION, V.RESTRICTED];

/** The heaviest of the verdicts (CLEAR for none). */
export function heaviest(verdicts: readonly AppointmentVerdict[]): AppointmentVerdict {
  return verdicts.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), V.CLEAR);
}
