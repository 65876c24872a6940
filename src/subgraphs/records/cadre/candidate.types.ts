import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AppointmentPurpose } from '../../../common/appointment-purpose';
import { AssessmentGrade } from '../../../common/assessment-grade';
import { SanctionInEffect } from '../findings/sanctions';
import { AppointmentReasonKind, AppointmentVerdict } from '../policy/appointment-rules';
import { Commitment } from '../workflows/commitments/commitment.entity';
import { JointMeasure } from '../workflows/measures/measure.entity';

registerEnumType(AppointmentVerdict, {
  name: 'AppointmentVerdict',
  description: 'Outcome of a pre-appointment check under the verdict rules of the credit policy.',
  valuesConfig: {
    CLEAR: { description: 'No reason against the decision.' },
    ATTENTION: { description: 'Reasons to look at before deciding (需关注).' },
    RESTRICTED: { description: 'A reason that bars the decision for this purpose (受限).' },
  },
});
registerEnumType(AppointmentReasonKind, {
  name: 'AppointmentReasonKind',
  description: 'What a reason of a pre-appointment verdict is about.',
  valuesConfig: {
    SANCTION_IN_EFFECT: { description: 'A disciplinary action in its effect period (处分期间).' },
    SERIOUS_RECORD: { description: 'A serious dishonesty record in force naming the person.' },
    MEASURE_IN_FORCE: { description: 'A joint measure in force restricting promotion or honours.' },
    ASSESSMENT_GRADE: { description: 'One of the last three annual assessment grades.' },
    COMMITMENT_BREACHED: { description: 'A commitment of the person declared breached.' },
  },
});

@ObjectType('AppointmentReason', {
  description: 'One reason of a verdict, cited only as far as you may see what it rests on.',
})
export class AppointmentReason {
  @Field(() => AppointmentReasonKind, { description: 'What the reason is about.' })
  kind!: AppointmentReasonKind;

  @Field(() => AppointmentVerdict, { description: 'What it weighs for this purpose under the rules.' })
  weight!: AppointmentVerdict;

  @Field({ description: 'The reason in words (简体中文 by default, English for `Accept-Language: en`).' })
  explanation!: string;

  @Field(() => SanctionInEffect, { nullable: true, description: 'The sanction (SANCTION_IN_EFFECT).' })
  sanction!: SanctionInEffect | null;

  @Field(() => ID, { nullable: true, description: 'Id of the serious record (SERIOUS_RECORD).' })
  recordId!: string | null;

  @Field(() => JointMeasure, { nullable: true, description: 'The measure (MEASURE_IN_FORCE).' })
  measure!: JointMeasure | null;

  @Field(() => AssessmentGrade, { nullable: true, description: 'The grade (ASSESSMENT_GRADE).' })
  grade!: AssessmentGrade | null;

  @Field(() => Commitment, { nullable: true, description: 'The commitment (COMMITMENT_BREACHED).' })
  commitment!: Commitment | null;
}

/** What the records subgraph makes of a candidate: computed once per candidate (verdict.ts). */
export interface Judgement {
  verdict: AppointmentVerdict;
  reasons: AppointmentReason[];
  undisclosedReasonCount: number;
}

/**
 * The records subgraph's part of a checked candidate (archives: appointment.types.ts): the
 * verdict and its reasons, from the records, measures and commitments naming the person and the
 * grades the archives subgraph holds (@requires). Rows the caller may not check never get here.
 */
@ObjectType('AppointmentCandidate')
@Directive('@key(fields: "personKey purpose")')
export class AppointmentCandidateStub {
  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@inaccessible')
  personKey!: string;

  @Field(() => AppointmentPurpose, { description: 'The purpose the person was checked for.' })
  purpose!: AppointmentPurpose;

  @Field(() => [AssessmentGrade], { description: 'The last three annual assessment grades (archives).' })
  @Directive('@external')
  recentGrades!: AssessmentGrade[];

  /** The judgement, computed on first use by any of the verdict fields; not a field. */
  judgement?: Promise<Judgement>;
}

export const REQUIRES_GRADES = '@requires(fields: "recentGrades")';
