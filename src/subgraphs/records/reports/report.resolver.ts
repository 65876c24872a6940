import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RecordsContext } from '../context';
import { redeemDownload, reportFinder } from './report.repository';
import { creditReportOf, issueCreditReport, normalisedNumber } from './report.service';
import { sha256Hex } from './signing';
import { CreditReport, CreditReportVerification, ReportPurpose } from './report.types';
import { verifyCreditReport } from './verification';

/** Credit reports (信用报告): issued signed, read back by their issuer, verified by anyone (docs/credit-report.md). */
@Resolver()
export class CreditReportResolver {
  @Mutation(() => CreditReport, {
    description:
      'Issues a signed, numbered credit report on the subject with this code: its level and reasons, records in force, listings, commitments and rankings as you may read them, stored. ' +
      'Invalid code: BAD_USER_INPUT; unregistered or not told to you: NOT_FOUND.',
  })
  creditReport(
    @Ctx() ctx: RecordsContext,
    @Arg('code', { description: 'USCC or resident ID number of the subject.' }) code: string,
    @Arg('purpose', () => ReportPurpose, { description: 'What the report is for.' }) purpose: ReportPurpose,
  ): Promise<CreditReport> {
    return issueCreditReport(ctx, code, purpose);
  }

  @Mutation(() => CreditReport, {
    nullable: true,
    description:
      'The report of a one-time download token (creditReport’s downloadToken), for the holder of the link whoever it is; the token is then used up. Null for a used, expired or wrong token.',
  })
  async redeemCreditReportDownload(
    @Ctx() ctx: RecordsContext,
    @Arg('number', { description: 'Report number, XYBG-YYYYMMDD-NNNNNN.' }) number: string,
    @Arg('token', { description: 'The one-time download token.' }) token: string,
  ): Promise<CreditReport | null> {
    const row = await redeemDownload(ctx.em, normalisedNumber(number), sha256Hex(token));
    return row ? creditReportOf(row) : null;
  }

  @Query(() => CreditReport, {
    nullable: true,
    description: 'A report you issued, by number (to download it again); null for any other number.',
  })
  async issuedCreditReport(
    @Ctx() ctx: RecordsContext,
    @Arg('number', { description: 'Report number, XYBG-YYYYMMDD-NNNNNN.' }) number: string,
  ): Promise<CreditReport | null> {
    const finder = reportFinder(ctx.em, ctx.viewer);
    const [row] = await finder.query({ sql: 't.number = ?', params: [normalisedNumber(number)] });
    return row ? creditReportOf(row) : null;
  }

  @Query(() => CreditReportVerification, {
    description:
      'Whether a presented credit report is authentic, when it was issued and whether its facts changed since; anyone may ask. Tells nothing else.',
  })
  verifyCreditReport(
    @Ctx() ctx: RecordsContext,
    @Arg('number', { description: 'Report number printed on the report.' }) number: string,
    @Arg('digest', { description: 'The report’s digest (64 hex digits) or its printed verification code (16).' })
    digest: string,
  ): Promise<CreditReportVerification> {
    return verifyCreditReport(ctx, number, digest);
  }
}
