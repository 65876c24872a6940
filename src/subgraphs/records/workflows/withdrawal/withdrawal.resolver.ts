import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RecordsContext } from '../../context';
import { MAX_WITHDRAW_BATCH, withdrawRecords } from './withdrawal';

@ObjectType('WithdrawRecordResult', { description: 'What withdrawRecords did with one external id.' })
export class WithdrawRecordResult {
  @Field(() => Int, { description: 'Position in externalIds.' }) index!: number;
  @Field({ description: 'Your system’s id for the record.' }) externalId!: string;
  @Field(() => ID, { description: 'Id of the record in the hub.' }) recordId!: string;
  @Field({ description: 'True if this call withdrew it; false if it was WITHDRAWN already (a retry).' })
  withdrawn!: boolean;
}

@Resolver()
export class WithdrawalResolver {
  @Mutation(() => [WithdrawRecordResult], {
    description: `The system that pushed records withdraws them (撤回: status WITHDRAWN), all or nothing, at most ${MAX_WITHDRAW_BATCH} per call: their listings end, their joint measures are lifted, their warnings close, and watchers are told (RECORD_WITHDRAWN). An id your system did not push is refused at its index.`,
  })
  withdrawRecords(
    @Ctx() ctx: RecordsContext,
    @Arg('externalIds', () => [String], { description: 'Your system’s ids of the records (as pushed).' })
    externalIds: string[],
    @Arg('reason', { description: 'Why they are withdrawn (e.g. 执行依据被撤销).' }) reason: string,
  ): Promise<WithdrawRecordResult[]> {
    const deps = { directory: ctx.records.directory, today: ctx.records.today };
    return withdrawRecords(ctx.em, ctx.viewer, deps, { externalIds, reason });
  }
}
