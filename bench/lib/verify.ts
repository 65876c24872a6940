import { isPersonKey, type SubjectKeys } from '../../src/identity/subject-keys';
import { jurisdictionPrefix } from '../../src/identity';
import type { CreditPolicy } from '../../src/subgraphs/records/policy/credit-policy';
import { scoreSubject, type ScoredListing, type ScoredRecord } from '../../src/subgraphs/records/policy/scoring';
import { today } from '../../src/common/dates';
import type {
  Answer,
  EntryFields,
  HubArchive,
  HubBlacklist,
  HubStatus,
  PeerArchive,
  PeerBlacklist,
  PeerStatus,
  RecordFields,
} from './answer-shapes';
import type { ServerName } from './options';

/**
 * Answers of the three servers reduced to what the question asks, so they can be compared:
 * the hub is the reference of meaning, raw must give exactly the same, and the peer's rows
 * are turned into the same answer by client code (validation, keyed hash, visibility,
 * scoring: what PostGraphile cannot do) before comparing.
 */
export interface BlacklistRow {
  code: string;
  valid: boolean;
  listed: boolean;
  lists: string;
  name: string | null;
  /** The check log's row (bench/lib/check-log.ts); none from the peer, which does not log. */
  logged?: string;
}

export interface StatusAnswer {
  code: string;
  registered: boolean;
  level: string | null;
  score: number | null;
  active: number;
  serious: number;
  lists: string;
  name: string | null;
}

/** One archive reading: the file's entries and the records, each as one comparable line. */
export interface ArchiveAnswer {
  code: string;
  name: string | null;
  granted: boolean;
  entryCount: number;
  recordCount: number;
  entries: string;
  records: string;
}

export function dataOf<T>(server: ServerName, body: string): T {
  const parsed = JSON.parse(body) as Answer<T>;
  if (parsed.errors?.length)
    throw new Error(`${server} answered with errors: ${JSON.stringify(parsed.errors).slice(0, 500)}`);
  return parsed.data;
}

/** Visibility of a subject's name to the benchmark's government viewer (region 320900). */
function visible(kind: string, regionCode: string, region = '320900'): boolean {
  return kind !== 'PUBLIC_SERVANT' || regionCode.startsWith(jurisdictionPrefix(region));
}

export function blacklistAnswer(server: ServerName, body: string, codes: string[], keys: SubjectKeys): BlacklistRow[] {
  if (server !== 'peer') {
    return dataOf<HubBlacklist>(server, body).blacklistCheck.map((row) => ({
      code: row.code,
      valid: row.valid,
      listed: row.listed,
      lists: row.listings
        .map((l) => l.listType)
        .sort()
        .join(','),
      name: row.subject?.name ?? null,
    }));
  }
  const data = dataOf<PeerBlacklist>(server, body);
  const listings = data.listings.nodes;
  const subjects = new Map(data.subjects.nodes.map((s) => [s.codeKey, s]));
  return codes.map((raw) => {
    const code = keys.identify(raw);
    // A resident ID number is withheld from the tender platform (not entitled to it): only organizations' keys count.
    const answered = code.keys.filter((key) => !isPersonKey(key));
    const matches = listings.filter((l) => answered.includes(l.subjectKey));
    const subject = answered.length ? subjects.get(matches[0]?.subjectKey ?? answered[0]) : undefined;
    return {
      code: code.normalized,
      valid: code.check.valid,
      listed: matches.length > 0,
      lists: matches
        .map((l) => l.listType)
        .sort()
        .join(','),
      name: subject && visible(subject.kind, subject.regionCode) ? subject.name : null,
    };
  });
}

function hubStatusAnswer(server: ServerName, body: string): StatusAnswer {
  const s = dataOf<HubStatus>(server, body).creditStatus;
  return {
    code: s.code,
    registered: s.level !== null,
    level: s.level,
    score: s.score,
    active: s.activeDishonestyCount,
    serious: s.seriousDishonestyCount,
    lists: s.activeListings
      .map((l) => l.listType)
      .sort()
      .join(','),
    name: s.subject?.name ?? null,
  };
}

