import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../../../common/connection';
import type { RecordsContext } from '../../context';
import { CreditRecord } from '../../findings/credit-record.entity';
import { Disclosure, Severity } from '../../enums';
import { SubjectStub, subjectStub } from '../../subject.stub';
import { WorkflowObjectType } from '../../lifecycle/state-machine';
import { WorkflowEvent } from '../../lifecycle/workflow-event.entity';
import { Commitment, CommitmentKind, CommitmentState, CommitmentStatus } from './commitment.entity';
import { CommitmentService } from './commitment.service';
import { commitmentFilterSql } from './commitment.filter';

const { ConnectionType } = Connection(Commitment, 'Commitment');
@ObjectType('CommitmentConnection', { description: 'A page of commitments, newest first.' })
export class CommitmentConnection extends ConnectionType {}

@InputType({ description: 'A public commitment to register.' })
export class CommitmentInput {
  @Field({ description: 'USCC (or ID number) of the committing subject, registered.' }) subjectCode!: string;
  @Field(() => CommitmentKind, { description: 'Kind of commitment.' }) kind!: CommitmentKind;
  @Field({ description: 'Short title.' }) title!: string;
  @Field({ description: 'What is promised.' }) content!: string;
  @Field(() => String, {
    nullable: true,
    description: 'USCC of the counterparty enterprise (required for INVESTMENT_CONTRACT).',
  })
  counterpartyCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the counterparty.' }) counterpartyName?: string | null;
  @Field(() => String, { nullable: true, description: 'Amount in yuan, decimal string (e.g. "5000000.00").' }) amount?:
    string | null;
  @Field(() => LocalDateResolver, { description: 'Due date.' }) dueOn!: string;
  @Field(() => Disclosure, { defaultValue: Disclosure.PUBLIC, description: 'PUBLIC or GOVERNMENT.' })
  disclosure!: Disclosure;
}

@InputType({ description: 'Filter for commitments; all given conditions must hold.' })
export class CommitmentFilterInput {
  @Field(() => [CommitmentStatus], {
    nullable: true,
    description: 'Shown statuses (OVERDUE = PENDING past due today).',
  })
  statuses?: CommitmentStatus[] | null;
  @Field(() => [CommitmentKind], { nullable: true, description: 'Kinds.' }) kinds?: CommitmentKind[] | null;
  @Field(() => String, { nullable: true, description: 'Only commitments of the subject with this code.' })
  subjectCode?: string | null;
}

const service = (ctx: RecordsContext) =>
  new CommitmentService(
    ctx.em,
    ctx.viewer,
    ctx.records.selfKey,
    ctx.records.today,
    ctx.records.policy,
    ctx.records.directory,
    ctx.records.evaluation,
  );
const load = async (ctx: RecordsContext, id: string) => (await ctx.workflows.commitments.byIds([id]))[0] ?? null;

@Resolver(() => Commitment)
export class CommitmentResolver {
  @Query(() => CommitmentConnection, {
    description:
      'Commitments visible to you (public ones to everyone; government-shared ones in your jurisdiction), newest first.',
  })
  async commitments(
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => CommitmentFilterInput, { nullable: true, description: 'Conditions.' })
    filter?: CommitmentFilterInput,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<CommitmentConnection> {
    const keys = filter?.subjectCode ? ctx.services.keys.identify(filter.subjectCode).keys : null;
    const where = commitmentFilterSql(filter ?? {}, keys, ctx.records.today);
    const { nodes, hasNextPage } = await ctx.workflows.commitments.page(where, pageSize(first), decodeCursor(after));
    return toConnection(CommitmentConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.workflows.commitments.count(where),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Mutation(() => Commitment, { nullable: true, description: 'Registers a public commitment (PENDING).' })
  async registerCommitment(@Ctx() ctx: RecordsContext, @Arg('input', () => CommitmentInput) input: CommitmentInput) {
    return load(ctx, await service(ctx).register(input));
  }

  @Mutation(() => Commitment, { nullable: true, description: 'Declares a commitment fulfilled.' })
  async fulfilCommitment(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', { description: 'How it was fulfilled.' }) note: string,
  ) {
    return load(ctx, await service(ctx).fulfil(id, note));
  }

  @Mutation(() => Commitment, {
    nullable: true,
    description:
      'Declares a commitment breached: creates one dishonesty record on the subject, in the same transaction.',
  })
  async breachCommitment(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', { description: 'What was not kept.' }) note: string,
    @Arg('severity', () => Severity, {
      defaultValue: Severity.GENERAL,
      description: 'Severity of the resulting record.',
    })
    severity: Severity,
  ) {
    return load(ctx, await service(ctx).breach(id, note, severity));
  }

  @Mutation(() => Commitment, {
    nullable: true,
    description: 'Records a lawful change of the commitment, with its legal basis and the compensation.',
  })
  async changeCommitment(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('legalBasis', { description: 'Law or decision allowing the change.' }) legalBasis: string,
    @Arg('compensation', { description: 'Compensation granted to the counterparty.' }) compensation: string,
  ) {
    return load(ctx, await service(ctx).change(id, legalBasis, compensation));
  }

  @FieldResolver(() => SubjectStub, { description: 'The committing subject.' })
  subject(@Root() commitment: Commitment): SubjectStub {
    return subjectStub(commitment.subjectKey);
  }

  @FieldResolver(() => CommitmentStatus, { description: 'State as shown today: PENDING past its due date is OVERDUE.' })
  status(@Root() commitment: Commitment, @Ctx() ctx: RecordsContext): CommitmentStatus {
    if (commitment.state === CommitmentState.PENDING && commitment.dueOn < ctx.records.today)
      return CommitmentStatus.OVERDUE;
    return commitment.state as unknown as CommitmentStatus;
  }

  @FieldResolver(() => CreditRecord, {
    nullable: true,
    description: 'The dishonesty record of a breach, as far as you may see it.',
  })
  breachRecord(@Root() commitment: Commitment, @Ctx() ctx: RecordsContext) {
    return commitment.breachRecordId ? ctx.records.loaders.recordById.load(String(commitment.breachRecordId)) : null;
  }

  @FieldResolver(() => [WorkflowEvent], { description: 'Every step of the commitment, oldest first.' })
  history(@Root() commitment: Commitment, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.COMMITMENT}:${commitment.id}`);
  }
}
