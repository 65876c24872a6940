import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compactVerify, CompactSign } from 'jose';
import { z } from 'zod';
import { keyId } from './checkpoint';

/** The media type in every archive manifest's protected header. */
export const ARCHIVE_TYP = 'credit-hub-audit-archive+jws';

/** The columns of an entry as verify and the archive read them (occurred_at in exact microseconds). */
export const ROW_SELECT = `id::text, chain, seq::text, prev_hash, hash, key_id,
  (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS occurred_us, request_id, actor_sub, actor_role,
  actor_org, subject_keys, resource, fields, purpose, purpose_kind, operation, outcome`;

/** One entry as read from the database or from an archive file (one JSON line each). */
export interface LogRow {
  id: string;
  chain: number;
  seq: string;
  prev_hash: string;
  hash: string;
  key_id: string | null;
  occurred_us: string;
  request_id: string;
  actor_sub: string;
  actor_role: string;
  actor_org: string | null;
  subject_keys: string[];
  resource: string;
  fields: string[];
  purpose: string | null;
  purpose_kind: string | null;
  operation: string;
  outcome: string;
}

const manifestSchema = z.object({
  type: z.literal('credit-hub.audit.archive'),
  version: z.literal(1),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  entries: z.number().int().min(0),
  archivedAt: z.string(),
});

/** What an archive manifest says, signed with the audit signing key. */
export type ArchiveManifest = z.infer<typeof manifestSchema>;

const PREFIX = 'access-log-';

export function archiveFiles(dir: string, month: string): { data: string; manifest: string } {
  return { data: path.join(dir, `${PREFIX}${month}.jsonl`), manifest: path.join(dir, `${PREFIX}${month}.jws`) };
}

/** Writes `text` as `file`, atomically and durably (temporary file, fsync, rename). */
function writeDurably(file: string, write: (fd: number) => void): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o644);
  try {
    write(fd);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

/**
 * Writes one month's entries (pages in chain, seq order) as JSON Lines, then its manifest
 * (file digest, entry count) signed with the Ed25519 audit signing key. Returns the manifest.
 */
export async function writeArchive(
  dir: string,
  month: string,
  pages: AsyncIterable<LogRow[]>,
  signingKeyPem: string,
): Promise<ArchiveManifest> {
  fs.mkdirSync(dir, { recursive: true });
  const files = archiveFiles(dir, month);
  const digest = createHash('sha256');
  let entries = 0;
  const temp = path.join(dir, `.${path.basename(files.data)}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o644);
  try {
    for await (const page of pages) {
      const text = page.map((row) => `${JSON.stringify(row)}\n`).join('');
      fs.writeSync(fd, text);
      digest.update(text, 'utf8');
      entries += page.length;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, files.data);
  const manifest: ArchiveManifest = {
    type: 'credit-hub.audit.archive',
    version: 1,
    month,
    file: path.basename(files.data),
    sha256: digest.digest('hex'),
    entries,
    archivedAt: new Date().toISOString(),
  };
  const privateKey = createPrivateKey(signingKeyPem);
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
    .setProtectedHeader({ alg: 'EdDSA', typ: ARCHIVE_TYP, kid: await keyId(createPublicKey(privateKey)) })
    .sign(privateKey);
  writeDurably(files.manifest, (out) => fs.writeSync(out, `${jws}\n`));
  return manifest;
}

/** The manifest if its signature verifies with one of the keys and it is well-formed; else why not. */
async function openManifest(jws: string, publicKeyPems: string[]): Promise<ArchiveManifest | string> {
  for (const pem of publicKeyPems) {
    try {
      const { payload, protectedHeader } = await compactVerify(jws, createPublicKey(pem), { algorithms: ['EdDSA'] });
      if (protectedHeader.typ !== ARCHIVE_TYP) return `not an archive manifest (typ ${protectedHeader.typ})`;
      const parsed = manifestSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
      return parsed.success ? parsed.data : 'signed, but not a well-formed manifest';
    } catch {
      continue;
    }
  }
  return 'signature does not verify with any configured key (AUDIT_VERIFY_KEYS)';
}

export interface ArchiveProblem {
  file: string;
  problem: string;
}

/** Archived entries by chain, in seq order, from every archive whose manifest and file verify. */
export interface ArchivedEntries {
  months: string[];
  entries: number;
  byChain: Map<number, LogRow[]>;
  problems: ArchiveProblem[];
}

/** Reads one archive's entries if its file matches its signed manifest; pushes a problem otherwise. */
async function readArchive(dir: string, name: string, keys: string[], into: ArchivedEntries): Promise<void> {
  const manifest = await openManifest(fs.readFileSync(path.join(dir, name), 'utf8').trim(), keys);
  if (typeof manifest === 'string') return void into.problems.push({ file: name, problem: manifest });
  const data = path.join(dir, manifest.file);
  if (path.basename(manifest.file) !== manifest.file || !fs.existsSync(data)) {
    return void into.problems.push({ file: name, problem: `archive file ${manifest.file} is missing` });
  }
  const bytes = fs.readFileSync(data);
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
    return void into.problems.push({ file: manifest.file, problem: 'does not match the digest its manifest signs' });
  }
  const lines = bytes.toString('utf8').split('\n').filter(Boolean);
  if (lines.length !== manifest.entries) {
    return void into.problems.push({
      file: manifest.file,
      problem: `${lines.length} entries, manifest says ${manifest.entries}`,
    });
  }
  for (const line of lines) {
    const row = JSON.parse(line) as LogRow;
    into.byChain.set(row.chain, [...(into.byChain.get(row.chain) ?? []), row]);
  }
  into.months.push(manifest.month);
  into.entries += lines.length;
}

/** Whether one month's archive reads back as verify will read it: null when it does, else the problem. */
export async function checkArchive(dir: string, month: string, publicKeyPems: string[]): Promise<string | null> {
  const into: ArchivedEntries = { months: [], entries: 0, byChain: new Map(), problems: [] };
  await readArchive(dir, path.basename(archiveFiles(dir, month).manifest), publicKeyPems, into);
  if (into.problems.length > 0) return into.problems[0].problem;
  return into.months.includes(month) ? null : `the manifest names another month`;
}

/**
 * Every archive in AUDIT_ARCHIVE_DIR, held in memory by chain (docs/audit.md "Archives": verify
 * reads archived months whole). A manifest that does not verify, or a file that differs from
 * it, is a problem and contributes no entries, so its chain segment then shows as missing.
 */
export async function readArchives(dir: string, publicKeyPems: string[]): Promise<ArchivedEntries> {
  const into: ArchivedEntries = { months: [], entries: 0, byChain: new Map(), problems: [] };
  if (!fs.existsSync(dir)) return into;
  const names = fs.readdirSync(dir).filter((name) => name.startsWith(PREFIX) && name.endsWith('.jws'));
  for (const name of names.sort()) await readArchive(dir, name, publicKeyPems, into);
  for (const rows of into.byChain.values()) rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  return into;
}

/**
 * One chain's entries in seq order: the archived ones merged with the live pages. An entry both
 * archived and live (an archive interrupted before its month was dropped) counts once when the
 * two are the same entry.
 */
export async function* mergeArchived(archived: LogRow[], live: AsyncIterable<LogRow>): AsyncGenerator<LogRow> {
  let i = 0;
  for await (const row of live) {
    const seq = BigInt(row.seq);
    while (i < archived.length && BigInt(archived[i].seq) < seq) yield archived[i++];
    if (i < archived.length && BigInt(archived[i].seq) === seq && archived[i].hash === row.hash) i += 1;
    yield row;
  }
  while (i < archived.length) yield archived[i++];
}
