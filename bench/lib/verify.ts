import type { SubjectKeys } from '../../src/identity/subject-keys';
import { jurisdictionPrefix } from '../../src/identity';
import type { CreditPolicy } from '../../src/subgraphs/records/policy/credit-policy';
import { scoreSubject, type ScoredListing, type ScoredRecord } from '../../src/subgraphs/records/policy/scoring';
import { today } from '../../src/common/dates';
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

type Json = Record<string, any>;

function dataOf(server: ServerName, body: string): Json {
  const parsed = JSON.parse(body) as Json;
  if (parsed.errors?.length) throw new Error(`${server} answered with errors: ${JSON.stringify(parsed.errors).slice(0, 500)}`);
  return parsed.data;
}

/** Visibility of a subject's name to the benchmark's government viewer (region 320900). */
function visible(kind: string, regionCode: string, region = '320900'): boolean {
  return kind !== 'PUBLIC_SERVANT' || regionCode.startsWith(jurisdictionPrefix(region));
}

export function blacklistAnswer(server: ServerName, body: string, codes: string[], keys: SubjectKeys): BlacklistRow[] {
  const data = dataOf(server, body);
  if (server !== 'peer') {
    return (data.blacklistCheck as Json[]).map((row) => ({
      code: row.code,
      valid: row.valid,
      listed: row.listed,
      lists: (row.listings as Json[]).map((l) => l.listType).sort().join(','),
      name: row.subject?.name ?? null,
    }));
  }
  const listings = data.listings.nodes as Json[];
  const subjects = new Map((data.subjects.nodes as Json[]).map((s) => [s.codeKey as string, s]));
  return codes.map((raw) => {
    const code = keys.identify(raw);
    const matches = listings.filter((l) => code.keys.includes(l.subjectKey));
    const subject = subjects.get(matches[0]?.subjectKey ?? code.keys[0]);
    return {
      code: code.normalized,
      valid: code.check.valid,
      listed: matches.length > 0,
      lists: matches.map((l) => l.listType).sort().join(','),
      name: subject && visible(subject.kind, subject.regionCode) ? subject.name : null,
    };
  });
}

export function statusAnswer(server: ServerName, body: string, code: string, keys: SubjectKeys, policy: CreditPolicy): StatusAnswer {
  const data = dataOf(server, body);
  if (server !== 'peer') {
    const s = data.creditStatus as Json;
    return {
      code: s.code,
      registered: s.level !== null,
      level: s.level,
      score: s.score,
      active: s.activeDishonestyCount,
      serious: s.seriousDishonestyCount,
      lists: (s.activeListings as Json[]).map((l) => l.listType).sort().join(','),
      name: s.subject?.name ?? null,
    };
  }
  const identified = keys.identify(code);
  const subject = data.subject as Json | null;
  if (!subject) {
    return { code: identified.normalized, registered: false, level: null, score: null, active: 0, serious: 0, lists: '', name: null };
  }
  const records: ScoredRecord[] = (data.records.nodes as Json[]).map((r) => ({
    id: String(r.rowId), nature: r.nature, category: r.category, severity: r.severity, status: r.status, tolerated: r.tolerated,
    decidedAt: r.decidedAt, publicUntil: r.publicUntil,
  }));
  const listings: ScoredListing[] = (data.listings.nodes as Json[]).map((l) => ({ id: String(l.rowId), listType: l.listType }));
  const score = scoreSubject(records, listings, today(), policy);
  return {
    code: identified.normalized,
    registered: true,
    level: score.level,
    score: score.score,
    active: score.activeDishonestyCount,
    serious: score.seriousDishonestyCount,
    lists: listings.map((l) => l.listType).sort().join(','),
    name: visible(subject.kind, subject.regionCode) ? subject.name : null,
  };
}

/** Differences between two answers, as short lines (empty = same). */
export function differences<T extends object>(expected: T[], actual: T[], fields: (keyof T)[]): string[] {
  const lines: string[] = [];
  if (expected.length !== actual.length) lines.push(`expected ${expected.length} rows, got ${actual.length}`);
  for (let i = 0; i < Math.min(expected.length, actual.length); i += 1) {
    for (const field of fields) {
      if (expected[i][field] !== actual[i][field]) {
        lines.push(`row ${i} ${String(field)}: expected ${JSON.stringify(expected[i][field])}, got ${JSON.stringify(actual[i][field])}`);
      }
    }
    if (lines.length > 10) break;
  }
  return lines;
}
