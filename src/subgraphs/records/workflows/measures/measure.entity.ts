import { MeasureState } from '../../enums';
import { BigIntType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

/** The joint measures (联动奖惩措施) named by the seeds; the last one rewards, the others punish. */
export enum MeasureKind {
  WRITTEN_EXPLANATION = 'WRITTEN_EXPLANATION',
  HONOURS_DISQUALIFICATION = 'HONOURS_DISQUALIFICATION',
  PUBLIC_CRITICISM = 'PUBLIC_CRITICISM',
  PRINCIPAL_ACCOUNTABILITY = 'PRINCIPAL_ACCOUNTABILITY',
  PROMOTION_RESTRICTION = 'PROMOTION_RESTRICTION',
  PROJECT_RESTRICTION = 'PROJECT_RESTRICTION',
  FUNDING_RESTRICTION = 'FUNDING_RESTRICTION',
  TRUSTWORTHY_INCENTIVE = 'TRUSTWORTHY_INCENTIVE',
}
/** What a measure rests on: a credit record or a listing. */
export enum MeasureBasis {
  RECORD = 'RECORD',
  LISTING = 'LISTING',
}
registerEnumType(MeasureKind, {
  name: 'MeasureKind',
  description: 'Joint measure (联动奖惩措施).',
  valuesConfig: {
    WRITTEN_EXPLANATION: {
      description: '作出书面说明并限期整改: written explanation and rectification within a deadline.',
    },
    HONOURS_DISQUALIFICATION: { description: '取消评优评先资格: disqualification from honours.' },
    PUBLIC_CRITICISM: { description: '通报批评: public criticism.' },
    PRINCIPAL_ACCOUNTABILITY: { description: '追究主要负责人责任: accountability of the principal.' },
    PROMOTION_RESTRICTION: { description: '限制晋升和表彰奖励: restriction of promotion and awards.' },
    PROJECT_RESTRICTION: { description: '限制申报项目: restriction of project applications.' },
    FUNDING_RESTRICTION: { description: '限制资金支持和政府融资: restriction of funding and financing.' },
    TRUSTWORTHY_INCENTIVE: {
      description:
        '守信激励: incentives for the trustworthy (priority in pilots and projects); only on honour records.',
    },
  },
});
registerEnumType(MeasureBasis, {
  name: 'MeasureBasis',
  description: 'RECORD (a credit record) or LISTING (a list entry).',
});

/**
 * One joint measure: (basis, implementing unit, kind) is unique. The subject, its region and
 * who may decide are copied at initiation so the finder needs no join. Overdue is computed
 * on read from responseDueOn / feedbackDueOn (no job).
 */
@ObjectType('JointMeasure', {
  description: 'A joint reward or punishment measure (联动奖惩) addressed to one implementing unit, and its progress.',
})
@Entity({ schema: 'records', tableName: 'joint_measure' })
@Index({ name: 'joint_measure_subject_idx', properties: ['subjectKey'] })
@Index({ name: 'joint_measure_unit_idx', properties: ['implementingUnitCode', 'state'] })
@Index({
  name: 'joint_measure_one',
  expression: `create unique index "joint_measure_one" on "records"."joint_measure" ("basis_type", "basis_id", "implementing_unit_code", "kind")`,
})
export class JointMeasure {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'state';

  @Field(() => ID, { description: 'Stable identifier of the measure.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => MeasureBasis, { description: 'Whether the measure rests on a record or a listing.' })
  @Enum({ items: () => MeasureBasis, type: 'text' })
  basisType!: MeasureBasis;

  @Field(() => ID, { description: 'Id of that record or listing.' })
  @Property({ type: new BigIntType('string') })
  basisId!: string;

  @Property({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Field(() => MeasureKind, { description: 'Which measure.' })
  @Enum({ items: () => MeasureKind, type: 'text' })
  kind!: MeasureKind;

  @Field({ description: 'USCC of the implementing unit that is to apply the measure.' })
  @Property({ type: 'text' })
  implementingUnitCode!: string;

  @Field(() => MeasureState, { description: 'Where the measure stands.' })
  @Enum({ items: () => MeasureState, type: 'text', default: MeasureState.INITIATED })
  state: MeasureState = MeasureState.INITIATED;

  @Field(() => String, {
    nullable: true,
    description: 'Note of the initiator (what is asked, deadline of the rectification).',
  })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field({ description: 'Client system that initiated the measure.' })
  @Property({ type: 'text' })
  initiatedBy!: string;

  @Property({ type: 'text' })
  initiatorRole!: string;

  @Field(() => LocalDateResolver, { description: 'Date the response is due (policy: measureResponseDays).' })
  @Property({ type: 'date' })
  responseDueOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Response of the implementing unit (the reason when NOT_APPLICABLE).',
  })
  @Property({ type: 'text', nullable: true })
  response?: string | null;

  @Field(() => String, { nullable: true, description: 'Client system that responded.' })
  @Property({ type: 'text', nullable: true })
  respondedBy?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Date the feedback is due once accepted (policy: measureFeedbackDays).',
  })
  @Property({ type: 'date', nullable: true })
  feedbackDueOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Result of the measure as fed back (反馈).' })
  @Property({ type: 'text', nullable: true })
  result?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Date the measure was applied, as fed back.' })
  @Property({ type: 'date', nullable: true })
  resultDate?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the measure was lifted (LIFTED): which change to its record or listing, e.g. 信用修复.',
  })
  @Property({ type: 'text', nullable: true })
  liftReason?: string | null;

  @Field(() => String, { nullable: true, description: 'Legal basis of the lift (e.g. NDRC Order No. 36).' })
  @Property({ type: 'text', nullable: true })
  liftBasis?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the measure was lifted.' })
  @Property({ type: 'timestamptz', nullable: true })
  liftedAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Note of the implementing unit confirming the lift (LIFT_CONFIRMED): what it undid.',
  })
  @Property({ type: 'text', nullable: true })
  liftConfirmation?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the implementing unit confirmed the lift.' })
  @Property({ type: 'timestamptz', nullable: true })
  liftConfirmedAt?: Date | null;

  @Field({ description: 'When the measure was initiated.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When it last changed state.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
