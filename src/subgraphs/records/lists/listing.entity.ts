import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ListType } from '../enums';

/**
 * A listing on a serious-dishonesty list or the tender blacklist. Active means: not
 * delisted and today within [startsOn, endsOn]; computed on read, so an expired listing
 * stops being active without any job.
 */
@ObjectType('Listing', { description: 'An entry on a serious-dishonesty list or the tender blacklist (名单).' })
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

  /** Computed by the finder from ACTIVE_LISTING_SQL on the request's date. */
  @Field({ description: 'Whether the listing is in force today.' })
  @Property({ persist: false, type: 'boolean' })
  active!: boolean;

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
