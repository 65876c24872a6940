import { BigIntType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

/** 投诉举报: SUBMITTED → ASSIGNED → VERIFIED | REJECTED → CLOSED. */
export enum ComplaintState {
  SUBMITTED = 'SUBMITTED',
  ASSIGNED = 'ASSIGNED',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  CLOSED = 'CLOSED',
}
registerEnumType(ComplaintState, {
  name: 'ComplaintState',
  description:
    'SUBMITTED (received), ASSIGNED (to a handling unit), VERIFIED (the facts are confirmed) or REJECTED (not confirmed), CLOSED (answered and filed).',
});

/**
 * A complaint or report about a subject's dishonesty, from anyone (PUBLIC included). The
 * reporter's client and contact are kept for the credit office only: `reporterContact` has
 * its own rule, the reporting client is not exposed at all.
 */
@ObjectType('Complaint', {
  description: 'A complaint or report (投诉举报) about government dishonesty, and its handling.',
})
@Entity({ schema: 'records', tableName: 'complaint' })
@Index({ name: 'complaint_subject_idx', properties: ['subjectKey', 'createdAt'] })
@Index({ name: 'complaint_region_idx', properties: ['subjectRegion', 'state'] })
@Index({ name: 'complaint_reporter_idx', properties: ['reporterSub', 'createdAt'] })
@Index({ name: 'complaint_reporter_key_idx', properties: ['reporterKey', 'createdAt'] })
export class Complaint {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'state';

  @Field(() => ID, { description: 'Stable identifier of the complaint.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Field({ description: 'Short title of the complaint.' })
  @Property({ type: 'text' })
  title!: string;

  @Field({ description: 'What is reported.' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => String, { nullable: true, description: 'How to reach the reporter, if given (credit office only).' })
  @Property({ type: 'text', nullable: true })
  reporterContact?: string | null;

  /** Client system that reported (`anonymous` for PUBLIC); for the daily cap, never exposed. */
  @Property({ type: 'text' })
  reporterSub!: string;

  @Property({ type: 'text' })
  reporterRole!: string;

  /** Who the per-reporter cap counts: `sub:<client>:<sub>`, or the gateway's keyed address hash; never exposed. */
  @Property({ type: 'text', nullable: true })
  reporterKey?: string | null;

  /** SHA-256 of the receipt token handed to the reporter once (receipt.ts); the token itself is never stored. */
  @Property({ type: 'text', nullable: true, unique: 'complaint_receipt_idx' })
  receiptHash?: string | null;

  @Field(() => ComplaintState, { description: 'Where the complaint stands.' })
  @Enum({ items: () => ComplaintState, type: 'text', default: ComplaintState.SUBMITTED })
  state: ComplaintState = ComplaintState.SUBMITTED;

  @Field(() => LocalDateResolver, {
    description: 'Date by which it is to be verified or rejected (policy: complaintHandlingDays).',
  })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'USCC of the unit the complaint was assigned to.' })
  @Property({ type: 'text', nullable: true })
  handlingUnitCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Finding of the verification (VERIFIED or REJECTED).' })
  @Property({ type: 'text', nullable: true })
  finding?: string | null;

  @Field(() => String, { nullable: true, description: 'Answer given when closing.' })
  @Property({ type: 'text', nullable: true })
  closingNote?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The answer released to the reporter, who reads it with the receipt (complaintByReceipt); nothing else.',
  })
  @Property({ type: 'text', nullable: true })
  answerToReporter?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the dishonesty record made from the verified complaint.' })
  @Property({ type: new BigIntType('string'), nullable: true })
  recordId?: string | null;

  @Field({ description: 'When the complaint was submitted.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When it last changed state.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/** What the reporter gets back: the tracking number and, once, the receipt token (the complaint is the office's). */
@ObjectType('ComplaintReceipt', { description: 'Receipt of a submitted complaint.' })
export class ComplaintReceipt {
  @Field(() => ID, { description: 'Tracking number of the complaint.' }) id!: string;
  @Field({
    description:
      'Secret to follow the complaint with complaintByReceipt. Shown only in this answer: the hub keeps its hash only.',
  })
  receiptToken!: string;
  @Field(() => ComplaintState, { description: 'State on receipt (SUBMITTED).' }) state!: ComplaintState;
  @Field(() => LocalDateResolver, { description: 'Date by which it is to be verified or rejected.' }) dueOn!: string;
}
