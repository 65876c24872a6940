import { BigIntType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Disclosure } from '../../enums';

/** Kinds of public commitment (守信践诺) named by the seeds. */
export enum CommitmentKind {
  SERVICE = 'SERVICE',
  INVESTMENT_POLICY = 'INVESTMENT_POLICY',
  INVESTMENT_CONTRACT = 'INVESTMENT_CONTRACT',
  PROCUREMENT = 'PROCUREMENT',
  TOWNSHIP = 'TOWNSHIP',
  STATISTICS = 'STATISTICS',
}
/** Stored state: PENDING → FULFILLED | BREACHED | CHANGED. */
export enum CommitmentState {
  PENDING = 'PENDING',
  FULFILLED = 'FULFILLED',
  BREACHED = 'BREACHED',
  CHANGED = 'CHANGED',
}
/** Shown state: a PENDING commitment past its due date is OVERDUE, computed on read (no job). */
export enum CommitmentStatus {
  PENDING = 'PENDING',
  OVERDUE = 'OVERDUE',
  FULFILLED = 'FULFILLED',
  BREACHED = 'BREACHED',
  CHANGED = 'CHANGED',
}
registerEnumType(CommitmentKind, {
  name: 'CommitmentKind',
  description:
    'SERVICE (service and deadline pledges), INVESTMENT_POLICY, INVESTMENT_CONTRACT (招商引资 promises and contracts), PROCUREMENT (buyer pledges), TOWNSHIP (public pledges), STATISTICS (statistical integrity).',
});
registerEnumType(CommitmentState, {
  name: 'CommitmentState',
  description: 'Stored state: PENDING, FULFILLED, BREACHED or CHANGED (lawful change with compensation).',
});
registerEnumType(CommitmentStatus, {
  name: 'CommitmentStatus',
  description: 'As shown today: the stored state, with PENDING past its due date shown as OVERDUE.',
});

/**
 * A public commitment of a government, department, township or civil servant. It belongs to
 * the subject (by registry key), not to the official in charge: a change of official or of
 * government leaves it PENDING.
 */
@ObjectType('Commitment', {
  description: 'A public commitment (守信践诺) of a subject, tracked to fulfilment, breach or lawful change.',
})
@Entity({ schema: 'records', tableName: 'commitment' })
@Index({ name: 'commitment_subject_idx', properties: ['subjectKey'] })
@Index({ name: 'commitment_region_idx', properties: ['subjectRegion', 'state', 'dueOn'] })
@Index({
  name: 'commitment_pending_due_idx',
  expression: `create index "commitment_pending_due_idx" on "records"."commitment" ("due_on") where "state" = 'PENDING'`,
})
export class Commitment {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'state';

  @Field(() => ID, { description: 'Stable identifier of the commitment.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Field(() => CommitmentKind, { description: 'Kind of commitment.' })
  @Enum({ items: () => CommitmentKind, type: 'text' })
  kind!: CommitmentKind;

  @Field({ description: 'Short title of the commitment.' })
  @Property({ type: 'text' })
  title!: string;

  @Field({ description: 'What was promised.' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => String, {
    nullable: true,
    description: 'USCC of the counterparty enterprise (investment contracts; restricted).',
  })
  @Property({ type: 'text', nullable: true })
  counterpartyCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the counterparty (restricted).' })
  @Property({ type: 'text', nullable: true })
  counterpartyName?: string | null;

  @Field(() => String, { nullable: true, description: 'Amount promised, in yuan, as a decimal string (restricted).' })
  @Property({ type: 'decimal', precision: 18, scale: 2, nullable: true })
  amount?: string | null;

  @Field(() => LocalDateResolver, { description: 'Date by which the commitment is to be fulfilled.' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => Disclosure, { description: 'PUBLIC (社会公开) or GOVERNMENT (政务共享).' })
  @Enum({ items: () => Disclosure, type: 'text' })
  disclosure!: Disclosure;

  @Field(() => CommitmentState, { description: 'Stored state (see status for OVERDUE).' })
  @Enum({ items: () => CommitmentState, type: 'text', default: CommitmentState.PENDING })
  state: CommitmentState = CommitmentState.PENDING;

  @Field(() => String, { nullable: true, description: 'Note given with the outcome.' })
  @Property({ type: 'text', nullable: true })
  outcomeNote?: string | null;

  @Field(() => String, { nullable: true, description: 'Legal basis of a lawful change (CHANGED).' })
  @Property({ type: 'text', nullable: true })
  changeLegalBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'Compensation granted with a lawful change (CHANGED).' })
  @Property({ type: 'text', nullable: true })
  compensation?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the dishonesty record a breach created.' })
  @Property({ type: new BigIntType('string'), nullable: true })
  breachRecordId?: string | null;

  @Field({ description: 'Client system that registered the commitment.' })
  @Property({ type: 'text' })
  registeredBy!: string;

  @Property({ type: 'text' })
  registeredRole!: string;

  @Field({ description: 'When the commitment was registered.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When it last changed state.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
