import { createHash } from 'node:crypto';
import type { Runtime } from '../../src/runtime';
import { addDays, today } from '../../src/common/dates';
import { jurisdictionPrefix } from '../../src/identity';
import { isPersonKey, type SubjectKeys } from '../../src/identity/subject-keys';
import {
  Disclosure,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
} from '../../src/subgraphs/records/enums';
import type { CreditPolicy } from '../../src/subgraphs/records/policy/credit-policy';
import { publicityWindow } from '../../src/subgraphs/records/policy/publicity';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import { sql } from './database';
import { ingestTargetCodes, pick, rng, unknownCode } from './dataset';
import type { ServerName } from './options';

/** Codes drawn from the database after seeding, whoever seeded it. */
export interface CodePools {
  listed: string[];
  clean: string[];
  unknown: string[];
  invalid: string[];
  /**
   * Registered organizations, two thirds of them with records (creditStatus): the status caller is a
   * procurement system, to which a civil servant's standing is withheld (docs/credit-status.md).
   */
  status: string[];
  ingestTargets: string[];
}

export function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export async function sampleCodes(runtime: Runtime, seed: number): Promise<CodePools> {
  const keys = runtime.services.keys;
  const day = today();
  const codeOf = (row: { code_display: string; code_cipher: string | null }) => {
    if (!row.code_cipher) return row.code_display;
    try {
      return keys.pii.decrypt(row.code_cipher);
    } catch {
      throw new Error(
        'cannot decrypt stored ID numbers: PII_SECRET differs from the one the data was seeded with (set the same PII_SECRET, or use --reset on a throw-away database)',
      );
    }
  };
  const salt = String(seed);
  const active = `l.delisted_at IS NULL AND l.starts_on <= ?::date AND (l.ends_on IS NULL OR ?::date <= l.ends_on)`;
  const listed = await sql<{ code_display: string; code_cipher: string | null }>(
    runtime,
    `SELECT DISTINCT s.code_display, s.code_cipher FROM records.listing l JOIN subjects.subject s ON s.code_key = l.subject_key WHERE ${active} LIMIT 3000`,
    [day, day],
  );
  const clean = await sql<{ code_display: string; code_cipher: string | null }>(
    runtime,
    `SELECT s.code_display, s.code_cipher FROM subjects.subject s
     WHERE NOT EXISTS (SELECT 1 FROM records.listing l WHERE l.subject_key = s.code_key AND ${active})
     ORDER BY md5(s.id::text || ?) LIMIT 5000`,
    [day, day, salt],
  );
  const withRecords = await sql<{ code_display: string; code_cipher: string | null }>(
    runtime,
    `SELECT s.code_display, s.code_cipher FROM subjects.subject s
     WHERE s.kind <> 'PUBLIC_SERVANT' AND EXISTS (SELECT 1 FROM records.credit_record r WHERE r.subject_key = s.code_key)
     ORDER BY md5(s.id::text || ?) LIMIT 2000`,
    [salt],
  );
  const anySubject = await sql<{ code_display: string; code_cipher: string | null }>(
    runtime,
    `SELECT s.code_display, s.code_cipher FROM subjects.subject s WHERE s.kind <> 'PUBLIC_SERVANT' ORDER BY md5(s.id::text || ? || 'any') LIMIT 1000`,
    [salt],
  );
  if (listed.length === 0)
    throw new Error('the dataset has no active listing: blacklistCheck would only ever answer "not listed"');

  const candidatesUnknown = Array.from({ length: 2000 }, (_, i) => unknownCode(i));
  const registered = new Set(
    (
      await sql<{ code_key: string }>(
        runtime,
        'SELECT code_key FROM subjects.subject WHERE code_key = ANY(?::text[])',
        [`{${candidatesUnknown.join(',')}}`],
      )
    ).map((r) => r.code_key),
  );
  const random = rng(seed + 2);
  const cleanCodes = clean.map(codeOf);
  const invalid: string[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const base = cleanCodes[i % cleanCodes.length];
    switch (i % 6) {
      case 0:
        invalid.push(base.slice(0, 17) + (base[17] === '0' ? '1' : '0'));
        break; // wrong check character
      case 1:
        invalid.push(base.slice(0, 15));
        break; // too short
      case 2:
        invalid.push(`NOT-A-CODE-${i}`);
        break;
      case 3:
        invalid.push('');
        break;
      case 4:
        invalid.push(`11010519${String(13 + (i % 80)).padStart(2, '0')}1399${String(i % 1000).padStart(3, '0')}X`);
        break; // no 13th month
      default:
        invalid.push(`91320900MA${String(i).padStart(8, '0')}`);
        break;
    }
  }
  // Some clean codes arrive as typed by hand: lower case, spaces (valid after normalisation).
  const handTyped = cleanCodes.map((code, i) =>
    i % 10 === 0 ? ` ${code.toLowerCase().slice(0, 9)} ${code.toLowerCase().slice(9)} ` : code,
  );
  return {
    listed: listed.map(codeOf),
    clean: handTyped,
    unknown: candidatesUnknown.filter((code) => !registered.has(code)),
    invalid,
    status: shuffle(random, [...withRecords.map(codeOf), ...anySubject.map(codeOf)]),
    ingestTargets: ingestTargetCodes(),
  };
}

