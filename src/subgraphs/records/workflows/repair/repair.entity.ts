import { BigIntType, Check, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

/** 信用修复 application: SUBMITTED → APPROVED | REJECTED (decided by the credit office). */
export enum RepairState {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(RepairState, {
  name: 'RepairState',
  description: 'SUBMITTED, then APPROVED (publicity and use stop) or REJECTED.',
});

/**
 * An application for credit repair (NDRC Order No. 36) of one dishonesty record or of one
 * listing (移出名单): exactly one of the two. At most one SUBMITTED application per record
 * and per listing (partial unique indexes): a second one is a CONFLICT.
 */
@ObjectType('RepairApplication', {
  description: 'An application for credit repair (信用修复) of a dishonesty record or of a listing.',
})
@Entity({ schema: 'records', tableName: 'repair_application' })
@Index({ name: 'repair_application_subject_idx', properties: ['subjectKey'] })
@Index({
  name: 'repair_application_one_open',
  expression: `create unique index "repair_application_one_open" on "records"."repair_application" ("record_id") where "state" = 'SUBMITTED'`,
})
@Index({
  name: 'repair_application_one_open_listing',
  expression: `create unique index "repair_application_one_open_listing" on "records"."repair_application" ("listing_id") where "state" = 'SUBMITTED'`,
})
@Check({ name: 'repair_application_one_target', expression: '(record_id IS NULL) <> (listing_id IS NULL)' })
export class RepairApplication {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'state';

  @Field(() => ID, { description: 'Stable identifier of the application.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The record to be repaired (null when the application names a listing).',
  })
  @Property({ type: new BigIntType('string'), nullable: true })
  recordId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The listing to end early (null when the application names a record).',
  })
  @Property({ type: new BigIntType('string'), nullable: true })
  listingId?: string | null;

  @Property({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Field(() => RepairState, { description: 'Where the application stands.' })
  @Enum({ items: () => RepairState, type: 'text', default: RepairState.SUBMITTED })
  state: RepairState = RepairState.SUBMITTED;

  @Field({ description: 'Rectification evidence (整改材料) given by the applicant.' })
  @Property({ type: 'text' })
  evidence!: string;

  @Field({ description: 'Client system that filed the application.' })
  @Property({ type: 'text' })
  appliedBy!: string;

  @Field(() => LocalDateResolver, {
    description: 'Date the credit office should decide by (policy: repairDecisionDays).',
  })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'Reasons given with the decision.' })
  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null;

  @Field(() => String, { nullable: true, description: 'Client system that decided.' })
  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;

  @Field({ description: 'When the application was filed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When it last changed state.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
