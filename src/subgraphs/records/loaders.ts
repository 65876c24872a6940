import DataLoader from 'dataloader';
import { byKey, groupBy, loaderFamily } from '../../common/loaders';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CreditPolicy } from './policy/credit-policy';
import { scoreSubject, type CreditScore, type ScoredRecord } from './policy/scoring';
import type { CreditRecord } from './credit-record.entity';
import type { Listing } from './listing.entity';
import type { ListingRepository } from './listing.repository';
import { candidateRecordsForScoring, type RecordFilter, type RecordRepository } from './record.repository';

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
  score: DataLoader<string, { score: CreditScore; listings: Listing[] }>;
  recordPages(filter: RecordFilter, first: number, beforeId?: string): DataLoader<string, CreditRecord[]>;
  recordCounts(filter: RecordFilter): DataLoader<string, number>;
  namingPerson: DataLoader<string, CreditRecord[]>;
}

export function createRecordLoaders(deps: {
  em: EntityManager;
  records: RecordRepository;
  listings: ListingRepository;
  policy: CreditPolicy;
  today: string;
}): RecordLoaders {
  const { records, listings } = deps;
  const recordById = new DataLoader<string, CreditRecord | null>(async (ids) => byKey(ids, await records.byIds(ids), (r) => r.id));
  const listingById = new DataLoader<string, Listing | null>(async (ids) => byKey(ids, await listings.byIds(ids), (l) => l.id));
  const responsibleKeys = new DataLoader<string, string[]>(async (ids) =>
    groupBy(ids, await records.responsibleKeys(ids), (row) => row.record_id).map((rows) => rows.map((row) => row.person_key)),
  );
  const reasonRecordIds = new DataLoader<string, string[]>(async (ids) =>
    groupBy(ids, await listings.reasonRecordIds(ids), (row) => row.listing_id).map((rows) => rows.map((row) => row.record_id)),
  );
  const activeListings = new DataLoader<string, Listing[]>(async (keys) =>
    groupBy(keys, await listings.bySubjectKeys(keys, { activeOnly: true }), (l) => l.subjectKey),
  );
  const allListings = new DataLoader<string, Listing[]>(async (keys) =>
    groupBy(keys, await listings.bySubjectKeys(keys, { activeOnly: false }), (l) => l.subjectKey),
  );
  const score = new DataLoader<string, { score: CreditScore; listings: Listing[] }>(async (keys) => {
    const [candidates, active] = await Promise.all([
      candidateRecordsForScoring(deps.em, keys, deps.today),
      activeListings.loadMany(keys),
    ]);
    const bySubject = groupBy(keys, candidates, (row) => row.subject_key);
    return keys.map((_key, i) => {
      const subjectListings = active[i] as Listing[];
      const scored: ScoredRecord[] = bySubject[i].map((row) => ({
        id: row.id,
        nature: row.nature as ScoredRecord['nature'],
        category: row.category as ScoredRecord['category'],
        severity: row.severity as ScoredRecord['severity'],
        status: row.status as ScoredRecord['status'],
        tolerated: row.tolerated,
        decidedAt: row.decided_at,
        publicUntil: row.public_until,
      }));
      return { score: scoreSubject(scored, subjectListings, deps.today, deps.policy), listings: subjectListings };
    });
  });
  const recordPages = loaderFamily(async ([filter, first, beforeId]: [RecordFilter, number, string | undefined], keys) =>
    groupBy(keys, await records.pagesBySubject(keys, filter, first, beforeId), (r) => r.subjectKey),
  );
  const recordCounts = loaderFamily(async (filter: RecordFilter, keys) => {
    const counts = new Map((await records.countsBySubject(keys, filter)).map((row) => [row.subject_key, row.n]));
    return keys.map((key) => counts.get(key) ?? 0);
  });
  return {
    recordById,
    listingById,
    responsibleKeys,
    reasonRecordIds,
    activeListings,
    allListings,
    score,
    recordPages: (filter, first, beforeId) => recordPages([filter, first, beforeId]),
    recordCounts,
    namingPerson: new DataLoader(async (keys) =>
      groupBy(keys, await records.namingPersons(keys), (row) => row.personKey).map((rows) => rows.map((row) => row.record)),
    ),
  };
}
