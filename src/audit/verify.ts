import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditHmacKey, AuditSettings } from '../config/audit';
import { GENESIS_HASH } from './chain-append';
import { CheckpointRefused, verifyCheckpoint, type ChainHeadState } from './checkpoint';
import { readCheckpointFiles } from './checkpoint-files';
import { readHeads } from './checkpointer';
import { entryDigest } from './digest';
import { mergeArchived, readArchives, ROW_SELECT, type ArchivedEntries, type LogRow } from './archive-files';

/**
 * REWRITTEN: an entry's content, digest or link is not what was written (or differs from a
 * checkpoint); DELETED: entries missing inside a chain; TRUNCATED: the newest entries are
 * gone (the head is behind a checkpoint, or behind where the entries end); UNKNOWN_KEY: keyed
 * with a key id not in AUDIT_HMAC_KEYS; CHECKPOINT_REFUSED: a checkpoint whose signature
 * does not verify with the configured keys; ARCHIVE_REFUSED: an archived month whose manifest
 * does not verify or whose file differs from what it signs (its entries then show as DELETED).
 */
export type BreakKind =
  'REWRITTEN' | 'DELETED' | 'TRUNCATED' | 'UNKNOWN_KEY' | 'CHECKPOINT_REFUSED' | 'ARCHIVE_REFUSED';

export interface ChainBreak {
  kind: BreakKind;
  chain: number | null;
  seq: string | null;
  id: string | null;
  problem: string;
}

export interface VerifyReport {
  entries: number;
  chains: number;
  checkpoints: { read: number; accepted: number };
  /** Months verified from AUDIT_ARCHIVE_DIR (their entries are counted in `entries`). */
  archivedMonths: string[];
  ok: boolean;
  breaks: ChainBreak[];
}

type Anchor = ChainHeadState & { file: string };
type Anchors = { anchors: Map<number, Anchor[]>; read: number; accepted: number };

type Row = LogRow;

const PAGE = 5000;

/** Accepted checkpoints' heads by chain; refused ones become breaks. */
async function loadAnchors(settings: AuditSettings, breaks: ChainBreak[]): Promise<Anchors> {
  const anchors = new Map<number, Anchor[]>();
  const files = readCheckpointFiles(settings.checkpointDir);
  let accepted = 0;
  for (const { file, jws } of files) {
    try {
      const checkpoint = await verifyCheckpoint(jws, settings.verifyKeyPems);
      accepted += 1;
      for (const head of checkpoint.heads) {
        anchors.set(head.chain, [...(anchors.get(head.chain) ?? []), { ...head, file: path.basename(file) }]);
      }
    } catch (error) {
      if (!(error instanceof CheckpointRefused)) throw error;
      breaks.push({
        kind: 'CHECKPOINT_REFUSED',
        chain: null,
        seq: null,
        id: null,
        problem: `${path.basename(file)}: ${error.message}`,
      });
    }
  }
  return { anchors, read: files.length, accepted };
}

/** Archived months (docs/audit.md "Archives"); refused ones become breaks. */
async function loadArchives(settings: AuditSettings, breaks: ChainBreak[]): Promise<ArchivedEntries> {
  const archives = await readArchives(settings.archiveDir, settings.verifyKeyPems);
  for (const { file, problem } of archives.problems) {
    breaks.push({ kind: 'ARCHIVE_REFUSED', chain: null, seq: null, id: null, problem: `${file}: ${problem}` });
  }
  return archives;
}

/** The first problem of one entry, given what precedes it; null when it is what was written. */
function checkEntry(
  row: Row,
  chain: number,
  expected: { seq: bigint; prevHash: string; legacyUntil: bigint; keyedSeen: boolean },
  keys: Map<string, AuditHmacKey>,
  anchors: Anchor[],
): Omit<ChainBreak, 'chain' | 'seq' | 'id'> | null {
  const seq = BigInt(row.seq);
  if (seq !== expected.seq) return { kind: 'DELETED', problem: `entries ${expected.seq}..${seq - 1n} are missing` };
  if (row.prev_hash !== expected.prevHash) return { kind: 'REWRITTEN', problem: 'does not point at its predecessor' };
  const key = row.key_id === null ? null : keys.get(row.key_id);
  if (key === undefined)
    return { kind: 'UNKNOWN_KEY', problem: `keyed with "${row.key_id}", which AUDIT_HMAC_KEYS does not hold` };
  if (key === null && (expected.keyedSeen || seq > expected.legacyUntil)) {
    return { kind: 'REWRITTEN', problem: 'unkeyed digest where keyed digests had begun (recomputed without the key)' };
  }
  const digest = entryDigest(
    {
      chain,
      seq,
      prevHash: row.prev_hash,
      occurredAtMicros: BigInt(row.occurred_us),
      requestId: row.request_id,
      actorSub: row.actor_sub,
      actorRole: row.actor_role,
      actorOrg: row.actor_org,
      subjectKeys: row.subject_keys,
      resource: row.resource,
      fields: row.fields,
      purpose: row.purpose,
      purposeKind: row.purpose_kind,
      operation: row.operation,
      outcome: row.outcome,
    },
    key,
  );
  if (digest !== row.hash) return { kind: 'REWRITTEN', problem: 'content does not match its digest (altered)' };
  const differs = anchors.find((anchor) => BigInt(anchor.seq) === seq && anchor.hash !== row.hash);
  if (differs) return { kind: 'REWRITTEN', problem: `differs from checkpoint ${differs.file} (rewritten)` };
  return null;
}

