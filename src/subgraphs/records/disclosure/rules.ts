import { rule } from 'graphql-shield';
import type { RecordsContext } from '../context';
import { RecordCategory } from '../enums';
import { mayPushCategory } from '../findings/push-scope';

/**
 * importPenalties (双公示): the systems whose push scope includes administrative penalties;
 * which domain each row may be in is checked per row against the same scope.
 */
export const canImportPenalties = rule('canImportPenalties', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => mayPushCategory(ctx.viewer.role, RecordCategory.ADMINISTRATIVE_PENALTY),
);
