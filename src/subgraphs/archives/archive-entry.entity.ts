import { BigIntType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ArchiveEntryKind, AssessmentGrade } from './enums';

/**
 * One entry of a civil servant's integrity file. The person is referred to by subject id
 * (and the registry look-up key, for the access log); idempotent on (source, external id);
 * one annual assessment per person and year (partial unique index).
 */
@ObjectType('ArchiveEntry', { description: 'An entry of a civil servant’s integrity file (诚信档案).' })
@Entity({ schema: 'archives', tableName: 'archive_entry' })
@Unique({ name: 'archive_entry_source_unique', properties: ['sourceSystem', 'externalId'] })
@Index({ name: 'archive_entry_person_idx', properties: ['personId', 'year'] })
@Index({
  name: 'archive_entry_one_assessment_per_year',
  expression: `create unique index "archive_entry_one_assessment_per_year" on "archives"."archive_entry" ("person_id", "year") where "kind" = 'ANNUAL_ASSESSMENT'`,
})
export class ArchiveEntry {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier in the hub.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: new BigIntType('string') })
  personId!: string;

  @Property({ type: 'text' })
  personKey!: string;

  @Field(() => ArchiveEntryKind, { description: 'Kind of entry.' })
  @Enum({ items: () => ArchiveEntryKind, type: 'text' })
  kind!: ArchiveEntryKind;

  @Field(() => Int, { description: 'Year the entry belongs to.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field({ description: 'Short title.' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Contents (personal-matters reports: restricted).' })
  @Property({ type: 'text', nullable: true })
  content?: string | null;

  @Field(() => AssessmentGrade, { nullable: true, description: 'Grade of an annual assessment.' })
  @Enum({ items: () => AssessmentGrade, type: 'text', nullable: true })
  grade?: AssessmentGrade | null;

  @Field(() => LocalDateResolver, { description: 'Date of the event, report or decision.' })
  @Property({ type: 'date' })
  occurredOn!: string;

  @Field({ description: 'Client system that recorded the entry.' })
  @Property({ type: 'text' })
  sourceSystem!: string;

  @Property({ type: 'text' })
  sourceRole!: string;

  @Field({ description: 'The recording system’s own id for the entry.' })
  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  contentHash!: string;

  @Field(() => Int, { description: 'Starts at 1; each changed re-push adds one.' })
  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Field({ description: 'When the hub first received the entry.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
