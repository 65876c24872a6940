import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { SubjectKind } from '../../common/subject-kind';

/**
 * A credit subject (信用主体). `codeKey` is how a subject is found by code: the USCC itself
 * for organizations, a keyed hash for a person's resident ID number, which is otherwise
 * stored only encrypted (`codeCipher`) and masked (`codeDisplay`).
 */
@ObjectType('Subject', {
  description: 'A credit subject: a government body, institution, community, enterprise or civil servant.',
})
@Directive('@key(fields: "id")')
@Directive(`@key(fields: "codeKey")`)
@Entity({ schema: 'subjects', tableName: 'subject' })
@Index({ name: 'subject_parent_idx', properties: ['parent'] })
@Index({ name: 'subject_managed_by_idx', properties: ['managedBy'] })
@Index({ name: 'subject_kind_idx', properties: ['kind'] })
// Jurisdiction filters are prefix matches (LIKE '3209%'), which need pattern ops outside the C locale.
@Index({
  name: 'subject_region_idx',
  expression: 'create index "subject_region_idx" on "subjects"."subject" ("region_code" varchar_pattern_ops)',
})
// searchSubjects(nameContains) is a substring match: a trigram index keeps it off a sequential scan.
@Index({
  name: 'subject_name_trgm_idx',
  expression: 'create index "subject_name_trgm_idx" on "subjects"."subject" using gin ("name" gin_trgm_ops)',
})
export class Subject {
  [OptionalProps]?: 'registeredAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier in the hub.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => SubjectKind, { description: 'Kind of subject.' })
  @Enum({ items: () => SubjectKind, type: 'text' })
  kind!: SubjectKind;

  @Field({ description: 'Registered name.' })
  // The records subgraph provides it with creditStatus and blacklistCheck answers (@provides).
  @Directive('@shareable')
  @Property({ type: 'text' })
  name!: string;

  /** Look-up key, not readable through the API: see the federation key above. */
  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@inaccessible')
  @Property({ type: 'text', unique: 'subject_code_key_unique' })
  codeKey!: string;

  @Property({ type: 'text' })
  codeDisplay!: string;

  @Property({ type: 'text', nullable: true })
  codeCipher?: string | null;

  @Field({ description: 'Administrative division code (GB/T 2260) of the subject’s jurisdiction.' })
  @Property({ type: 'string', columnType: 'varchar(6)' })
  regionCode!: string;

  @ManyToOne(() => Subject, { nullable: true, deleteRule: 'restrict' })
  parent?: Subject | null;

  @Field(() => String, { nullable: true, description: 'Job title (civil servants only).' })
  @Property({ type: 'text', nullable: true })
  position?: string | null;

  @ManyToOne(() => Subject, { nullable: true, deleteRule: 'restrict' })
  managedBy?: Subject | null;

  /** The managing department's look-up key when the finder selected it (subject.repository.ts); not a column. */
  managedByKey?: string | null;

  @Field({ description: 'When the subject was first registered.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  registeredAt: Date = new Date();

  @Field({ description: 'When the subject was last changed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
