import { rule } from 'graphql-shield';
import { Role } from '../../../auth/roles';
import type { RecordsContext } from '../context';
import { EVALUATORS } from './evaluation.service';

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
 * warnings, acknowledgeWarning, closeWarning: the credit office (every kind) and the debt system (DEBT_RISK),
 * each in its jurisdiction.
 */
export const canHandleWarnings = rule('canHandleWarnings', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE || ctx.viewer.role === Role.DEBT,
);
