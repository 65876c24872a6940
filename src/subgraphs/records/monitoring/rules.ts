import { rule } from 'graphql-shield';
import { creditOfficeOf, inJurisdiction } from '../../../auth/conditions';
import { Role } from '../../../auth/roles';
import { stepRight } from '../../../auth/step-rights';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { WarningKind } from './warning.entity';

/** Roles that read evaluations and unpublished rankings, in their jurisdiction. */
export const EVALUATORS: ReadonlySet<Role> = new Set([Role.CREDIT_OFFICE, Role.ORG_DEPT, Role.DISCIPLINE]);

/**
 * Named abilities of monitoring (yes/no per role). Jurisdiction — which subjects, prefixes
 * and warnings — is checked by EvaluationService and the warning finder.
 */

/** evaluation: the credit office, organization and discipline departments (their jurisdiction). */
export const canReadEvaluations = rule('canReadEvaluations', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => EVALUATORS.has(ctx.viewer.role),
);

/** publishRanking: the credit office publishes the quarterly ranking of its jurisdiction. */
export const canPublishRankings = rule('canPublishRankings', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/**
 * warnings, acknowledgeWarning, closeWarning: the credit office (every kind) and the debt system (DEBT_RISK), each in
 * its jurisdiction.
 */
export const canHandleWarnings = rule('canHandleWarnings', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE || ctx.viewer.role === Role.DEBT,
);

/**
 * evaluation, and a ranking not yet published: EVALUATORS, for a subject or prefix of their jurisdiction.
 * @stepRight
 */
export const readsEvaluations = stepRight<{ region: string }>(
  'EVALUATOR_OF_JURISDICTION',
  bilingual(
    '评价和未公布的排名只供辖区信用办、组织部门和纪检部门查看',
    'evaluations and unpublished rankings are read by the credit office, organization and discipline departments of the jurisdiction',
  ),
  (viewer, { region }) => EVALUATORS.has(viewer.role) && inJurisdiction(viewer, region),
);

/**
 * publishRanking: the credit office, for a prefix of its jurisdiction.
 * @stepRight
 */
export const publishesRankings = stepRight<{ region: string }>(
  'CREDIT_OFFICE_OF_JURISDICTION',
  bilingual('只有辖区信用办发布本辖区的排名', 'only the credit office of the jurisdiction publishes its rankings'),
  (viewer, { region }) => creditOfficeOf(viewer, region),
);

/**
 * acknowledgeWarning, closeWarning, on the locked warning: the credit office of its jurisdiction, or the debt
 * system of its jurisdiction for a DEBT_RISK warning (after the resolver found it through warningVisibility).
 * @stepRight
 */
export const handlesWarning = stepRight<{ kind: WarningKind; subject_region: string }>(
  'WARNING_HANDLER_OF_JURISDICTION',
  bilingual('不是本辖区由您处理的预警', 'not a warning of your jurisdiction'),
  (viewer, row) =>
    creditOfficeOf(viewer, row.subject_region) ||
    (viewer.role === Role.DEBT && row.kind === WarningKind.DEBT_RISK && inJurisdiction(viewer, row.subject_region)),
);
