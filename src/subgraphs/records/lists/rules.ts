import { rule } from 'graphql-shield';
import { inJurisdiction } from '../../../auth/conditions';
import { Role } from '../../../auth/roles';
import { stepRight } from '../../../auth/step-rights';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { ListType } from '../enums';

/** The list authority (认定单位) of each list type: the one role that lists and delists on it. */
export const LIST_AUTHORITY: Record<ListType, Role> = {
  [ListType.SERIOUS_DISHONESTY]: Role.CREDIT_OFFICE,
  [ListType.TENDER_BLACKLIST]: Role.TENDERING,
  [ListType.ENFORCEMENT_DEFAULTER]: Role.COURT,
  [ListType.PROCUREMENT_BAN]: Role.PROCUREMENT,
};

/** listSubject / delistSubject: the list authorities (credit office, tender platform). */
export const canManageLists = rule('canManageLists', { cache: 'contextual' })((_parent, _args, ctx: RecordsContext) =>
  Object.values(LIST_AUTHORITY).includes(ctx.viewer.role),
);

/**
 * listSubject, delistSubject: the list's authority (LIST_AUTHORITY), for a subject of its jurisdiction.
 * @stepRight
 */
export const keepsList = stepRight<{ listType: ListType; region: string }>(
  'LIST_AUTHORITY_OF_JURISDICTION',
  bilingual(
    '只有该名单的认定单位可在其辖区内列入或移出',
    'only the list’s authority lists and delists, in its jurisdiction',
  ),
  (viewer, listing) => LIST_AUTHORITY[listing.listType] === viewer.role && inJurisdiction(viewer, listing.region),
);