// ---------------------------------------------------------------------------------------
// Questions, per server.

export const HUB_BLACKLIST = `query Blacklist($codes: [String!]!, $listTypes: [ListType!]) {
  blacklistCheck(codes: $codes, listTypes: $listTypes) { code valid problem listed subject { name } listings { listType reason endsOn } }
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

/** The hub's recordVisibility for a government reader (its jurisdiction, its own pushes, its own decisions), as a PostGraphile filter. */
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

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
}

/** Request bodies of one scenario for one server: a rotating list, or a generator for unique batches. */
export interface Workload {
  spec: RequestSpec;
  bodies?: string[];
  bodyFor?: (n: number) => string;
  /** Items per request (codes or records), for items/s. */
  items: number;
}

export interface BlacklistBatch {
  codes: string[];
}

export function blacklistBatches(pools: CodePools, size: number, count: number, seed: number): BlacklistBatch[] {
  const random = rng(seed + 3);
  const listedN = Math.round(size * 0.08);
  const unknownN = Math.round(size * 0.2);
  const invalidN = Math.round(size * 0.1);
  const cleanN = size - listedN - unknownN - invalidN;
  return Array.from({ length: count }, () => {
    const codes = [
      ...Array.from({ length: listedN }, () => pick(random, pools.listed)),
      ...Array.from({ length: cleanN }, () => pick(random, pools.clean)),
      ...Array.from({ length: unknownN }, () => pick(random, pools.unknown)),
      ...Array.from({ length: invalidN }, () => pick(random, pools.invalid)),
    ];
    return { codes: shuffle(random, codes) };
  });
}

export function blacklistBodies(server: ServerName, batches: BlacklistBatch[], keys: SubjectKeys): string[] {
  const day = today();
  return batches.map(({ codes }) => {
    if (server === 'hub') return JSON.stringify({ query: HUB_BLACKLIST, variables: { codes } });
    if (server === 'raw') return JSON.stringify({ codes });
    // The peer cannot validate codes or compute the keyed hash of ID numbers: the client does. Persons'
    // numbers are never looked up for the benchmark's tender platform (not entitled to them).
    const lookupKeys = [...new Set(codes.flatMap((code) => keys.identify(code).keys))].filter(
      (key) => !isPersonKey(key),
    );
    return JSON.stringify({ query: PEER_BLACKLIST, variables: { keys: lookupKeys, today: day } });
  });
}

/** The caller of the status scenario, as raw and the peer are told it (the hub: by its token). */
export interface StatusCaller {
  sub: string;
  org?: string;
  region: string;
}

export function statusBodies(server: ServerName, codes: string[], keys: SubjectKeys, caller: StatusCaller): string[] {
  const day = today();
  return codes.map((code) => {
    if (server === 'hub') return JSON.stringify({ query: HUB_STATUS, variables: { code } });
    if (server === 'raw') return JSON.stringify({ code, sub: caller.sub, org: caller.org ?? '' });
    return JSON.stringify({
      query: PEER_STATUS,
      variables: {
        key: keys.identify(code).keys[0],
        today: day,
        region: jurisdictionPrefix(caller.region),
        sub: caller.sub,
        org: caller.org ?? '',
      },
    });
  });
}

/** The reader of the archive scenario, as each server is told it (the hub: by its token). */
export interface ArchiveReader {
  sub: string;
  org: string;
  region: string;
}

export function archiveBodies(server: ServerName, codes: string[], keys: SubjectKeys, reader: ArchiveReader): string[] {
  const day = today();
  return codes.map((code) => {
    if (server === 'hub') return JSON.stringify({ query: HUB_ARCHIVE, variables: { code, purpose: ARCHIVE_PURPOSE } });
    if (server === 'raw') return JSON.stringify({ code, purpose: ARCHIVE_PURPOSE, sub: reader.sub, org: reader.org });
    return JSON.stringify({
      query: PEER_ARCHIVE,
      variables: {
        key: keys.identify(code).keys[0],
        today: day,
        region: jurisdictionPrefix(reader.region),
        sub: reader.sub,
        org: reader.org,
      },
    });
  });
}

const BATCH_TOKEN = '@@BATCH@@';

/** The findings of one ingest batch (a court pushing judgments); external ids carry the batch token. */
export function ingestRecords(targets: string[], size: number, prefix: string): RecordInput[] {
  const day = today();
  const random = rng(size + targets.length);
  const categories = [C.JUDICIAL_JUDGMENT, C.ENFORCEMENT_DEFAULT, C.LITIGATION_LOST];
  return Array.from({ length: size }, (_, k) => ({
    externalId: `${prefix}-${BATCH_TOKEN}-${k}`,
    subject: { code: targets[k % targets.length] },
    nature: RecordNature.DISHONESTY,
    category: categories[k % categories.length],
    domain: D.GENERAL,
    severity: k % 4 === 0 ? Severity.SERIOUS : Severity.GENERAL,
    title: '基准测试：拒不履行生效判决',
    details: '（2026）苏09执基准号：判决给付工程款及利息，逾期未履行。',
    legalBasis: '《中华人民共和国民事诉讼法》第二百五十九条',
    documentNo: `（2026）苏09执${k}号`,
    decidedAt: addDays(day, -Math.floor(random() * 300)),
    decidingAuthorityCode: null,
    disclosure: Disclosure.PUBLIC,
    responsiblePersonCodes: null,
    tolerated: false,
  }));
}

/** Source system each server's ingest writes under (deleted again after the scenario). */
export function ingestSource(server: ServerName): string {
  return `bench-ingest-${server}`;
}

export function ingestBodyFor(
  server: ServerName,
  targets: string[],
  size: number,
  runId: string,
  context: { keys: SubjectKeys; policy: CreditPolicy; regionOf: Map<string, string> },
): (n: number) => string {
  const records = ingestRecords(targets, size, `${runId}-${server}`);
  let template: string;
  if (server === 'hub') template = JSON.stringify({ query: HUB_SUBMIT, variables: { input: records } });
  else if (server === 'raw') template = JSON.stringify({ source: ingestSource('raw'), role: 'COURT', records });
  else {
    // The peer writes table rows: the client computes what the hub derives (key, region, windows, hash).
    const variables: Record<string, unknown> = {};
    records.forEach((record, i) => {
      const key = context.keys.identify(record.subject.code).keys[0];
      const window = publicityWindow(record, context.policy);
      variables[`r${i}`] = {
        subjectKey: key,
        subjectRegion: context.regionOf.get(key) ?? '320900',
        sourceSystem: ingestSource('peer'),
        sourceRole: 'COURT',
        externalId: record.externalId,
        nature: record.nature,
        category: record.category,
        domain: record.domain,
        severity: record.severity,
        title: record.title,
        details: record.details,
        legalBasis: record.legalBasis,
        documentNo: record.documentNo,
        decidedAt: record.decidedAt,
        disclosure: record.disclosure,
        tolerated: false,
        publicUntil: window.until,
        repairableFrom: window.repairableFrom,
        policyVersion: context.policy.version,
        contentHash: createHash('sha256').update(JSON.stringify(record)).digest('hex'),
      };
    });
    template = JSON.stringify({ query: peerIngestDocument(size), variables });
  }
  const parts = template.split(BATCH_TOKEN);
  return (n: number) => parts.join(String(n));
}
