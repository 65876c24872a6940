import { today } from '../../src/common/dates';
import type { SubjectKeys } from '../../src/identity/subject-keys';
import type { Runtime } from '../../src/runtime';
import { sql } from './database';
import { ingestTargetCodes, unknownCode } from './identities';
import { rng, shuffle } from './random';

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

interface CodeRow {
  code_display: string;
  code_cipher: string | null;
}

/** The code as a client sends it: ID numbers decrypted (with the PII_SECRET the data was seeded with). */
function codeReader(keys: SubjectKeys): (row: CodeRow) => string {
  return (row) => {
    if (!row.code_cipher) return row.code_display;
    try {
      return keys.pii.decrypt(row.code_cipher);
    } catch {
      throw new Error(
        'cannot decrypt stored ID numbers: PII_SECRET differs from the one the data was seeded with (set the same PII_SECRET, or use --reset on a throw-away database)',
      );
    }
  };
}

/** Listed subjects, clean ones, and organizations with and without records, in a seeded order. */
async function sampleRows(runtime: Runtime, seed: number) {
  const day = today();
  const salt = String(seed);
  const active = `l.delisted_at IS NULL AND l.starts_on <= ?::date AND (l.ends_on IS NULL OR ?::date <= l.ends_on)`;
  const listed = await sql<CodeRow>(
    runtime,
    `SELECT DISTINCT s.code_display, s.code_cipher FROM records.listing l JOIN subjects.subject s ON s.code_key = l.subject_key WHERE ${active} LIMIT 3000`,
    [day, day],
  );
  const clean = await sql<CodeRow>(
    runtime,
    `SELECT s.code_display, s.code_cipher FROM subjects.subject s
     WHERE NOT EXISTS (SELECT 1 FROM records.listing l WHERE l.subject_key = s.code_key AND ${active})
     ORDER BY md5(s.id::text || ?) LIMIT 5000`,
    [day, day, salt],
  );
  const withRecords = await sql<CodeRow>(
    runtime,
    `SELECT s.code_display, s.code_cipher FROM subjects.subject s
     WHERE s.kind <> 'PUBLIC_SERVANT' AND EXISTS (SELECT 1 FROM records.credit_record r WHERE r.subject_key = s.code_key)
     ORDER BY md5(s.id::text || ?) LIMIT 2000`,
    [salt],
  );
  const anySubject = await sql<CodeRow>(
    runtime,
    `SELECT s.code_display, s.code_cipher FROM subjects.subject s WHERE s.kind <> 'PUBLIC_SERVANT' ORDER BY md5(s.id::text || ? || 'any') LIMIT 1000`,
    [salt],
  );
  return { listed, clean, withRecords, anySubject };
}

/** Valid codes of the benchmark's unknown range that nobody registered. */
async function unregisteredCodes(runtime: Runtime): Promise<string[]> {
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
  return candidatesUnknown.filter((code) => !registered.has(code));
}

/** 1,000 invalid codes of six kinds, made from clean ones. */
function invalidCodes(cleanCodes: string[]): string[] {
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
  return invalid;
}

export async function sampleCodes(runtime: Runtime, seed: number): Promise<CodePools> {
  const codeOf = codeReader(runtime.services.keys);
  const { listed, clean, withRecords, anySubject } = await sampleRows(runtime, seed);
  if (listed.length === 0)
    throw new Error('the dataset has no active listing: blacklistCheck would only ever answer "not listed"');
  const unknown = await unregisteredCodes(runtime);
  const random = rng(seed + 2);
  const cleanCodes = clean.map(codeOf);
  // Some clean codes arrive as typed by hand: lower case, spaces (valid after normalisation).
  const handTyped = cleanCodes.map((code, i) =>
    i % 10 === 0 ? ` ${code.toLowerCase().slice(0, 9)} ${code.toLowerCase().slice(9)} ` : code,
  );
  return {
    listed: listed.map(codeOf),
    clean: handTyped,
    unknown,
    invalid: invalidCodes(cleanCodes),
    status: shuffle(random, [...withRecords.map(codeOf), ...anySubject.map(codeOf)]),
    ingestTargets: ingestTargetCodes(),
  };
}
