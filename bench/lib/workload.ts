import { createHash } from 'node:crypto';
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
import { publicityTerms } from '../../src/subgraphs/records/policy/publicity';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import { pick, rng, shuffle } from './random';
import type { ServerName } from './options';
import type { CodePools } from './code-pools';
import {
  HUB_ARCHIVE,
  HUB_BLACKLIST,
  HUB_STATUS,
  HUB_SUBMIT,
  PEER_ARCHIVE,
  PEER_BLACKLIST,
  PEER_STATUS,
  ARCHIVE_PURPOSE,
  peerIngestDocument,
} from './documents';

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

export function blacklistBodies(
  server: ServerName,
  batches: BlacklistBatch[],
  keys: SubjectKeys,
  caller: { sub: string },
): string[] {
  const day = today();
  return batches.map(({ codes }) => {
    if (server === 'hub') return JSON.stringify({ query: HUB_BLACKLIST, variables: { codes } });
    // Raw decides and logs as the hub does (bench/raw/blacklist.ts): it is told the caller the hub's token names.
    if (server === 'raw') return JSON.stringify({ codes, sub: caller.sub });
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
      const window = publicityTerms(record, context.policy);
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
        usableUntil: window.usableUntil,
        policyVersion: context.policy.version,
        contentHash: createHash('sha256').update(JSON.stringify(record)).digest('hex'),
      };
    });
    template = JSON.stringify({ query: peerIngestDocument(size), variables });
  }
  const parts = template.split(BATCH_TOKEN);
  return (n: number) => parts.join(String(n));
}
