import { Arg, Ctx, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../../common/connection';
import { isIsoDate } from '../../../common/dates';
import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { CreditRecord } from './credit-record.entity';
import { SubmitRecordResult, SubmitRecordsPayload } from './submit-result.type';
import { SubmitOutcome } from '../../../common/submission';
import { RecordFilterInput, RecordInput } from './record.input';
import { RecordSubmission } from './record.service';
import { MAX_RECORD_BATCH } from './record.validation';
import { SubjectStub, subjectStub } from '../subject.stub';

const { ConnectionType } = Connection(CreditRecord, 'CreditRecord');
@ObjectType('CreditRecordConnection', { description: 'A page of credit records, newest first.' })
export class CreditRecordConnection extends ConnectionType {}

export function checkRecordFilter(filter: RecordFilterInput | undefined | null): RecordFilterInput {
  for (const field of ['decidedFrom', 'decidedTo'] as const) {
    const value = filter?.[field];
    if (value && !isIsoDate(value))
      throw new InputError(bilingual(`${field} 须为日期`, `${field} must be a date`), { field: `filter.${field}` });
  }
  return filter ?? {};
}

@Resolver(() => CreditRecord)
export class RecordResolver {
  @Query(() => CreditRecordConnection, { description: 'Records visible to the caller, newest first.' })
  async records(
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => RecordFilterInput, { nullable: true }) filter?: RecordFilterInput,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CreditRecordConnection> {
    const criteria = checkRecordFilter(filter);
    const { nodes, hasNextPage } = await ctx.records.repository.page(criteria, pageSize(first), decodeCursor(after));
    return toConnection(CreditRecordConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.records.repository.count(criteria),
      cursorOf: (node) => encodeCursor(node.id),
    });
  }

  @Mutation(() => SubmitRecordsPayload, {
    description: `Pushes findings, all or nothing, at most ${MAX_RECORD_BATCH} per call; idempotent on (your system, externalId).`,
  })
  submitRecords(
    @Ctx() ctx: RecordsContext,
    @Arg('input', () => [RecordInput]) input: RecordInput[],
  ): Promise<SubmitRecordsPayload> {
    return submitRecords(ctx, input);
  }

  @FieldResolver(() => SubjectStub, { description: 'The subject the finding is about.' })
  subject(@Root() record: CreditRecord): SubjectStub {
    return subjectStub(record.subjectKey);
  }

  @FieldResolver(() => [SubjectStub], { nullable: true, description: 'Civil servants named responsible (restricted).' })
  async responsiblePersons(@Root() record: CreditRecord, @Ctx() ctx: RecordsContext): Promise<SubjectStub[]> {
    return (await ctx.records.loaders.responsibleKeys.load(record.id)).map((key) => subjectStub(key));
  }
}

@Resolver(() => SubmitRecordResult)
export class SubmitRecordResultResolver {
  @FieldResolver(() => CreditRecord, {
    nullable: true,
    description: 'The record as stored now (null if not visible to you).',
  })
  record(@Root() result: SubmitRecordResult, @Ctx() ctx: RecordsContext): Promise<CreditRecord | null> {
    return ctx.records.loaders.recordById.load(result.recordId);
  }
}

/**
 * submitRecords, as the records subgraph resolves it (index.ts plainResolvers): the input as graphql-js coerced it,
 * plain objects with the fields of RecordInput, not copied into class instances first.
 */
export async function submitRecords(ctx: RecordsContext, input: RecordInput[]): Promise<SubmitRecordsPayload> {
  const { em, records } = ctx;
  const results = await new RecordSubmission(
    em,
    records.directory,
    records.policy,
    records.today,
    records.evaluation,
  ).submit(ctx.viewer, input);
  const count = (outcome: SubmitOutcome) => results.filter((r) => r.outcome === outcome).length;
  return Object.assign(new SubmitRecordsPayload(), {
    results: results.map((r) => Object.assign(new SubmitRecordResult(), r)),
    created: count(SubmitOutcome.CREATED),
    updated: count(SubmitOutcome.UPDATED),
    unchanged: count(SubmitOutcome.UNCHANGED),
  });
}
