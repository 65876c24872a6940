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
import { allOf, oneOf, when } from '../../../../db/sql';
import type { RecordsContext } from '../../context';
import { CreditRecord } from '../../findings/credit-record.entity';
import { Disclosure, ObjectionMatter, RecordCategory, Severity } from '../../enums';
import { SubjectStub, subjectStub } from '../../subject.stub';
import { WorkflowObjectType } from '../../lifecycle/state-machine';
import { WorkflowEvent } from '../../lifecycle/workflow-event.entity';
import { Objection } from './objection.entity';
import { ObjectionState } from '../../enums';
import { matterOf, ObjectionService } from './objection.service';

const { ConnectionType } = Connection(Objection, 'Objection');
@ObjectType('ObjectionConnection', { description: 'A page of objections, newest first.' })
export class ObjectionConnection extends ConnectionType {}

@InputType({ description: 'An objection to a record.' })
export class ObjectionInput {
  @Field(() => ID, {
    description:
      'The disputed record (yours, one naming you for matter NAMING, or in your jurisdiction for the credit office).',
  })
  recordId!: string;

  @Field({ description: 'Why the record is wrong.' })
  reasons!: string;

  @Field(() => [String], { nullable: true, description: 'References to supporting documents (at most 20).' })
  attachmentRefs?: string[] | null;

  @Field(() => ObjectionMatter, {
    defaultValue: ObjectionMatter.FINDING,
    description:
      'What is disputed: the finding (default; the subject or its credit office), or NAMING: that the record names you, a civil servant, as a responsible person (SUBJECT whose org is your code).',
  })
  matter!: ObjectionMatter;
}

@InputType({ description: 'What a correction changes in the record; omitted fields stay as they are.' })
export class RecordCorrectionInput {
  @Field(() => String, { nullable: true, description: 'Corrected title.' }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'Corrected facts.' }) details?: string | null;
  @Field(() => Severity, { nullable: true, description: 'Corrected severity (the publicity window follows).' })
  severity?: Severity | null;
  @Field(() => RecordCategory, { nullable: true, description: 'Corrected category.' }) category?: RecordCategory | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Corrected decision date.' }) decidedAt?:
    string | null;
  @Field(() => Disclosure, { nullable: true, description: 'Corrected disclosure.' }) disclosure?: Disclosure | null;
  @Field(() => Boolean, { nullable: true, description: 'Judged fault-tolerated (容错) after all.' }) tolerated?:
    boolean | null;
}

const service = (ctx: RecordsContext) =>
  new ObjectionService(
    ctx.em,
    ctx.viewer,
    ctx.records.selfKey,
    ctx.records.today,
    ctx.records.policy,
    ctx.records.directory,
    ctx.records.evaluation,
  );
const load = async (ctx: RecordsContext, id: string) => (await ctx.workflows.objections.byIds([id]))[0] ?? null;
const decisionArg = { description: 'The decision and its reasons, returned to the subject.' };