/** One chain's live entries in seq order, read a page at a time. */
async function* liveRows(em: EntityManager, chain: number): AsyncGenerator<Row> {
  for (let after = 0n; ;) {
    const page: Row[] = await em.execute(
      `SELECT ${ROW_SELECT} FROM audit.access_log l WHERE l.chain = ? AND l.seq > ? ORDER BY l.seq LIMIT ${PAGE}`,
      [chain, after.toString()],
    );
    yield* page;
    if (page.length < PAGE) return;
    after = BigInt(page[page.length - 1].seq);
  }
}

/** Walks one chain; returns its entry count and pushes its first break and any truncation. */
async function verifyChain(
  em: EntityManager,
  archived: Row[],
  head: ChainHeadState,
  keys: Map<string, AuditHmacKey>,
  anchors: Anchor[],
  breaks: ChainBreak[],
): Promise<number> {
  const legacyUntil = anchors.reduce(
    (min, a) => (BigInt(a.legacySeq) < min ? BigInt(a.legacySeq) : min),
    BigInt(head.legacySeq),
  );
  const expected = { seq: 1n, prevHash: GENESIS_HASH, legacyUntil, keyedSeen: false };
  let broken = false;
  let entries = 0;
  for await (const row of mergeArchived(archived, liveRows(em, head.chain))) {
    entries += 1;
    const problem: ReturnType<typeof checkEntry> = broken ? null : checkEntry(row, head.chain, expected, keys, anchors);
    if (problem) breaks.push({ ...problem, chain: head.chain, seq: row.seq, id: row.id });
    broken ||= problem !== null;
    expected.seq = BigInt(row.seq) + 1n;
    expected.prevHash = row.hash;
    expected.keyedSeen ||= row.key_id !== null;
  }
  const last = expected.seq - 1n;
  if (!broken && (BigInt(head.seq) !== last || head.hash !== expected.prevHash)) {
    breaks.push({
      kind: BigInt(head.seq) > last ? 'TRUNCATED' : 'REWRITTEN',
      chain: head.chain,
      seq: head.seq,
      id: null,
      problem: `chain head (entry ${head.seq}) does not match the last entry (${last})`,
    });
  }
  const newest = anchors.reduce<Anchor | null>(
    (max, a) => (max === null || BigInt(a.seq) > BigInt(max.seq) ? a : max),
    null,
  );
  const reached = BigInt(head.seq) < last ? BigInt(head.seq) : last;
  if (newest && BigInt(newest.seq) > reached) {
    breaks.push({
      kind: 'TRUNCATED',
      chain: head.chain,
      seq: newest.seq,
      id: null,
      problem: `entries ${reached + 1n}..${newest.seq} are gone: checkpoint ${newest.file} saw the head at ${newest.seq}`,
    });
  }
  return entries;
}

/**
 * Checks every chain, archived months (AUDIT_ARCHIVE_DIR) and live entries as one, with the
 * HMAC keys and against the signed checkpoints in AUDIT_CHECKPOINT_DIR: each entry's digest
 * over its content and predecessor, sequence without gaps (across archived months and into the
 * first live entry), the head at the last entry, every checkpointed head still there with the
 * same hash, and no chain shorter than a checkpoint saw it. Reports the first broken link of
 * each chain, each truncation and each refused checkpoint.
 */
export async function verifyAccessLog(em: EntityManager, settings: AuditSettings): Promise<VerifyReport> {
  const breaks: ChainBreak[] = [];
  const { anchors, read, accepted } = await loadAnchors(settings, breaks);
  const keys = new Map(settings.hmacKeys.map((key) => [key.id, key]));
  const archives = await loadArchives(settings, breaks);
  const heads = await readHeads(em);
  let entries = 0;
  for (const head of heads) {
    const archived = archives.byChain.get(head.chain) ?? [];
    entries += await verifyChain(em, archived, head, keys, anchors.get(head.chain) ?? [], breaks);
  }
  for (const [chain, list] of anchors) {
    if (!heads.some((head) => head.chain === chain)) {
      breaks.push({
        kind: 'TRUNCATED',
        chain,
        seq: null,
        id: null,
        problem: `chain head is gone (checkpoint ${list[0].file} saw it)`,
      });
    }
  }
  return {
    entries,
    chains: heads.length,
    checkpoints: { read, accepted },
    archivedMonths: archives.months,
    ok: breaks.length === 0,
    breaks,
  };
}