/** The peer's rows scored client-side, as the hub would score them. */
function peerStatusAnswer(body: string, code: string, keys: SubjectKeys, policy: CreditPolicy): StatusAnswer {
  const data = dataOf<PeerStatus>('peer', body);
  const identified = keys.identify(code);
  const subject = data.subject;
  // A civil servant's standing is not told to the procurement system: the same answer as for an unregistered code.
  if (!subject || subject.kind === 'PUBLIC_SERVANT') {
    const none = { registered: false, level: null, score: null, active: 0, serious: 0, lists: '', name: null };
    return { code: identified.normalized, ...none };
  }
  const records: ScoredRecord[] = data.records.nodes.map((r) => ({
    id: String(r.rowId),
    nature: r.nature,
    category: r.category,
    severity: r.severity,
    status: r.status,
    tolerated: r.tolerated,
    decidedAt: r.decidedAt,
    publicUntil: r.publicUntil,
  }));
  const listings: ScoredListing[] = data.listings.nodes.map((l) => ({
    id: String(l.rowId),
    listType: l.listType,
  }));
  const score = scoreSubject(records, listings, today(), policy);
  return {
    code: identified.normalized,
    registered: true,
    level: score.level,
    score: score.score,
    active: score.activeDishonestyCount,
    serious: score.seriousDishonestyCount,
    lists: listings
      .map((l) => l.listType)
      .sort()
      .join(','),
    name: visible(subject.kind, subject.regionCode) ? subject.name : null,
  };
}

export function statusAnswer(
  server: ServerName,
  body: string,
  code: string,
  keys: SubjectKeys,
  policy: CreditPolicy,
): StatusAnswer {
  return server === 'peer' ? peerStatusAnswer(body, code, keys, policy) : hubStatusAnswer(server, body);
}

/** Differences between two answers, as short lines (empty = same). */
export function differences<T extends object>(expected: T[], actual: T[], fields: (keyof T)[]): string[] {
  const lines: string[] = [];
  if (expected.length !== actual.length) lines.push(`expected ${expected.length} rows, got ${actual.length}`);
  for (let i = 0; i < Math.min(expected.length, actual.length); i += 1) {
    for (const field of fields) {
      if (expected[i][field] !== actual[i][field]) {
        lines.push(
          `row ${i} ${String(field)}: expected ${JSON.stringify(expected[i][field])}, got ${JSON.stringify(actual[i][field])}`,
        );
      }
    }
    if (lines.length > 10) break;
  }
  return lines;
}

const entryLine = (e: EntryFields) =>
  [e.id, e.kind, e.year, e.title, e.content ?? '', e.grade ?? '', e.occurredOn, e.sourceSystem].join('/');
const recordLine = (r: RecordFields) =>
  [r.id, r.externalId, r.category, r.severity, r.title, r.decidedAt, r.disclosure, r.status].join('/');

/**
 * An archive reading reduced to what the question asks. The peer answers rows: the client
 * applies what PostGraphile cannot (is the subject a civil servant the reader may see, is
 * the reader its managing department) before comparing.
 */
export function archiveAnswer(
  server: ServerName,
  body: string,
  code: string,
  keys: SubjectKeys,
  reader: { org: string; region: string },
): ArchiveAnswer {
  const normalized = keys.identify(code).normalized;
  if (server !== 'peer') {
    const subject = dataOf<HubArchive>(server, body).subject;
    const archive = subject?.archive;
    const entries = archive?.entries ?? [];
    const records = archive?.dishonestyRecords ?? [];
    return {
      code: normalized,
      name: subject?.name ?? null,
      granted: !!archive,
      entryCount: entries.length,
      recordCount: records.length,
      entries: entries.map(entryLine).join('\n'),
      records: records.map(recordLine).join('\n'),
    };
  }
  const data = dataOf<PeerArchive>(server, body);
  const subject = data.subject;
  const seen = subject && visible(subject.kind, subject.regionCode, reader.region) ? subject : null;
  const granted =
    !!seen && seen.kind === 'PUBLIC_SERVANT' && seen.managedBy?.codeKey === keys.identify(reader.org).keys[0];
  const entries = granted ? seen!.entries.nodes.map((e) => ({ ...e, id: String(e.rowId) })) : [];
  // Records about the person and records naming it responsible: one list, newest (highest id) first.
  const merged = new Map<number, RecordFields>();
  for (const r of [...data.about.nodes, ...data.responsible.nodes.map((n) => n.record)]) merged.set(Number(r.rowId), r);
  const records = granted
    ? [...merged.values()].sort((a, b) => Number(b.rowId) - Number(a.rowId)).map((r) => ({ ...r, id: String(r.rowId) }))
    : [];
  return {
    code: normalized,
    name: seen?.name ?? null,
    granted,
    entryCount: entries.length,
    recordCount: records.length,
    entries: entries.map(entryLine).join('\n'),
    records: records.map(recordLine).join('\n'),
  };
}
