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
import { AppointmentPurpose } from '../../../../common/appointment-purpose';
import { Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../../../common/connection';
import { allOf, oneOf, when } from '../../../../db/sql';
import type { RecordsContext } from '../../context';
import { SubjectStub, subjectStub } from '../../subject.stub';
import { WorkflowObjectType } from '../../lifecycle/state-machine';
import { WorkflowEvent } from '../../lifecycle/workflow-event.entity';
import { IntegrityOpinion, OpinionState, OpinionVerdict } from './opinion.entity';
import { OpinionService } from './opinion.service';

const { ConnectionType } = Connection(IntegrityOpinion, 'IntegrityOpinion');
@ObjectType('IntegrityOpinionConnection', { description: 'A page of opinion requests, newest first.' })
export class IntegrityOpinionConnection extends ConnectionType {}

@InputType({ description: 'Filter for opinion requests; all given conditions must hold.' })
export class IntegrityOpinionFilterInput {
  @Field(() => [OpinionState], { nullable: true, description: 'Only these states.' }) states?: OpinionState[] | null;
  @Field(() => AppointmentPurpose, { nullable: true, description: 'Only requests for this purpose.' })
  purpose?: AppointmentPurpose | null;
  @Field(() => Boolean, { nullable: true, description: 'Only unanswered requests past their due date today.' })
  overdueOnly?: boolean | null;
}

export const opinionService = (ctx: RecordsContext) =>
  new OpinionService(
    ctx.em,
    ctx.viewer,
    ctx.records.selfKey,
    ctx.records.today,
    ctx.records.directory,
    ctx.services.keys,
  );
const load = async (ctx: RecordsContext, id: string) => (await ctx.workflows.opinions.byIds([id]))[0] ?? null;

@Resolver(() => IntegrityOpinion)
export class OpinionResolver {
  @Query(() => IntegrityOpinionConnection, {
    nullable: true,
    description:
      'Clean-government opinion requests visible to you, newest first (organization department: those it made; discipline inspection: those on persons of its jurisdiction, its queue to answer).',
  })
  async integrityOpinions(
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => IntegrityOpinionFilterInput, { nullable: true, description: 'Conditions.' })
    filter?: IntegrityOpinionFilterInput,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<IntegrityOpinionConnection> {
    const where = allOf(
      oneOf('t.state', filter?.states),
      when(filter?.purpose, 't.purpose = ?', filter?.purpose),
      when(filter?.overdueOnly, `(t.state = 'REQUESTED' AND t.due_on < ?::date)`, ctx.records.today),
    );
    const { nodes, hasNextPage } = await ctx.workflows.opinions.page(where, pageSize(first), decodeCursor(after));
    return toConnection(IntegrityOpinionConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.workflows.opinions.count(where),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Mutation(() => [IntegrityOpinion], {
    description:
      'Asks discipline inspection for a clean-government opinion (征求廉政意见) on each person (1 to 200 resident ID numbers, all or nothing): one request per distinct person; an open request of yours for the same person and purpose is returned as it is.',
  })
  async requestIntegrityOpinion(
    @Ctx() ctx: RecordsContext,
    @Arg('personCodes', () => [String], { description: 'Resident ID numbers of the candidates.' })
    personCodes: string[],
    @Arg('purpose', () => AppointmentPurpose, { description: 'The cadre decision the opinion is for.' })
    purpose: AppointmentPurpose,
    @Arg('dueOn', () => LocalDateResolver, {
      nullable: true,
      description: 'Answer due by: after today, at most 60 days ahead; default today + 15 days.',
    })
    dueOn?: string | null,
    @Arg('note', () => String, { nullable: true, description: 'The post or round, for discipline inspection.' })
    note?: string | null,
  ): Promise<IntegrityOpinion[]> {
    const ids = await opinionService(ctx).request({ personCodes, purpose, dueOn, note });
    const rows = new Map((await ctx.workflows.opinions.byIds(ids)).map((row) => [String(row.id), row]));
    return ids.map((id) => rows.get(id)).filter((row): row is IntegrityOpinion => !!row);
  }

  @Mutation(() => IntegrityOpinion, {
    nullable: true,
    description:
      'Discipline inspection of the person’s jurisdiction answers (REQUESTED → ANSWERED); also after dueOn (answeredLate). The answer enters the person’s file.',
  })
  async answerIntegrityOpinion(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('verdict', () => OpinionVerdict, { description: 'The opinion.' }) verdict: OpinionVerdict,
    @Arg('text', () => String, { nullable: true, description: 'The opinion’s text; required with CONCERNS.' })
    text?: string | null,
  ) {
    return load(ctx, await opinionService(ctx).answer(id, verdict, text));
  }

  @Mutation(() => IntegrityOpinion, {
    nullable: true,
    description: 'The requesting organization department withdraws an unanswered request (REQUESTED → WITHDRAWN).',
  })
  async withdrawIntegrityOpinion(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Why the opinion is no longer needed.' }) reason: string,
  ) {
    return load(ctx, await opinionService(ctx).withdraw(id, reason));
  }

  @FieldResolver(() => SubjectStub, { description: 'The person the opinion is on.' })
  subject(@Root() opinion: IntegrityOpinion): SubjectStub {
    return subjectStub(opinion.personKey);
  }

  @FieldResolver(() => Boolean, { description: 'Unanswered and past its due date today.' })
  overdue(@Root() opinion: IntegrityOpinion, @Ctx() ctx: RecordsContext): boolean {
    return opinion.state === OpinionState.REQUESTED && opinion.dueOn < ctx.records.today;
  }

  @FieldResolver(() => Boolean, { description: 'Answered after its due date.' })
  answeredLate(@Root() opinion: IntegrityOpinion): boolean {
    return !!opinion.answeredOn && opinion.answeredOn > opinion.dueOn;
  }

  @FieldResolver(() => [WorkflowEvent], {
    description: 'Every step of the request, oldest first (an answer’s step carries its verdict, not its text).',
  })
  history(@Root() opinion: IntegrityOpinion, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.INTEGRITY_OPINION}:${opinion.id}`);
  }
}
