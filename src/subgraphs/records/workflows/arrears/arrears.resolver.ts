import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RecordsContext } from '../../context';
import { CreditRecord } from '../../findings/credit-record.entity';
import { arrearsLedger } from './arrears.ledger';
import { ArrearsLedgerRow, RecordRepaymentPayload } from './arrears.types';
import { recordRepayment } from './repayment.service';

/** 清欠 (docs/arrears.md): repayments on ARREARS records and the arrears ledger. */
@Resolver(() => RecordRepaymentPayload)
export class ArrearsResolver {
  @Query(() => [ArrearsLedgerRow], {
    nullable: true,
    description:
      '清欠台账: per division under the prefix and creditor class, owed, repaid and outstanding at the end of the period and the flows within it. Debt management and the credit office, within their jurisdiction.',
  })
  arrearsLedger(
    @Ctx() ctx: RecordsContext,
    @Arg('regionPrefix', { description: 'Division code prefix (2-6 digits), inside your jurisdiction.' })
    regionPrefix: string,
    @Arg('period', { description: 'A calendar year (YYYY) or month (YYYY-MM).' }) period: string,
  ): Promise<ArrearsLedgerRow[]> {
    return arrearsLedger(ctx.em, ctx.viewer, { regionPrefix, period });
  }

  @Mutation(() => RecordRepaymentPayload, {
    description:
      'Records a repayment of arrears (清欠) by the pushing system, debt management or the credit office of the jurisdiction; idempotent on (record, reference). Repaid in full, the record is SETTLED and its listings end.',
  })
  recordRepayment(
    @Ctx() ctx: RecordsContext,
    @Arg('recordId', () => ID, { description: 'Id of the ARREARS credit record.' }) recordId: string,
    @Arg('amount', { description: 'Amount repaid in yuan, decimal string; at most the outstanding amount.' })
    amount: string,
    @Arg('paidOn', () => LocalDateResolver, { description: 'Date of payment (not after today).' }) paidOn: string,
    @Arg('reference', { description: 'Your reference for the payment (voucher number): the idempotency key.' })
    reference: string,
  ): Promise<RecordRepaymentPayload> {
    const deps = { directory: ctx.records.directory, today: ctx.records.today };
    return recordRepayment(ctx.em, ctx.viewer, deps, { recordId, amount, paidOn, reference });
  }

  @FieldResolver(() => CreditRecord, { nullable: true, description: 'The record as you may see it now.' })
  record(@Root() payload: RecordRepaymentPayload, @Ctx() ctx: RecordsContext): Promise<CreditRecord | null> {
    return ctx.records.loaders.recordById.load(payload.recordId);
  }
}
