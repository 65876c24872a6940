import type { Capability } from '../capability';
import { BlacklistResolver } from './blacklist.resolver';
import { Listing, ListingRecord } from './listing.entity';
import { ListingMutations, ListingResolver, SubjectListingsResolver } from './listing.resolver';
import { ListingNoticeFields, ListingNoticeMutations, SubjectListingNoticesResolver } from './listing-notice.resolver';

/** Lists (名单): listing and delisting, notice and objection, Subject.listings, and the blacklist check. */
export const lists: Capability = {
  name: 'lists',
  entities: [Listing, ListingRecord],
  resolvers: [
    ListingMutations,
    ListingResolver,
    SubjectListingsResolver,
    BlacklistResolver,
    ListingNoticeMutations,
    ListingNoticeFields,
    SubjectListingNoticesResolver,
  ],
};
