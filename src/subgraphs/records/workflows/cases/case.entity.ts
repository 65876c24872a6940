import { Role } from '../../../../auth/roles';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { SubmitOutcome } from '../../../../common/submission';
import { GovernmentCaseKind } from '../../enums';

/**
 * Who pushes cases against government organs (涉府案件): the courts, and the debt office for the
 * arrears disputes it follows (清欠). Each sees and counts the cases it pushed.
 */
export const CASE_PUSHERS: ReadonlySet<Role> = new Set([Role.COURT, Role.DEBT]);

/** OPEN → RESOLVED (清存量). */
export enum GovernmentCaseState {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
/** How a case was resolved. */
export enum CaseResolution {
  PERFORMED = 'PERFORMED',
  SETTLED = 'SETTLED',
  WITHDRAWN = 'WITHDRAWN',
  CONCLUDED = 'CONCLUDED',
}
registerEnumType(GovernmentCaseState, {
  name: 'GovernmentCaseState',
  description: 'OPEN (in the stock) or RESOLVED (cleared).',
});
registerEnumType(CaseResolution, {
  name: 'CaseResolution',
  description: 'PERFORMED (履行完毕), SETTLED (执行和解/调解), WITHDRAWN (撤诉/撤回执行申请), CONCLUDED (审结/终结).',
});

/**
 * A court case against a government organ or institution, pushed monthly by a court and
 * idempotent on (court system, case number) like records; the credit office tracks it to
 * resolution. A re-push updates the facts, never the state.
 */
@ObjectType('GovernmentCase', {
  description:
    'A pending or enforcement-default case against a government organ or institution (涉府失信案件), tracked to resolution.',
})
@Entity({ schema: 'records', tableName: 'government_case' })
@Unique({ name: 'government_case_source_unique', properties: ['sourceSystem', 'externalId'] })
@Index({ name: 'government_case_subject_idx', properties: ['subjectKey'] })
@Index({
  name: 'government_case_region_idx',
  expression:
    'create index "government_case_region_idx" on "records"."government_case" ("subject_region" varchar_pattern_ops, "filed_on")',
})
export class GovernmentCase {
  [OptionalProps]?: 'version' | 'state' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier in the hub.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  sourceSystem!: string;

  @Property({ type: 'text' })
  sourceRole!: string;

  /** The case number (案号): the court's own id for the case. */
  @Field({ name: 'caseNo', description: 'Case number (案号).' })
  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Field(() => GovernmentCaseKind, { description: 'Kind of case.' })
  @Enum({ items: () => GovernmentCaseKind, type: 'text' })
  kind!: GovernmentCaseKind;

  @Field(() => LocalDateResolver, { description: 'Date the case was filed (立案).' })
  @Property({ type: 'date' })
  filedOn!: string;

  @Field(() => String, { nullable: true, description: 'Amount at stake, in yuan, as a decimal string.' })
  @Property({ type: 'decimal', precision: 18, scale: 2, nullable: true })
  amount?: string | null;

  @Field({ description: 'Summary of the case.' })
  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'text' })
  contentHash!: string;

  @Field(() => Int, { description: 'Starts at 1; each changed re-push adds one.' })
  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Field(() => GovernmentCaseState, { description: 'OPEN or RESOLVED.' })
  @Enum({ items: () => GovernmentCaseState, type: 'text', default: GovernmentCaseState.OPEN })
  state: GovernmentCaseState = GovernmentCaseState.OPEN;

  @Field(() => CaseResolution, { nullable: true, description: 'How it was resolved.' })
  @Enum({ items: () => CaseResolution, type: 'text', nullable: true })
  resolution?: CaseResolution | null;

  @Field(() => String, { nullable: true, description: 'Note on the resolution.' })
  @Property({ type: 'text', nullable: true })
  resolutionNote?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Date it was resolved (counts as cleared in that month).',
  })
  @Property({ type: 'date', nullable: true })
  resolvedOn?: string | null;

  @Field({ description: 'When the hub first received the case.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When the case last changed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/** A case and an ENFORCEMENT_DEFAULT record of its subject numbered as the case (case-records.ts). */
@Entity({ schema: 'records', tableName: 'case_record' })
@Index({ name: 'case_record_record_idx', properties: ['recordId'] })
export class CaseRecord {
  @PrimaryKey({ type: 'bigint' })
  caseId!: string;

  @PrimaryKey({ type: 'bigint' })
  recordId!: string;
}

@ObjectType('SubmitCaseResult', { description: 'What a push did to one case.' })
export class SubmitCaseResult {
  @Field(() => Int, { description: 'Position in the input list.' }) index!: number;
  @Field({ description: 'Case number.' }) caseNo!: string;
  @Field(() => SubmitOutcome, { description: 'CREATED, UPDATED (facts changed; state kept) or UNCHANGED.' })
  outcome!: SubmitOutcome;
  @Field(() => ID, { description: 'Id of the case in the hub.' }) caseId!: string;
}

@ObjectType('CaseLedgerRow', { description: 'One division and month of the case ledger (清存量、防增量).' })
export class CaseLedgerRow {
  @Field({ description: 'Division code of the subjects (their region).' }) division!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The court system that pushed the cases (caseLedger with byCourt: true); null per division only.',
  })
  court!: string | null;
  @Field({ description: 'Month, YYYY-MM.' }) month!: string;
  @Field(() => Int, { description: 'Cases open at the end of the month (filed by then, not resolved by then).' })
  stock!: number;
  @Field(() => Int, { description: 'Cases filed in the month (增量).' }) newCases!: number;
  @Field(() => Int, { description: 'Cases resolved in the month (清理).' }) cleared!: number;
}
