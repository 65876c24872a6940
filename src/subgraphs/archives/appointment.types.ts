import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AppointmentPurpose } from '../../common/appointment-purpose';
import { AssessmentGrade } from '../../common/assessment-grade';
import { ArchiveEntry } from './archive-entry.entity';
import type { ArchiveGrant } from './grants';

/** Why a row of appointmentCheck was not checked (machine code; the row stays in its place). */
export enum AppointmentRefusal {
  INVALID_CODE = 'INVALID_CODE',
  NOT_A_PERSON = 'NOT_A_PERSON',
  NOT_PERMITTED = 'NOT_PERMITTED',
}
registerEnumType(AppointmentRefusal, {
  name: 'AppointmentRefusal',
  description: 'Why a code of appointmentCheck was not checked.',
  valuesConfig: {
    INVALID_CODE: { description: 'Not a valid resident ID number (see problem).' },
    NOT_A_PERSON: { description: 'A USCC: organizations are not candidates.' },
    NOT_PERMITTED: {
      description:
        'You may not check this person for this purpose: for PROMOTION, APPOINTMENT and HONOUR only persons your organization department manages; the same answer for a number not registered (logged DENIED).',
    },
  },
});

/**
 * A person checked for one purpose: the archives subgraph's facts (the last three annual
 * assessments); the records subgraph adds the verdict and its reasons (key personKey + purpose,
 * the grades @requires'd), so the gateway fetches every row's verdict in one entity call.
 */
@ObjectType('AppointmentCandidate', {
  description: 'A person checked before a cadre decision: the verdict, its reasons and the recent assessments.',
})
@Directive('@key(fields: "personKey purpose")')
export class AppointmentCandidate {
  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@inaccessible')
  personKey!: string;

  @Field(() => AppointmentPurpose, { description: 'The purpose the person was checked for.' })
  purpose!: AppointmentPurpose;

  @Field(() => [AssessmentGrade], { description: 'The last three annual assessment grades, newest first.' })
  @Directive('@inaccessible')
  recentGrades!: AssessmentGrade[];

  @Field(() => [ArchiveEntry], {
    nullable: true,
    description:
      'The last three annual assessments (年度考核), newest first; for the readers of the person’s file (the managing organization department), else null with FORBIDDEN.',
  })
  recentAssessments!: ArchiveEntry[];

  /** The caller's grant on the person's file (grants.ts), for the rule on recentAssessments; not a field. */
  fileGrant!: ArchiveGrant | null;
}

@ObjectType('AppointmentCheckResult', { description: 'One code of appointmentCheck, in input order.' })
export class AppointmentCheckResult {
  @Field(() => Int, { description: 'Position in the input.' })
  index!: number;

  @Field({
    description: 'The code as given, trimmed and upper-cased; a resident ID number masked (110105********002X).',
  })
  code!: string;

  @Field({ description: 'Whether the code is a valid USCC or resident ID number.' })
  valid!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an invalid code is invalid.' })
  problem!: string | null;

  @Field(() => AppointmentRefusal, { nullable: true, description: 'Why the person was not checked; null = checked.' })
  refusal!: AppointmentRefusal | null;

  @Field(() => AppointmentCandidate, { nullable: true, description: 'The check; null when refused.' })
  candidate!: AppointmentCandidate | null;
}
