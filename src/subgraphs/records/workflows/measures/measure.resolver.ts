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
import { allOf, oneOf, TRUE, when } from '../../../../db/sql';
import type { RecordsContext } from '../../context';
import { CreditRecord } from '../../findings/credit-record.entity';
import { SubjectStub, subjectStub } from '../../subject.stub';
import { checkId, WorkflowObjectType } from '../../lifecycle/state-machine';
import { WorkflowEvent } from '../../lifecycle/workflow-event.entity';
import { JointMeasure, MeasureBasis, MeasureKind } from './measure.entity';
import { MeasureState } from '../../enums';
import { MeasureService } from './measure.service';

const { ConnectionType } = Connection(JointMeasure, 'JointMeasure');
@ObjectType('JointMeasureConnection', { description: 'A page of joint measures, newest first.' })
export class JointMeasureConnection extends ConnectionType {}

@InputType({ description: 'Joint measures to initiate (发起): one measure per implementing unit.' })
export class JointMeasureInput {
  @Field(() => MeasureBasis, { description: 'Whether the measures rest on a record or a listing.' })
  basisType!: MeasureBasis;
  @Field(() => ID, { description: 'Id of that record or listing (ACTIVE / in force).' }) basisId!: string;
  @Field(() => MeasureKind, {
    description:
      'Which measure (TRUSTWORTHY_INCENTIVE only on honour records, the others only on dishonesty records and listings).',
  })
  kind!: MeasureKind;
  @Field(() => [String], {
    description:
      'USCCs of the implementing units (registered governments, departments, institutions, townships; at most 50).',
  })
  implementingUnitCodes!: string[];
  @Field(() => String, { nullable: true, description: 'What is asked of the units (e.g. the rectification deadline).' })
  note?: string | null;
}

@InputType({ description: 'Filter for joint measures; all given conditions must hold.' })
export class JointMeasureFilterInput {
  @Field(() => MeasureBasis, {
    nullable: true,
    description: 'Only measures resting on this kind of basis (with basisId).',
  })
  basisType?: MeasureBasis | null;
  @Field(() => ID, { nullable: true, description: 'Only measures resting on this record or listing.' }) basisId?:
    string | null;
  @Field(() => [MeasureState], { nullable: true, description: 'Only these states.' }) states?: MeasureState[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Only measures whose response or feedback is overdue today.' })
  overdueOnly?: boolean | null;
}

const service = (ctx: RecordsContext) =>
  new MeasureService(ctx.em, ctx.viewer, ctx.records.today, ctx.records.policy, ctx.records.directory);
const load = async (ctx: RecordsContext, id: string) => (await ctx.workflows.measures.byIds([id]))[0] ?? null;
const OVERDUE_SQL = `((t.state = 'INITIATED' AND t.response_due_on < ?::date) OR (t.state = 'ACCEPTED' AND t.feedback_due_on < ?::date))`;

@Resolver(() => JointMeasure)
export class MeasureResolver {
  @Query(() => JointMeasureConnection, {
    nullable: true,
    description:
      'Joint measures visible to you (initiator: those it initiated; implementing unit: those addressed to it; subject: those on it; credit office: its jurisdiction), newest first.',
  })
  async jointMeasures(
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => JointMeasureFilterInput, { nullable: true, description: 'Conditions.' })
    filter?: JointMeasureFilterInput,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<JointMeasureConnection> {
    const { today } = ctx.records;
    const where = allOf(
      filter?.basisId ? { sql: 't.basis_id = ?', params: [checkId(filter.basisId, 'basisId')] } : TRUE,
      when(filter?.basisType, 't.basis_type = ?', filter?.basisType),
      oneOf('t.state', filter?.states),
      when(filter?.overdueOnly, OVERDUE_SQL, today, today),
    );
    const { nodes, hasNextPage } = await ctx.workflows.measures.page(where, pageSize(first), decodeCursor(after));
    return toConnection(JointMeasureConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.workflows.measures.count(where),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Mutation(() => [JointMeasure], {
    description:
      'Initiates a joint measure (发起) for each implementing unit; a measure that already exists for the same basis, unit and kind is returned as it is.',
  })
  async initiateJointMeasures(
    @Ctx() ctx: RecordsContext,
    @Arg('input', () => JointMeasureInput) input: JointMeasureInput,
  ) {
    const ids = await service(ctx).initiate(input);
    return ctx.workflows.measures.byIds(ids);
  }

  @Mutation(() => JointMeasure, {
    nullable: true,
    description: 'The implementing unit accepts the measure (响应: ACCEPTED); the feedback becomes due.',
  })
  async acceptJointMeasure(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true, description: 'How it will be applied.' }) note?: string | null,
  ) {
    return load(ctx, await service(ctx).accept(id, note));
  }

  @Mutation(() => JointMeasure, {
    nullable: true,
    description:
      'The implementing unit answers that the measure does not apply to it (响应: NOT_APPLICABLE), with the reason.',
  })
  async declineJointMeasure(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Why the measure does not apply.' }) reason: string,
  ) {
    return load(ctx, await service(ctx).decline(id, reason));
  }

  @Mutation(() => JointMeasure, {
    nullable: true,
    description: 'The implementing unit feeds back the result of an accepted measure (反馈: FED_BACK).',
  })
  async feedBackJointMeasure(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('result', { description: 'What was done.' }) result: string,
    @Arg('resultDate', () => LocalDateResolver, { description: 'When it was done (not after today).' })
    resultDate: string,
  ) {
    return load(ctx, await service(ctx).feedBack(id, result, resultDate));
  }

  @Mutation(() => JointMeasure, {
    nullable: true,
    description:
      'The implementing unit confirms it lifted a LIFTED measure (解除确认: LIFT_CONFIRMED), saying what it undid. Its pending confirmations are its jointMeasures in state LIFTED.',
  })
  async confirmMeasureLifted(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', { description: 'What the unit undid (e.g. 已恢复其评优资格).' }) note: string,
  ) {
    return load(ctx, await service(ctx).confirmLifted(id, note));
  }

  @FieldResolver(() => SubjectStub, { description: 'The subject the measure concerns.' })
  subject(@Root() measure: JointMeasure): SubjectStub {
    return subjectStub(measure.subjectKey);
  }

  @FieldResolver(() => CreditRecord, {
    nullable: true,
    description: 'The record the measure rests on (basis RECORD), as far as you may see it.',
  })
  record(@Root() measure: JointMeasure, @Ctx() ctx: RecordsContext) {
    return measure.basisType === MeasureBasis.RECORD
      ? ctx.records.loaders.recordById.load(String(measure.basisId))
      : null;
  }

  @FieldResolver(() => Boolean, {
    description: 'The response (INITIATED) or the feedback (ACCEPTED) is past its due date today.',
  })
  overdue(@Root() measure: JointMeasure, @Ctx() ctx: RecordsContext): boolean {
    const today = ctx.records.today;
    return (
      (measure.state === MeasureState.INITIATED && measure.responseDueOn < today) ||
      (measure.state === MeasureState.ACCEPTED && !!measure.feedbackDueOn && measure.feedbackDueOn < today)
    );
  }

  @FieldResolver(() => [WorkflowEvent], { description: 'Every step of the measure, oldest first.' })
  history(@Root() measure: JointMeasure, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.JOINT_MEASURE}:${measure.id}`);
  }
}
