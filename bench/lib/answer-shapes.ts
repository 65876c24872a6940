/**
 * The parts of the three servers' JSON answers that the comparison reads (bench/lib/workload.ts
 * has the documents). Raw answers in the hub's shape; the peer answers PostGraphile's rows.
 */
import type { ScoredListing, ScoredRecord } from '../../src/subgraphs/records/policy/scoring';

export interface Answer<T> {
  data: T;
  errors?: unknown[];
}

interface Named {
  name: string;
}
interface ListedAs {
  listType: string;
}
interface Nodes<T> {
  nodes: T[];
}

/** A subject row of the peer: what visibility needs. */
export interface PeerSubject extends Named {
  kind: string;
  regionCode: string;
}

export interface HubBlacklist {
  blacklistCheck: { code: string; valid: boolean; listed: boolean; listings: ListedAs[]; subject: Named | null }[];
}
export interface PeerBlacklist {
  listings: Nodes<ListedAs & { subjectKey: string }>;
  subjects: Nodes<PeerSubject & { codeKey: string }>;
}

export interface HubStatus {
  creditStatus: {
    code: string;
    level: string | null;
    score: number | null;
    activeDishonestyCount: number;
    seriousDishonestyCount: number;
    activeListings: ListedAs[];
    subject: Named | null;
  };
}
export interface PeerStatus {
  subject: PeerSubject | null;
  records: Nodes<Omit<ScoredRecord, 'id'> & { rowId: number | string }>;
  listings: Nodes<{ rowId: number | string; listType: ScoredListing['listType'] }>;
}

/** An archive entry and a dishonesty record as both answer them (the peer with rowId for id). */
export interface EntryFields {
  id?: string;
  rowId?: number | string;
  kind: string;
  year: number;
  title: string;
  content: string | null;
  grade: string | null;
  occurredOn: string;
  sourceSystem: string;
}
export interface RecordFields {
  id?: string;
  rowId?: number | string;
  externalId: string;
  category: string;
  severity: string;
  title: string;
  decidedAt: string;
  disclosure: string;
  status: string;
}

export interface HubArchive {
  subject: (Named & { archive?: { entries: EntryFields[]; dishonestyRecords: RecordFields[] } | null }) | null;
}
export interface PeerArchive {
  subject: (PeerSubject & { managedBy: { codeKey: string } | null; entries: Nodes<EntryFields> }) | null;
  about: Nodes<RecordFields>;
  responsible: Nodes<{ record: RecordFields }>;
}
