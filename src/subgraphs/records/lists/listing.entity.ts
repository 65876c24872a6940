import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ListType } from '../enums';
import { ListingObjectionOutcome, ListingStatus } from './listing-status';

/**
 * A listing on one of the lists of config/list-rules.json. Active means: not delisted, no
 * objection pending and today within [startsOn, endsOn]; computed on read, so an expired
 * listing stops being active, and a noticed one takes effect the day after its window,
 * without any job. What rests on an expired listing is lifted by listing-expiry.ts.
 */
@ObjectType('Listing', {
  description:
    'An entry on a list (名单): serious dishonesty, enforcement defaulters, procurement ban, tender blacklist.',
})
@Entity({ schema: 'records', tableName: 'listing' })
@Index({ name: 'listing_subject_idx', properties: ['subjectKey', 'listType'] })
export class Listing {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID, { description: 'Stable identifier in the hub.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Field(() => ListType, { description: 'Which list.' })
  @Enum({ items: () => ListType, type: 'text' })
  listType!: ListType;

  @Field({ description: 'Why the subject is listed.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field({ description: 'Law, regulation or central policy the listing rests on.' })
  @Property({ type: 'text' })
  legalBasis!: string;

  @Field({ description: 'USCC of the listing authority.' })
  @Property({ type: 'text' })
  authorityCode!: string;

  @Property({ type: 'text' })
  listedBy!: string;

  @Field(() => LocalDateResolver, { description: 'First day on the list.' })
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day on the list (removal condition: time).' })
  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the subject was taken off the list early.' })
  @Property({ type: 'timestamptz', nullable: true })
  delistedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the subject was taken off the list.' })
  @Property({ type: 'text', nullable: true })
  delistReason?: string | null;

  @Property({ type: 'text', nullable: true })
  delistedBy?: string | null;

  /** When the expiry job (listing-expiry.ts) lifted what rested on the listing after its endsOn; null before. */
  @Property({ type: 'timestamptz', nullable: true })
  expiredAt?: Date | null;

  /** Computed by the finder from ACTIVE_LISTING_SQL on the request's date. */
  @Field({ description: 'Whether the listing is in force today.' })
  @Property({ persist: false, type: 'boolean' })
  active!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Id of the configured legal basis (list-rules.json) it rests on.',
  })
  @Property({ type: 'text', nullable: true })
  basisId?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Last day of the notice (告知) and objection window; null when the list has no notice.',
  })
  @Property({ type: 'date', nullable: true })
  noticeEndsOn?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the subject objected to the listing in notice.' })
  @Property({ type: 'timestamptz', nullable: true })
  objectedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The subject’s objection (陈述、申辩).' })
  @Property({ type: 'text', nullable: true })
  objectionReason?: string | null;

  @Property({ type: 'text', nullable: true })
  objectedBy?: string | null;

  @Field(() => ListingObjectionOutcome, { nullable: true, description: 'The authority’s decision on the objection.' })
  @Enum({ items: () => ListingObjectionOutcome, type: 'text', nullable: true })
  objectionOutcome?: ListingObjectionOutcome | null;

  @Field(() => String, { nullable: true, description: 'The reasons the authority gave for its decision.' })
  @Property({ type: 'text', nullable: true })
  objectionDecision?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the authority decided the objection.' })
  @Property({ type: 'timestamptz', nullable: true })
  objectionDecidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  objectionDecidedBy?: string | null;

  /** Computed by the finder (listing-status.ts) on the request's date. */
  @Field(() => ListingStatus, { description: 'Where the listing stands today.' })
  @Property({ persist: false, type: 'text' })
  status!: ListingStatus;

  @Field({ description: 'When the listing was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** The records a listing rests on. */
@Entity({ schema: 'records', tableName: 'listing_record' })
@Index({ name: 'listing_record_record_idx', properties: ['recordId'] })
export class ListingRecord {
  @PrimaryKey({ type: 'bigint' })
  listingId!: string;

  @PrimaryKey({ type: 'bigint' })
  recordId!: string;
}