@Resolver(() => Objection)
export class ObjectionResolver {
  @Query(() => ObjectionConnection, {
    nullable: true,
    description:
      'Objections visible to you (subject: its own; deciding authority and pushing system: theirs; credit office: its jurisdiction).',
  })
  async objections(
    @Ctx() ctx: RecordsContext,
    @Arg('states', () => [ObjectionState], { nullable: true, description: 'Only these states.' })
    states?: ObjectionState[],
    @Arg('overdueOnly', () => Boolean, {
      defaultValue: false,
      description: 'Only FILED objections past their due date.',
    })
    overdueOnly?: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<ObjectionConnection> {
    const where = allOf(
      oneOf('t.state', states),
      when(overdueOnly, `t.state = 'FILED' AND t.due_on < ?::date`, ctx.records.today),
    );
    const { nodes, hasNextPage } = await ctx.workflows.objections.page(where, pageSize(first), decodeCursor(after));
    return toConnection(ObjectionConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.workflows.objections.count(where),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Mutation(() => Objection, {
    nullable: true,
    description: 'Files an objection: the record is shown as disputed until it is decided.',
  })
  async fileObjection(@Ctx() ctx: RecordsContext, @Arg('input', () => ObjectionInput) input: ObjectionInput) {
    return load(ctx, await service(ctx).file(input.recordId, input.reasons, input.attachmentRefs, input.matter));
  }

  @Mutation(() => Objection, { nullable: true, description: 'Upholds the record: it stands unchanged.' })
  async upholdObjection(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('decision', decisionArg) decision: string,
  ) {
    return load(ctx, await service(ctx).uphold(id, decision));
  }

  @Mutation(() => Objection, {
    nullable: true,
    description: 'Corrects the record: a new version, the previous one kept in its history.',
  })
  async correctObjection(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('decision', decisionArg) decision: string,
    @Arg('correction', () => RecordCorrectionInput, { description: 'What changes.' }) correction: RecordCorrectionInput,
  ) {
    return load(ctx, await service(ctx).correct(id, decision, correction));
  }

  @Mutation(() => Objection, {
    nullable: true,
    description:
      'Corrects the naming a NAMING objection disputes (CORRECTED): the objecting civil servant is no longer named responsible in the record, replaced by the registered civil servant of replacementCode if given; the record gets a new version, the previous one (with its responsible persons) kept in its history.',
  })
  async correctNaming(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('decision', decisionArg) decision: string,
    @Arg('replacementCode', () => String, {
      nullable: true,
      description:
        'Resident ID number of the civil servant named instead (registered); omitted = the naming is removed.',
    })
    replacementCode?: string | null,
  ) {
    return load(ctx, await service(ctx).correctNaming(id, decision, replacementCode));
  }

  @Mutation(() => Objection, {
    nullable: true,
    description: 'Revokes the record (REVOKED): it no longer counts anywhere.',
  })
  async revokeObjection(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('decision', decisionArg) decision: string,
  ) {
    return load(ctx, await service(ctx).revoke(id, decision));
  }

  @FieldResolver(() => CreditRecord, { nullable: true, description: 'The disputed record, as far as you may see it.' })
  record(@Root() objection: Objection, @Ctx() ctx: RecordsContext) {
    return ctx.records.loaders.recordById.load(String(objection.recordId));
  }

  @FieldResolver(() => ObjectionMatter, { description: 'What the objection disputes: the finding, or a naming.' })
  matter(@Root() objection: Objection): ObjectionMatter {
    return matterOf({ named_person_key: objection.namedPersonKey });
  }

  @FieldResolver(() => SubjectStub, {
    nullable: true,
    description: 'NAMING objections: the civil servant whose naming is disputed (as far as you may see the person).',
  })
  namedPerson(@Root() objection: Objection): SubjectStub | null {
    return objection.namedPersonKey ? subjectStub(objection.namedPersonKey) : null;
  }

  @FieldResolver(() => Boolean, { description: 'FILED and past its due date.' })
  overdue(@Root() objection: Objection, @Ctx() ctx: RecordsContext): boolean {
    return objection.state === ObjectionState.FILED && objection.dueOn < ctx.records.today;
  }

  @FieldResolver(() => [WorkflowEvent], { description: 'Every step of the objection, oldest first.' })
  history(@Root() objection: Objection, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.OBJECTION}:${objection.id}`);
  }
}

/** What the workflows add to every record, wherever it is shown. */
@Resolver(() => CreditRecord)
export class RecordWorkflowResolver {
  @FieldResolver(() => Boolean, { description: 'An objection is pending (异议处理中): the record is disputed.' })
  disputed(@Root() record: CreditRecord, @Ctx() ctx: RecordsContext): Promise<boolean> {
    return ctx.workflows.disputed.load(record.id);
  }

  @FieldResolver(() => [WorkflowEvent], {
    nullable: true,
    description: 'Repairs, revocations and corrections of the record, oldest first (restricted).',
  })
  history(@Root() record: CreditRecord, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.CREDIT_RECORD}:${record.id}`);
  }
}
