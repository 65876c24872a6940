import { rule } from 'graphql-shield';
import { inJurisdiction } from '../../../auth/conditions';
import type { Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import { stepRight } from '../../../auth/step-rights';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { listKeepers, type ListRule, type ListRules } from './list-rules';
import type { Listing } from './listing.entity';

/**
 * Whether the viewer's role keeps a list under its rule (config/list-rules.json): one of its
 * authorities (认定单位), or the credit office where the rule lets it. The one condition behind
 * both the shield rule and the step right below.
 */
export function keepsListAsRole(viewer: Principal, listRule: ListRule): boolean {
  return listKeepers(listRule).includes(viewer.role);
}

/** Whether the viewer keeps any list at all (the mutations' shield rule). */
export function keepsAnyList(viewer: Principal, rules: ListRules): boolean {
  return Object.values(rules.lists).some((listRule) => keepsListAsRole(viewer, listRule));
}

/**
 * listSubject, delistSubject, decideListingObjection: the authorities of some list (list-rules.json, as
 * HubServices.listRules holds it).
 */
export const canManageLists = rule('canManageLists', { cache: 'contextual' })((_parent, _args, ctx: RecordsContext) =>
  keepsAnyList(ctx.viewer, ctx.services.listRules),
);

/**
 * listSubject, delistSubject, decideListingObjection: the list's authority (or the credit office where the rule
 * says so), for a subject of its jurisdiction.
 * @stepRight
 */
export const keepsList = stepRight<{ rule: ListRule; region: string }>(
  'LIST_AUTHORITY_OF_JURISDICTION',
  bilingual(
    '只有该名单的认定单位可在其辖区内列入或移出',
    'only the list’s authority lists and delists, in its jurisdiction',
  ),
  (viewer, listing) => keepsListAsRole(viewer, listing.rule) && inJurisdiction(viewer, listing.region),
);

/**
 * The notice of a listing and the objection to it (Listing.objection*, Subject.listingNotices): the listed
 * subject itself, and whoever keeps the list in the subject's jurisdiction.
 */
export function mayReadListingNotice(
  viewer: Principal,
  selfKey: string | undefined,
  listing: { subjectKey: string; subjectRegion: string; rule: ListRule },
): boolean {
  return (
    (!!selfKey && selfKey === listing.subjectKey) ||
    keepsList.holds(viewer, { rule: listing.rule, region: listing.subjectRegion })
  );
}

/** Listing.objectionReason, objectionDecision: the listed subject and the list's keepers of its jurisdiction. */
export const canReadListingNotice = rule('canReadListingNotice', { cache: 'strict' })(
  (listing: Listing, _args, ctx: RecordsContext) =>
    mayReadListingNotice(ctx.viewer, ctx.records.selfKey, {
      ...listing,
      rule: ctx.services.listRules.lists[listing.listType],
    }),
);

/** Subject.listingNotices: subjects (their own rows) and list keepers (their lists'); rows by mayReadListingNotice. */
export const canReadListingNotices = rule('canReadListingNotices', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) =>
    ctx.viewer.role === Role.SUBJECT || keepsAnyList(ctx.viewer, ctx.services.listRules),
);
