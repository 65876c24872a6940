import { rule } from 'graphql-shield';
import { CONDITIONS, conditionSql, mayApply } from '../../../auth/conditions';
import type { Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import { stepRight } from '../../../auth/step-rights';
import { bilingual } from '../../../common/language';
import type { SqlFragment } from '../../../db/sql';
import type { RecordsContext } from '../context';

/** reportInterceptions: any registered system (a check is reported by the one that made it: reportsOwnCheck). */
export const canReportInterceptions = rule('canReportInterceptions', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.authenticated,
);

/** interceptionLedger: the credit office (platforms of its jurisdiction) and registered systems (their own checks). */
export const canReadInterceptionLedger = rule('canReadInterceptionLedger', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.authenticated && ctx.viewer.role !== Role.SUBJECT,
);

/**
 * reportInterceptions, on the locked check rows: only the platform that made the check reports what it did.
 * @stepRight
 */
export const reportsOwnCheck = stepRight<{ platform: string }>(
  'OWN_CHECK',
  bilingual('只能报告本系统所做的核查', 'only the platform that made a check reports on it'),
  (viewer, check) => check.platform === viewer.clientId,
);

/**
 * @rowRule interceptionLedger: the credit office reads the checks of the platforms of its jurisdiction (the
 * platform's token region), every other system its own.
 */
export function supervisedChecks(viewer: Principal, alias: string): SqlFragment {
  if (mayApply(CONDITIONS.creditOfficeOf, viewer))
    return conditionSql(CONDITIONS.creditOfficeOf, viewer, undefined, { region: `${alias}.platform_region` });
  return { sql: `${alias}.platform = ?`, params: [viewer.clientId] };
}
