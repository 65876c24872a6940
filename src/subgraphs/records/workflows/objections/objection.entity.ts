import { BigIntType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ObjectionState } from '../../enums';

/**
 * An objection to one record. While FILED the record is shown as disputed everywhere. At
 * most one FILED objection per record (partial unique index). Who decides is copied from
 * the record at filing (pushing system, deciding authority), so the finder needs no join.
 * An objection to a naming (`namedPersonKey` set: matter NAMING) disputes only that the record
 * names that civil servant responsible: at most one FILED per (record, person), and it does not
 * mark the record disputed.
 */
@ObjectType('Objection', { description: 'An objection (异议) to a credit record, and its outcome.' })
@Entity({ schema: 'records', tableName: 'objection' })
@Index({ name: 'objection_subject_idx', properties: ['subjectKey'] })
@Index({ name: 'objection_record_idx', properties: ['recordId'] })
@Index({
  name: 'objection_one_open',
  expression: `create unique index "objection_one_open" on "records"."objection" ("record_id") where "state" = 'FILED' and "named_person_key" is null`,
})
@Index({
  name: 'objection_one_open_naming',
  expression: `create unique index "objection_one_open_naming" on "records"."objection" ("record_id", "named_person_key") where "state" = 'FILED' and "named_person_key" is not null`,
})
@Index({
  name: 'objection_named_person_idx',
  expression: `create index "objection_named_person_idx" on "records"."objection" ("named_person_key") where "named_person_key" is not null`,
})
export class Objection {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'state';

  @Field(() => ID, { description: 'Stable identifier of the objection.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => ID, { description: 'The disputed record.' })
  @Property({ type: new BigIntType('string') })
  recordId!: string;

  @Property({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  /** NAMING objections: the look-up key of the civil servant whose naming is disputed (the filer); else null. */
  @Property({ type: 'text', nullable: true })
  namedPersonKey?: string | null;

  @Property({ type: 'text' })
  recordSourceSystem!: string;

  @Property({ type: 'text', nullable: true })
  recordAuthorityCode?: string | null;

  @Field(() => ObjectionState, { description: 'Where the objection stands.' })
  @Enum({ items: () => ObjectionState, type: 'text', default: ObjectionState.FILED })
  state: ObjectionState = ObjectionState.FILED;

  @Field({ description: 'Why the record is disputed.' })
  @Property({ type: 'text' })
  reasons!: string;

  @Field(() => [String], {
    description: 'References to the attachments (document numbers, file ids); the files stay with the filer.',
  })
  @Property({ type: 'jsonb' })
  attachmentRefs!: string[];

  @Field({ description: 'Client system that filed the objection.' })
  @Property({ type: 'text' })
  filedBy!: string;

  @Field(() => LocalDateResolver, { description: 'Date the decision is due (policy: objectionResponseDays).' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'The decision and its reasons, as returned to the subject.' })
  @Property({ type: 'text', nullable: true })
  decision?: string | null;

  @Field(() => String, { nullable: true, description: 'Client system that decided.' })
  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;

  @Field({ description: 'When the objection was filed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When it last changed state.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
