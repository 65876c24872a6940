import { rule } from 'graphql-shield';
import { CONDITIONS, holds, isGovernment, mayApply } from '../../../auth/conditions';
import { ForbiddenError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';

/**
 * creditReport: conditions.issuesCreditReport (government systems on any subject, a subject on itself). The subject a
 * SUBJECT token asks about is its own when one of the code's look-up keys is its own (an invalid code has none: it is
 * refused here, not told apart).
 */
export const canIssueCreditReports = rule('canIssueCreditReports', { cache: 'strict' })((
  _parent,
  args: { code: string },
  ctx: RecordsContext,
) => {
  if (!mayApply(CONDITIONS.issuesCreditReport, ctx.viewer)) return false;
  if (isGovernment(ctx.viewer)) return true;
  const keys = ctx.services.keys.identify(args.code).keys;
  return (
    keys.some((key) => holds(CONDITIONS.issuesCreditReport, ctx.viewer, ctx.records.selfKey, { key })) ||
    new ForbiddenError(bilingual('只能为本主体出具信用报告', 'a subject may have only its own credit report issued'))
  );
});

/** issuedCreditReport: registered client systems; the finder returns only the reports the caller issued. */
export const canReadIssuedReports = rule('canReadIssuedReports', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.authenticated,
);
