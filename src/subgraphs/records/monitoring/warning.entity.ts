import { WarningState } from '../enums';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum WarningKind {
  SERIOUS_FINDING = 'SERIOUS_FINDING',
  COMMITMENT_OVERDUE = 'COMMITMENT_OVERDUE',
  REPEATED_FINDINGS = 'REPEATED_FINDINGS',
  ENFORCEMENT_DEFAULT_UNRESOLVED = 'ENFORCEMENT_DEFAULT_UNRESOLVED',
  DEBT_RISK = 'DEBT_RISK',
  OPINION_OVERDUE = 'OPINION_OVERDUE',
  INTERCEPTION_OVERRIDDEN = 'INTERCEPTION_OVERRIDDEN',
}
registerEnumType(WarningKind, {
  name: 'WarningKind',
  description: 'Which kind of rule raised the warning (config/evaluation.json `warnings`).',
  valuesConfig: {
    SERIOUS_FINDING: { description: '新增严重失信: a new serious dishonesty record.' },
    COMMITMENT_OVERDUE: { description: '承诺逾期: a commitment still pending after its due date.' },
    REPEATED_FINDINGS: { description: '多次失信: repeated findings on one subject in one period.' },
    ENFORCEMENT_DEFAULT_UNRESOLVED: {
      description: '执行案件久拖未结: an enforcement-default case open past the threshold.',
    },
    DEBT_RISK: { description: '债务风险: a finding in the configured debt-risk domains or categories.' },
    OPINION_OVERDUE: {
      description: '廉政意见逾期未复: a clean-government opinion request still unanswered after its due date.',
    },
    INTERCEPTION_OVERRIDDEN: {
      description: '接纳被拦截投标人: a platform reported admitting a bidder its blacklistCheck decided to BLOCK.',
    },
  },
});

/**
 * An early warning (预警) raised by a configured rule on one subject. `dedupeKey` (rule +
 * the object that raised it) is unique, so a rule raises one warning per record,
 * commitment, case or subject-period however often it is evaluated. States move through
 * the workflow state machine (events in records.workflow_event).
 */
@ObjectType('EarlyWarning', {
  description: 'An early warning raised by a monitoring rule, with the rule and the records behind it.',
})
@Entity({ schema: 'records', tableName: 'early_warning' })
@Index({
  name: 'early_warning_region_idx',
  expression:
    'create index "early_warning_region_idx" on "records"."early_warning" ("subject_region" varchar_pattern_ops, "state")',
})
@Index({ name: 'early_warning_subject_idx', properties: ['subjectKey'] })
export class EarlyWarning {
  [OptionalProps]?: 'state' | 'raisedAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier of the warning.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => WarningKind, { description: 'Kind of rule that raised it.' })
  @Enum({ items: () => WarningKind, type: 'text' })
  kind!: WarningKind;

  @Field({ description: 'Code of the configured rule that raised it.' })
  @Property({ type: 'text' })
  rule!: string;

  /** Rule code + what raised it (RECORD:12, COMMITMENT:3, GOVERNMENT_CASE:7, INTEGRITY_OPINION:4, subject + period). */
  @Property({ type: 'text', unique: 'early_warning_dedupe_unique' })
  dedupeKey!: string;

  @Field(() => WarningState, { description: 'OPEN, ACKNOWLEDGED or CLOSED.' })
  @Enum({ items: () => WarningState, type: 'text', default: WarningState.OPEN })
  state: WarningState = WarningState.OPEN;

  @Field({ description: 'What happened, in words.' })
  @Property({ type: 'text' })
  message!: string;

  @Property({ type: 'text' })
  subjectKey!: string;

  @Field({ name: 'regionCode', description: 'Division code of the subject.' })
  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Evaluation period it belongs to (repeated findings), e.g. 2026Q3.',
  })
  @Property({ type: 'text', nullable: true })
  period?: string | null;

  /** Ids of the records behind it (empty for commitments and cases without a record). */
  @Property({ type: 'jsonb' })
  recordIds!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'The workflow object behind it, as TYPE:id (COMMITMENT:3, GOVERNMENT_CASE:7), if not a record.',
  })
  @Property({ type: 'text', nullable: true })
  sourceRef?: string | null;

  @Field({ description: 'Version of the evaluation configuration whose rule raised it.' })
  @Property({ type: 'text' })
  configVersion!: string;

  @Field({ description: 'When it was raised.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  raisedAt: Date = new Date();

  @Field({ description: 'When its state last changed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
