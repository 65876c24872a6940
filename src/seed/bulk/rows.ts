/** The rows the bulk generator makes (generator.ts) and the loader writes with COPY (copy.ts). */
import type { SubjectKeys } from '../../identity/subject-keys';
import type {
  Disclosure,
  ListType,
  RecordCategory,
  RecordDomain,
  RecordNature,
  Severity,
} from '../../subgraphs/records/enums';
import type { CreditPolicy } from '../../subgraphs/records/policy/credit-policy';
import type { SubjectKind } from '../../common/subject-kind';

/** What the generator is given: sizes, the reserved id ranges and code serials, and the hub's keys and policy. */
export interface GeneratorOptions {
  seed: number;
  subjects: number;
  records: number;
  /** Today in the hub's time zone (YYYY-MM-DD): decision dates lie in the 5 years before. */
  today: string;
  /** First subjects.subject id of the reserved range. */
  subjectIdBase: number;
  /** First records.credit_record id of the reserved range (also makes external ids unique). */
  recordIdBase: number;
  /** First organization-code serial: bodies are 'MA' + 6 base-31 digits of it (see bodySerial). */
  serialBase: number;
  keys: SubjectKeys;
  policy: CreditPolicy;
  /** Look-up keys already registered (persons): such numbers are drawn again. */
  isTakenPersonKey?: (key: string) => boolean;
}

export interface SubjectRow {
  id: number;
  kind: SubjectKind;
  name: string;
  /** The clear code (USCC, or the resident ID number of a person: never written). */
  code: string;
  codeKey: string;
  codeDisplay: string;
  codeCipher: string | null;
  regionCode: string;
  parentId: number | null;
  position: string | null;
  managedById: number | null;
}

export interface RecordRow {
  id: number;
  subjectKey: string;
  subjectRegion: string;
  sourceSystem: string;
  sourceRole: string;
  externalId: string;
  nature: RecordNature;
  category: RecordCategory;
  domain: RecordDomain;
  severity: Severity;
  title: string;
  details: string | null;
  legalBasis: string | null;
  documentNo: string | null;
  decidedAt: string;
  decidingAuthorityCode: string | null;
  disclosure: Disclosure;
  tolerated: boolean;
  publicUntil: string;
  repairableFrom: string;
  usableUntil: string;
  policyVersion: string;
  contentHash: string;
  /** Look-up keys of the responsible civil servants (records.record_responsible), sorted. */
  responsible: string[];
}

export interface ListingRow {
  id: number;
  subjectKey: string;
  subjectRegion: string;
  listType: ListType;
  reason: string;
  legalBasis: string;
  authorityCode: string;
  listedBy: string;
  startsOn: string;
  endsOn: string;
  delistedAt: string | null;
  delistReason: string | null;
  delistedBy: string | null;
  recordIds: number[];
}
