import { BigIntType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Disclosure, RecordCategory, RecordDomain, RecordNature, RecordStatus, SanctionKind, Severity } from '../enums';

/**
 * A credit record (信用记录): one finding about one subject, pushed by the system that made
 * it. The subject is referred to by its registry look-up key, never joined.
 * Idempotent on (source_system, external_id); a changed re-push bumps `version` and the
 * previous content goes to record_history.
 */
@ObjectType('CreditRecord', { description: 'A finding about a subject: dishonesty or honour, with its provenance.' })
@Directive('@key(fields: "id")')
@Entity({ schema: 'records', tableName: 'credit_record' })
@Unique({ name: 'credit_record_source_unique', properties: ['sourceSystem', 'externalId'] })
@Index({ name: 'credit_record_subject_idx', properties: ['subjectKey', 'decidedAt'] })
@Index({
  name: 'credit_record_region_idx',
  expression:
    'create index "credit_record_region_idx" on "records"."credit_record" ("subject_region" varchar_pattern_ops)',
})
// What blacklistCheck weighs per subject, read index-only (Migration20261205000100, lists/check-facts.ts).
@Index({
  name: 'credit_record_count_idx',
  expression: `create index "credit_record_count_idx" on "records"."credit_record" ("subject_key")
    include ("nature", "category", "severity", "tolerated", "status", "decided_at", "public_until", "usable_until",
      "disclosure", "subject_region", "source_system", "deciding_authority_code", "id") where "status" = 'ACTIVE'`,
})
export class CreditRecord {
  [OptionalProps]?: 'version' | 'status' | 'tolerated' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier in the hub.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  subjectKey!: string;

  /** The subject's division code at push time: jurisdiction filters need no join. */
  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Field({
    nullable: true,
    description: 'Registered client system (its client id) that pushed the record (restricted).',
  })
  @Property({ type: 'text' })
  sourceSystem!: string;

  @Property({ type: 'text' })
  sourceRole!: string;

  @Field({ description: 'The pushing system’s own id for the record.' })
  @Property({ type: 'text' })
  externalId!: string;

  @Field(() => RecordNature, { description: 'Dishonesty or honour.' })
  @Enum({ items: () => RecordNature, type: 'text' })
  nature!: RecordNature;

  @Field(() => RecordCategory, { description: 'Kind of finding.' })
  @Enum({ items: () => RecordCategory, type: 'text' })
  category!: RecordCategory;

  @Field(() => SanctionKind, {
    nullable: true,
    description: 'Kind of disciplinary action (处分种类) of a DISCIPLINARY_SANCTION, as the deciding system pushed it.',
  })
  @Enum({ items: () => SanctionKind, type: 'text', nullable: true })
  sanctionKind?: SanctionKind | null;

  @Field(() => RecordDomain, { description: 'Field of government activity.' })
  @Enum({ items: () => RecordDomain, type: 'text' })
  domain!: RecordDomain;

  @Field(() => Severity, { description: 'General or serious.' })
  @Enum({ items: () => Severity, type: 'text' })
  severity!: Severity;

  @Field({ description: 'Short title of the finding.' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Facts of the finding (not public).' })
  @Property({ type: 'text', nullable: true })
  details?: string | null;

  @Field(() => String, { nullable: true, description: 'Legal basis (not public).' })
  @Property({ type: 'text', nullable: true })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'Decision document number (文书号).' })
  @Property({ type: 'text', nullable: true })
  documentNo?: string | null;

  @Field(() => LocalDateResolver, { description: 'Date of the decision; publicity is counted from it.' })
  @Property({ type: 'date' })
  decidedAt!: string;

  @Field(() => String, { nullable: true, description: 'USCC of the deciding authority (认定单位).' })
  @Property({ type: 'text', nullable: true })
  decidingAuthorityCode?: string | null;

  @Field(() => Disclosure, { description: 'Who may see the record.' })
  @Enum({ items: () => Disclosure, type: 'text' })
  disclosure!: Disclosure;

  @Field({ description: 'Judged to meet the fault-tolerance conditions (容错): kept, but not counted as dishonesty.' })
  @Property({ type: 'boolean', default: false })
  tolerated: boolean = false;

  @Field(() => RecordStatus, { description: 'ACTIVE, REVOKED, REPAIRED or SETTLED.' })
  @Enum({ items: () => RecordStatus, type: 'text', default: RecordStatus.ACTIVE })
  status: RecordStatus = RecordStatus.ACTIVE;

  @Field(() => LocalDateResolver, { description: 'Last day of publicity under the credit policy.' })
  @Property({ type: 'date' })
  publicUntil!: string;

  @Field(() => LocalDateResolver, { description: 'First day a credit repair may be applied for.' })
  @Property({ type: 'date' })
  repairableFrom!: string;

  /** 使用期限 (policy/publicity.ts); after it recordVisibility keeps the record for the credit office and the subject. */
  @Field(() => LocalDateResolver, {
    description:
      'Last day of use (使用期限) under the credit policy: until then government systems of the jurisdiction share and use the record, also after its publicity; afterwards only the credit office and the subject read it.',
  })
  @Property({ type: 'date' })
  usableUntil!: string;

  @Property({ type: 'text' })
  policyVersion!: string;

  /**
   * The source format's own data items that have no column here, as imported (双公示
   * administrative penalties: penalty type, amounts, licences, data source…); null for
   * records pushed through submitRecords. Kept so an export gives back what came in.
   */
  @Property({ type: 'jsonb', nullable: true })
  sourceItems?: Record<string, string> | null;

  /** Hash of the pushed content: a re-push with the same hash changes nothing. */
  @Property({ type: 'text' })
  contentHash!: string;

  @Field(() => Int, { description: 'Starts at 1; each changed re-push adds one.' })
  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Field({ description: 'When the hub first received the record.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When the record last changed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/** Civil servants named responsible for a finding (惩戒到人). */
@Entity({ schema: 'records', tableName: 'record_responsible' })
@Index({ name: 'record_responsible_person_idx', properties: ['personKey'] })
export class RecordResponsible {
  @PrimaryKey({ type: 'bigint' })
  recordId!: string;

  @PrimaryKey({ type: 'text' })
  personKey!: string;
}

/** Earlier versions of a record, kept on every changed re-push or correction. */
@Entity({ schema: 'records', tableName: 'record_history' })
@Index({ name: 'record_history_record_idx', properties: ['recordId'] })
export class RecordHistory {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: new BigIntType('string') })
  recordId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Property({ type: 'text' })
  changedBy!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  changedAt: Date = new Date();
}
