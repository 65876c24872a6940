/** The questions each server is asked: GraphQL documents of the hub and of the peer (PostGraphile). */

export const HUB_BLACKLIST = `query Blacklist($codes: [String!]!, $listTypes: [ListType!]) {
  blacklistCheck(codes: $codes, listTypes: $listTypes) { code valid problem listed subject { name } listings { listType reason endsOn } checkId }
}`;

/** The decision scenario: blacklistCheck with the interception decision, as procurement (docs/interception.md). */
export const HUB_DECISION = `query Decision($codes: [String!]!) {
  blacklistCheck(codes: $codes, context: PROCUREMENT) { code valid listed decision rule { id } checkId }
}`;

export const HUB_STATUS = `query Status($code: String!) {
  creditStatus(code: $code) {
    code subject { name } level score activeDishonestyCount seriousDishonestyCount
    activeListings { listType reason endsOn } reasons { kind sourceId points explanation } asOf policyVersion
  }
}`;

/** Why the department reads the file (logged with every reading). */
export const ARCHIVE_PURPOSE = '干部选拔任用前廉政审查';

export const HUB_ARCHIVE = `query Archive($code: String!, $purpose: String!) {
  subject(code: $code) {
    name
    archive(purpose: $purpose) {
      purpose
      entries { id kind year title content grade occurredOn sourceSystem }
      dishonestyRecords { id externalId category severity title decidedAt disclosure status }
    }
  }
}`;

export const HUB_SUBMIT = `mutation Submit($input: [RecordInput!]!) { submitRecords(input: $input) { created updated unchanged } }`;

/** PostGraphile: listings in force today and the subjects, for a list of look-up keys. */
export const PEER_BLACKLIST = `query Blacklist($keys: [String!]!, $today: Date!) {
  listings: allRecordsListings(orderBy: PRIMARY_KEY_ASC, filter: {
    subjectKey: { in: $keys }, delistedAt: { isNull: true }, startsOn: { lessThanOrEqualTo: $today },
    or: [{ endsOn: { isNull: true } }, { endsOn: { greaterThanOrEqualTo: $today } }]
  }) { nodes { subjectKey listType reason endsOn } }
  subjects: allSubjects(filter: { codeKey: { in: $keys } }) { nodes { codeKey name kind regionCode } }
}`;

/**
 * The hub's recordVisibility for a government reader (its jurisdiction, its own pushes, its own
 * decisions), as a PostGraphile filter.
 */
const PEER_VISIBLE = `or: [
      { disclosure: { equalTo: "PUBLIC" }, status: { equalTo: "ACTIVE" }, decidedAt: { lessThanOrEqualTo: $today }, publicUntil: { greaterThanOrEqualTo: $today } },
      { disclosure: { in: ["PUBLIC", "GOVERNMENT"] }, status: { equalTo: "ACTIVE" }, subjectRegion: { startsWith: $region } },
      { sourceSystem: { equalTo: $sub } },
      { decidingAuthorityCode: { equalTo: $org } }
    ]`;
/**
 * PostGraphile: the subject, its candidate records for scoring that the caller may read (an
 * organization's status counts only those: docs/credit-status.md) and its listings in force
 * (no scoring). A civil servant's standing is not the caller's: the client answers "withheld".
 */
export const PEER_STATUS = `query Status($key: String!, $today: Date!, $region: String!, $sub: String!, $org: String!) {
  subject: subjectByCodeKey(codeKey: $key) { codeKey name kind regionCode }
  records: allRecordsCreditRecords(filter: {
    subjectKey: { equalTo: $key }, status: { equalTo: "ACTIVE" }, publicUntil: { greaterThanOrEqualTo: $today },
    ${PEER_VISIBLE}
  }) { nodes { rowId nature category severity status tolerated decidedAt publicUntil } }
  listings: allRecordsListings(orderBy: PRIMARY_KEY_ASC, filter: {
    subjectKey: { equalTo: $key }, delistedAt: { isNull: true }, startsOn: { lessThanOrEqualTo: $today },
    or: [{ endsOn: { isNull: true } }, { endsOn: { greaterThanOrEqualTo: $today } }]
  }) { nodes { rowId listType reason endsOn } }
}`;

/**
 * PostGraphile: the person with its managing department and file entries (archive_entry.person_id
 * is made a relation by a smart tag, bench/peer/server.ts), the dishonesty records about the
 * person, and those naming it responsible (through record_responsible), each filtered with the
 * hub's visibility rule for the reader (government role in its jurisdiction, its own pushes, its
 * own decisions). Two lists, each served by an index (subject_key, person_key): one filter with
 * `or` across both would scan the records table. No grant check, no access log: the client
 * compares the managing department and merges the two lists.
 */
const PEER_RECORD_FIELDS = 'rowId externalId nature category severity title decidedAt disclosure status';
export const PEER_ARCHIVE = `query Archive($key: String!, $today: Date!, $region: String!, $sub: String!, $org: String!) {
  subject: subjectByCodeKey(codeKey: $key) {
    name kind regionCode
    managedBy: subjectByManagedById { codeKey }
    entries: archivesArchiveEntriesByPersonId(orderBy: [YEAR_DESC, OCCURRED_ON_DESC, PRIMARY_KEY_DESC]) {
      nodes { rowId kind year title content grade occurredOn sourceSystem }
    }
  }
  about: allRecordsCreditRecords(orderBy: PRIMARY_KEY_DESC, filter: {
    subjectKey: { equalTo: $key }, nature: { equalTo: "DISHONESTY" },
    ${PEER_VISIBLE}
  }) { nodes { ${PEER_RECORD_FIELDS} } }
  responsible: allRecordsRecordResponsibles(filter: {
    personKey: { equalTo: $key },
    recordsCreditRecordByRecordId: { nature: { equalTo: "DISHONESTY" }, ${PEER_VISIBLE} }
  }) { nodes { record: recordsCreditRecordByRecordId { ${PEER_RECORD_FIELDS} } } }
}`;

/** PostGraphile has no batch insert: one create mutation per record, aliased, in one request. */
export function peerIngestDocument(size: number): string {
  const variables = Array.from({ length: size }, (_, i) => `$r${i}: RecordsCreditRecordInput!`).join(', ');
  const fields = Array.from(
    { length: size },
    (_, i) => `m${i}: createRecordsCreditRecord(input: { recordsCreditRecord: $r${i} }) { clientMutationId }`,
  ).join('\n');
  return `mutation Ingest(${variables}) {\n${fields}\n}`;
}
