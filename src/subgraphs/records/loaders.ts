import DataLoader from 'dataloader';
import { byKey, groupBy, loaderFamily } from '../../common/loaders';
import type { DirectoryEntry, SubjectDirectory } from '../../common/subject-directory';
import type { CreditRecord } from './findings/credit-record.entity';
import type { SanctionRow } from './findings/sanctions';
import type { Arrears } from './findings/arrears';
import type { Listing } from './lists/listing.entity';
import type { ListingRepository } from './lists/listing.repository';
import { isUnpublishedNotice } from './lists/listing-status';
import type { RecordFilter, RecordRepository, RecordsOf } from './findings/record.repository';
import type { ScoringCandidate } from './findings/scoring-candidates';

export interface StatusRows {
  candidates: ScoringCandidate[];
  listings: Listing[];
}

/**
 * Per-request DataLoaders of the records subgraph. Status, records and listings of many
 * subjects (a page of subjects, a blacklist batch) cost one statement each.
 */
export interface RecordLoaders {
  recordById: DataLoader<string, CreditRecord | null>;
  listingById: DataLoader<string, Listing | null>;
  responsibleKeys: DataLoader<string, string[]>;
  reasonRecordIds: DataLoader<string, string[]>;
  activeListings: DataLoader<string, Listing[]>;
  allListings: DataLoader<string, Listing[]>;
  /** Listings of a subject that had a notice (告知) window, whatever they became (Subject.listingNotices). */
  listingNotices: DataLoader<string, Listing[]>;
  /** What a credit status is computed from: the subject's counting candidates and its listings in force. */
  scoring: DataLoader<string, StatusRows>;
  /**
   * Registry facts of civil servants (kind, division, managing department) for the conditions; keys of persons only.
   */
  persons: DataLoader<string, DirectoryEntry | null>;
  /** A page of records per subject key: about the subject, or naming the person responsible (`of`). */
  recordPages(
    filter: RecordFilter,
    first: number,
    beforeId?: string,
    of?: RecordsOf,
  ): DataLoader<string, CreditRecord[]>;
  recordCounts(filter: RecordFilter, of?: RecordsOf): DataLoader<string, number>;
  namingPerson: DataLoader<string, CreditRecord[]>;
  /** Sanctions with a kind naming each person (findings/sanctions.ts; released by the resolver's rule). */
  sanctionsNaming: DataLoader<string, SanctionRow[]>;
  /** The money of ARREARS records by record id (findings/arrears.ts; released by canReadArrears). */
  arrearsByRecord: DataLoader<string, Arrears | null>;
}

export function createRecordLoaders(deps: {
  records: RecordRepository;
  listings: ListingRepository;
  directory: SubjectDirectory;
  /** The listings in force and the counting candidates of `keys`, in one statement (lists/check-facts.ts). */
  statusFacts: (keys: readonly string[]) => Promise<{ candidates: ScoringCandidate[]; listings: Listing[] }>;
}): RecordLoaders {
  const { records, listings } = deps;
  const recordById = new DataLoader<string, CreditRecord | null>(async (ids) =>
    byKey(ids, await records.byIds(ids), (r) => r.id),
  );
  const responsibleKeys = new DataLoader<string, string[]>(async (ids) =>
    groupBy(ids, await records.responsibleKeys(ids), (row) => row.record_id).map((rows) =>
      rows.map((row) => row.person_key),
    ),
  );
  const { listingById, reasonRecordIds, activeListings, allListings, listingNotices } = listingLoaders(listings);
  // One statement for both halves (a creditStatus is 2 statements, not 3); the listings also answer activeListings.
  const scoring = new DataLoader<string, StatusRows>(async (keys) => {
    const facts = await deps.statusFacts(keys);
    const candidates = groupBy(keys, facts.candidates, (row) => row.subject_key);
    const inForce = groupBy(keys, facts.listings, (listing) => listing.subjectKey);
    keys.forEach((key, i) => activeListings.prime(key, inForce[i]));
    return keys.map((_key, i) => ({ candidates: candidates[i], listings: inForce[i] }));
  });
  const persons = new DataLoader<string, DirectoryEntry | null>(async (keys) =>
    byKey(keys, await deps.directory.lookup([...keys]), (entry) => entry.key),
  );
  const recordPages = loaderFamily(
    async ([filter, first, beforeId, of]: [RecordFilter, number, string | undefined, RecordsOf], keys) =>
      groupBy(keys, await records.pagesBySubject(keys, filter, first, beforeId, of), (r) => r.ownerKey).map((rows) =>
        rows.map((row) => row.record),
      ),
  );
  const recordCounts = loaderFamily(async ([filter, of]: [RecordFilter, RecordsOf], keys) => {
    const counts = new Map((await records.countsBySubject(keys, filter, of)).map((row) => [row.owner_key, row.n]));
    return keys.map((key) => counts.get(key) ?? 0);
  });
  return {
    recordById,
    listingById,
    responsibleKeys,
    reasonRecordIds,
    activeListings,
    allListings,
    listingNotices,
    scoring,
    persons,
    recordPages: (filter, first, beforeId, of = 'ABOUT') => recordPages([filter, first, beforeId, of]),
    recordCounts: (filter, of = 'ABOUT') => recordCounts([filter, of]),
    namingPerson: new DataLoader(async (keys) =>
      groupBy(keys, await records.namingPersons(keys), (row) => row.personKey).map((rows) =>
        rows.map((row) => row.record),
      ),
    ),
    sanctionsNaming: new DataLoader(async (keys) =>
      groupBy(keys, await records.sanctionsNaming(keys), (row) => row.person_key),
    ),
    arrearsByRecord: new DataLoader(async (ids) => byKey(ids, await records.arrearsOf(ids), (a) => a.recordId)),
  };
}

/** The loaders of listings: by id, their reason records, the listings of subjects. */
function listingLoaders(listings: ListingRepository) {
  const listingById = new DataLoader<string, Listing | null>(async (ids) =>
    byKey(ids, await listings.byIds(ids), (l) => l.id),
  );
  const reasonRecordIds = new DataLoader<string, string[]>(async (ids) =>
    groupBy(ids, await listings.reasonRecordIds(ids), (row) => row.listing_id).map((rows) =>
      rows.map((row) => row.record_id),
    ),
  );
  const activeListings = new DataLoader<string, Listing[]>(async (keys) =>
    groupBy(keys, await listings.bySubjectKeys(keys, { activeOnly: true }), (l) => l.subjectKey),
  );
  // A listing in notice that never took effect is not published: the subject and the keepers see it as a notice.
  const allListings = new DataLoader<string, Listing[]>(async (keys) =>
    groupBy(
      keys,
      (await listings.bySubjectKeys(keys, { activeOnly: false })).filter((l) => !isUnpublishedNotice(l)),
      (l) => l.subjectKey,
    ),
  );
  const listingNotices = new DataLoader<string, Listing[]>(async (keys) =>
    groupBy(keys, await listings.bySubjectKeys(keys, { activeOnly: false, noticedOnly: true }), (l) => l.subjectKey),
  );
  return { listingById, reasonRecordIds, activeListings, allListings, listingNotices };
}
