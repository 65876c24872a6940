import { rule } from 'graphql-shield';
import type { RecordsContext } from '../context';

/**
 * Webhooks belong to an identified client system (its registered client id): every authenticated role may
 * register, list, read the delivery log of and delete its own; the credit office also reads
 * those in its jurisdiction (rows narrowed in context.ts). Which subjects it may watch is
 * decided by watch-scope.ts, what each delivery tells by recordVisibility.
 */
export const canUseWebhooks = rule('canUseWebhooks', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.authenticated,
);
