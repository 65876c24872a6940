import { rule } from 'graphql-shield';
import type { RecordsContext } from '../context';
import { LIST_AUTHORITY } from './listing.service';

/** listSubject / delistSubject: the list authorities (credit office, tender platform). */
export const canManageLists = rule('canManageLists', { cache: 'contextual' })((_parent, _args, ctx: RecordsContext) =>
  Object.values(LIST_AUTHORITY).includes(ctx.viewer.role),
);
