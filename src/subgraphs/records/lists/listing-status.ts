import { registerEnumType } from 'type-graphql';
import { today } from '../../../common/dates';

/** Where a listing stands today (computed on read from its dates, its objection and its delisting). */
export enum ListingStatus {
  /** 告知: the subject has been told and may object until noticeEndsOn; not in effect yet. */
  NOTICED = 'NOTICED',
  /** The subject objected within the window; not in effect until the authority decides. */
  OBJECTED = 'OBJECTED',
  /** The authority found the objection well-founded: the listing never took effect. */
  WITHDRAWN = 'WITHDRAWN',
  /** Decided, starting on a later startsOn. */
  SCHEDULED = 'SCHEDULED',
  IN_EFFECT = 'IN_EFFECT',
  /** Past its endsOn (removal condition: time). */
  EXPIRED = 'EXPIRED',
  /** Taken off the list early (delistSubject, repair, revocation, settlement). */
  DELISTED = 'DELISTED',
}

/** The authority's decision on a subject's objection to a listing in notice. */
export enum ListingObjectionOutcome {
  /** The objection is dismissed: the listing takes effect on the day of the decision. */
  UPHOLD_LISTING = 'UPHOLD_LISTING',
  /** The objection is well-founded: the listing is withdrawn before it took effect. */
  WITHDRAW_LISTING = 'WITHDRAW_LISTING',
}

registerEnumType(ListingStatus, {
  name: 'ListingStatus',
  description:
    'Where a listing stands today: in notice (告知), objected, withdrawn, scheduled, in effect, expired, delisted.',
});
registerEnumType(ListingObjectionOutcome, {
  name: 'ListingObjectionOutcome',
  description: 'The list authority’s decision on an objection to a listing in notice.',
});

/** The facts the status is read from (a row of records.listing, dates as YYYY-MM-DD). */
export interface ListingStatusFacts {
  delistedAt?: Date | null;
  objectionOutcome?: ListingObjectionOutcome | null;
  objectedAt?: Date | null;
  objectionDecidedAt?: Date | null;
  noticeEndsOn?: string | null;
  startsOn: string;
  endsOn?: string | null;
}

/** The one reading of a listing's state; ACTIVE_LISTING_SQL (listing.repository.ts) is its IN_EFFECT. */
export function listingStatus(l: ListingStatusFacts, today: string): ListingStatus {
  if (l.objectionOutcome === ListingObjectionOutcome.WITHDRAW_LISTING) return ListingStatus.WITHDRAWN;
  if (l.delistedAt) return ListingStatus.DELISTED;
  if (l.objectedAt && !l.objectionDecidedAt) return ListingStatus.OBJECTED;
  if (l.endsOn && l.endsOn < today) return ListingStatus.EXPIRED;
  if (l.startsOn <= today) return ListingStatus.IN_EFFECT;
  if (l.noticeEndsOn && !l.objectionDecidedAt && today <= l.noticeEndsOn) return ListingStatus.NOTICED;
  return ListingStatus.SCHEDULED;
}

/**
 * Whether a listing never took effect: in notice, objected, withdrawn, or delisted before its first day. Such a listing
 * is not published on Subject.listings; the subject and the keepers read it in Subject.listingNotices.
 */
export function isUnpublishedNotice(l: ListingStatusFacts & { status: ListingStatus }): boolean {
  if ([ListingStatus.NOTICED, ListingStatus.OBJECTED, ListingStatus.WITHDRAWN].includes(l.status)) return true;
  return !!l.noticeEndsOn && !!l.delistedAt && today(l.delistedAt) < l.startsOn;
}
