import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { interceptionLedger } from './ledger';
import { MAX_REPORT_ITEMS, reportInterceptions } from './report.service';
import { InterceptionLedgerRow, InterceptionReportItem, InterceptionReportResult } from './supervision.types';

/** 自动监督 (docs/interception.md): platforms report what they did with each check; the credit office supervises. */
@Resolver()
export class SupervisionResolver {
  @Mutation(() => InterceptionReportResult, {
    description:
      `Reports what the platform did with each bidder it checked (at most ${MAX_REPORT_ITEMS} items): one report per ` +
      'code and check, an identical retry changes nothing; admitting a bidder decided BLOCK raises INTERCEPTION_OVERRIDDEN. ' +
      'All items or none.',
  })
  reportInterceptions(
    @Ctx() ctx: RecordsContext,
    @Arg('projectNo', { description: 'The procurement or tender project number (项目编号).' }) projectNo: string,
    @Arg('items', () => [InterceptionReportItem]) items: InterceptionReportItem[],
    @Arg('lot', () => String, { nullable: true, description: 'The lot (标段/包), if any.' }) lot?: string | null,
  ): Promise<InterceptionReportResult> {
    return reportInterceptions(
      ctx.em,
      ctx.viewer,
      { keys: ctx.services.keys, evaluation: ctx.records.evaluation },
      { projectNo, lot, items },
    );
  }

  @Query(() => [InterceptionLedgerRow], {
    nullable: true,
    description:
      '自动监督台账: per checking platform and month, checks made, BLOCK and WARN decisions, exclusions, admissions despite ' +
      'BLOCK (with reasons) and checks never reported back. The credit office: platforms of its jurisdiction; other systems: their own checks.',
  })
  interceptionLedger(
    @Ctx() ctx: RecordsContext,
    @Arg('regionPrefix', {
      description: 'Division code prefix (2-6 digits) of the platforms, inside your jurisdiction.',
    })
    regionPrefix: string,
    @Arg('fromMonth', { description: 'First month, YYYY-MM.' }) fromMonth: string,
    @Arg('toMonth', { description: 'Last month, YYYY-MM (at most 24 months).' }) toMonth: string,
  ): Promise<InterceptionLedgerRow[]> {
    return interceptionLedger(ctx.em, ctx.viewer, { regionPrefix, fromMonth, toMonth });
  }
}
