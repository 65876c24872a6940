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
import { addDays } from '../../../../common/dates';
import { InputError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { allOf, oneOf, when } from '../../../../db/sql';
import type { RecordsContext } from '../../context';
import { SubjectStub, subjectStub } from '../../subject.stub';
import { WorkflowObjectType } from '../../lifecycle/state-machine';
import { WorkflowEvent } from '../../lifecycle/workflow-event.entity';
import { CreditRecord } from '../../findings/credit-record.entity';
import { CaseLedgerRow, CaseResolution, GovernmentCase, GovernmentCaseState, SubmitCaseResult } from './case.entity';
import { GovernmentCaseKind } from '../../enums';
import { caseLedger } from './case.ledger';
import { CaseService } from './case.service';

const { ConnectionType } = Connection(GovernmentCase, 'GovernmentCase');
@ObjectType('GovernmentCaseConnection', { description: 'A page of government cases, newest first.' })
export class GovernmentCaseConnection extends ConnectionType {}

@InputType({ description: 'A case against a government organ or institution, as pushed by a court.' })
export class GovernmentCaseInput {
  @Field({ description: 'Case number (案号): the idempotency key of the push.' }) caseNo!: string;
  @Field({ description: 'USCC of the registered government, department, institution or township.' })
  subjectCode!: string;
  @Field(() => GovernmentCaseKind, { description: 'Kind of case.' }) kind!: GovernmentCaseKind;
  @Field(() => LocalDateResolver, { description: 'Filing date (not after today).' }) filedOn!: string;
  @Field(() => String, { nullable: true, description: 'Amount at stake in yuan, decimal string.' }) amount?:
    string | null;
  @Field({ description: 'Summary of the case.' }) summary!: string;
}

@InputType({ description: 'Filter for government cases; all given conditions must hold.' })
export class GovernmentCaseFilterInput {
  @Field(() => [GovernmentCaseState], { nullable: true, description: 'Only these states.' }) states?:
    GovernmentCaseState[] | null;
  @Field(() => [GovernmentCaseKind], { nullable: true, description: 'Only these kinds.' }) kinds?:
    GovernmentCaseKind[] | null;
  @Field(() => String, { nullable: true, description: 'Only subjects whose division code starts with this.' })
  regionPrefix?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only OPEN cases filed more than caseResolutionDays ago.' })
  overdueOnly?: boolean | null;
}

const service = (ctx: RecordsContext) => new CaseService(ctx.em, ctx.viewer, ctx.records.today, ctx.records.directory);
const load = async (ctx: RecordsContext, id: string) => (await ctx.workflows.cases.byIds([id]))[0] ?? null;

@Resolver(() => GovernmentCase)
export class CaseResolver {
  @Query(() => GovernmentCaseConnection, {
    nullable: true,
    description:
      'Government cases visible to you (credit office: its jurisdiction; a court: those it pushed; the subject: its own), newest first.',
  })
  async governmentCases(
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => GovernmentCaseFilterInput, { nullable: true, description: 'Conditions.' })
    filter?: GovernmentCaseFilterInput,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<GovernmentCaseConnection> {
    if (filter?.regionPrefix != null && !/^\d{0,6}$/.test(filter.regionPrefix))
      throw new InputError(bilingual('regionPrefix 最多 6 位数字', 'regionPrefix is up to 6 digits'), {
        field: 'regionPrefix',
      });
    const overdueSince = addDays(ctx.records.today, -ctx.records.policy.workflows.caseResolutionDays);
    const where = allOf(
      oneOf('t.state', filter?.states),
      oneOf('t.kind', filter?.kinds),
      when(filter?.regionPrefix != null, 't.subject_region LIKE ?', `${filter?.regionPrefix}%`),
      when(filter?.overdueOnly, `t.state = 'OPEN' AND t.filed_on < ?::date`, overdueSince),
    );
    const { nodes, hasNextPage } = await ctx.workflows.cases.page(where, pageSize(first), decodeCursor(after));
    return toConnection(GovernmentCaseConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.workflows.cases.count(where),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Query(() => [CaseLedgerRow], {
    nullable: true,
    description:
      'Case ledger (清存量、防增量): per division under the prefix (and, with byCourt, per court) and month, stock at month end, new and cleared cases. Divisions without any case are omitted.',
  })
  caseLedger(
    @Ctx() ctx: RecordsContext,
    @Arg('regionPrefix', { description: 'Division code prefix (2-6 digits), inside your jurisdiction.' })
    regionPrefix: string,
    @Arg('fromMonth', { description: 'First month, YYYY-MM.' }) fromMonth: string,
    @Arg('toMonth', { description: 'Last month, YYYY-MM (at most 60 months).' }) toMonth: string,
    @Arg('kinds', () => [GovernmentCaseKind], { nullable: true, description: 'Only these kinds (default both).' })
    kinds?: GovernmentCaseKind[] | null,
    @Arg('byCourt', () => Boolean, {
      defaultValue: false,
      description:
        'Also per court (the court system that pushed the cases, 排查 per court); default per division only.',
    })
    byCourt?: boolean,
  ): Promise<CaseLedgerRow[]> {
    const args = { regionPrefix, fromMonth, toMonth, kinds, byCourt: !!byCourt };
    return caseLedger(ctx.em, ctx.viewer, ctx.workflows.caseVisibility, args);
  }

  @Mutation(() => [SubmitCaseResult], {
    description:
      'Pushes cases against government organs, institutions and village/community bodies (courts, monthly); idempotent on the case number.',
  })
  submitCases(@Ctx() ctx: RecordsContext, @Arg('input', () => [GovernmentCaseInput]) input: GovernmentCaseInput[]) {
    return service(ctx).submit(input);
  }

  @Mutation(() => GovernmentCase, {
    nullable: true,
    description: 'Records the resolution of an OPEN case (→ RESOLVED); it leaves the stock in the month of resolvedOn.',
  })
  async resolveCase(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('how', () => CaseResolution, { description: 'How it was resolved.' }) how: CaseResolution,
    @Arg('note', { description: 'What was done (payment, settlement, document number).' }) note: string,
    @Arg('resolvedOn', () => LocalDateResolver, {
      nullable: true,
      description: 'Date of resolution (default today; not before filing, not after today).',
    })
    resolvedOn?: string | null,
  ) {
    return load(ctx, await service(ctx).resolve(id, how, note, resolvedOn));
  }

  @FieldResolver(() => SubjectStub, { description: 'The government organ or institution.' })
  subject(@Root() c: GovernmentCase): SubjectStub {
    return subjectStub(c.subjectKey);
  }

  @FieldResolver(() => Boolean, { description: 'OPEN and filed more than caseResolutionDays ago (long-pending).' })
  overdue(@Root() c: GovernmentCase, @Ctx() ctx: RecordsContext): boolean {
    return (
      c.state === GovernmentCaseState.OPEN &&
      c.filedOn < addDays(ctx.records.today, -ctx.records.policy.workflows.caseResolutionDays)
    );
  }

  @FieldResolver(() => [CreditRecord], {
    description:
      'The ENFORCEMENT_DEFAULT records of the subject whose document number is this case number (linked whichever arrived first), as far as you may see them; resolving the case PERFORMED, SETTLED or WITHDRAWN retires them.',
  })
  async records(@Root() c: GovernmentCase, @Ctx() ctx: RecordsContext): Promise<CreditRecord[]> {
    const ids = await ctx.workflows.caseRecordIds.load(String(c.id));
    const records = await ctx.records.loaders.recordById.loadMany(ids);
    return records.filter((r): r is CreditRecord => r != null && !(r instanceof Error));
  }

  @FieldResolver(() => [WorkflowEvent], { description: 'Every step of the case, oldest first.' })
  history(@Root() c: GovernmentCase, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.GOVERNMENT_CASE}:${c.id}`);
  }
}
