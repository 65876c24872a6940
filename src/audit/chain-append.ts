import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditHmacKey } from '../config/audit';
import { pgArray } from '../db/sql';
import { entryDigest, isoMicros, microsOf, type EntryContent } from './digest';
import type { ChainHeads, ChainHeadState } from './chain-heads';
import { addMonthPartitions, isMissingPartition } from './partitions';

/** Number of independent hash chains (stripes); see docs/audit.md. */
export const STRIPES = 16;
export const GENESIS_HASH = '0'.repeat(64);

/** An entry before it has a place in a chain. */
export type EntryDraft = Omit<EntryContent, 'chain' | 'seq' | 'prevHash' | 'occurredAtMicros'> & { occurredAt: Date };

// Concurrent writers of one chain lose the compare-and-set and retry on another stripe; 16
// stripes make a long losing streak practically impossible, the bound only stops a livelock.
const MAX_ATTEMPTS = 32;
const COLUMNS =
  'seq, prev_hash, hash, key_id, occurred_at, request_id, actor_sub, actor_role, actor_org, subject_keys, resource, ' +
  'fields, purpose, operation, outcome, purpose_kind';
const ROW =
  '(?::bigint, ?::text, ?::text, ?::text, ?::timestamptz, ?::text, ?::text, ?::text, ?::text, ?::text[], ?::text, ' +
  '?::text[], ?::text, ?::text, ?::text, ?::text)';

/**
 * Moves the head from exactly the state the digests were computed on and inserts the entries,
 * in one statement: if another writer moved the head meanwhile, nothing is written.
 */
function appendSql(rows: number): string {
  return `WITH moved AS (
    UPDATE audit.chain_head SET seq = ?, last_hash = ? WHERE chain = ? AND seq = ? AND last_hash = ? RETURNING chain)
  INSERT INTO audit.access_log (chain, ${COLUMNS})
  SELECT moved.chain, v.* FROM moved, (VALUES ${Array(rows).fill(ROW).join(', ')}) AS v(${COLUMNS})
  RETURNING seq`;
}

/**
 * Runs the append; when the entries' month has no partition yet (maintenance keeps months
 * ahead, docs/audit.md "Partitions"), creates it and tries once more. The failed statement
 * moved no head, so the retry computes nothing anew.
 */
async function insertRouted(em: EntityManager, sql: string, params: unknown[]): Promise<unknown[]> {
  try {
    return await em.execute(sql, params);
  } catch (error) {
    if (!isMissingPartition(error)) throw error;
    await addMonthPartitions(em, 1);
    return em.execute(sql, params);
  }
}

/** The head of `chain` as the database has it. */
async function readHead(em: EntityManager, chain: number): Promise<ChainHeadState> {
  const [head]: { seq: string; last_hash: string }[] = await em.execute(
    'SELECT seq::text, last_hash FROM audit.chain_head WHERE chain = ?',
    [chain],
  );
  if (!head) throw new Error(`access log chain head ${chain} missing: entry not written`);
  return { seq: head.seq, lastHash: head.last_hash };
}

/** Each draft's digest over its content and predecessor, from `head` on: the statement's parameters, the new head. */
function chained(
  key: AuditHmacKey,
  chain: number,
  head: ChainHeadState,
  drafts: EntryDraft[],
): { params: unknown[]; next: ChainHeadState } {
  let seq = BigInt(head.seq);
  let prevHash = head.lastHash;
  const params: unknown[] = [];
  for (const { occurredAt, ...draft } of drafts) {
    seq += 1n;
    const content: EntryContent = { ...draft, chain, seq, prevHash, occurredAtMicros: microsOf(occurredAt) };
    const hash = entryDigest(content, key);
    params.push(
      seq.toString(),
      prevHash,
      hash,
      key.id,
      isoMicros(content.occurredAtMicros),
      draft.requestId,
      draft.actorSub,
      draft.actorRole,
      draft.actorOrg,
      pgArray(draft.subjectKeys),
      draft.resource,
      pgArray(draft.fields),
      draft.purpose,
      draft.operation,
      draft.outcome,
      draft.purposeKind ?? null,
    );
    prevHash = hash;
  }
  return { params, next: { seq: seq.toString(), lastHash: prevHash } };
}

/** One compare-and-set append on `chain` from `head`: the new head, or null when the head had moved. */
async function appendOn(
  em: EntityManager,
  key: AuditHmacKey,
  drafts: EntryDraft[],
  chain: number,
  head: ChainHeadState,
): Promise<ChainHeadState | null> {
  const { params, next } = chained(key, chain, head, drafts);
  const inserted = await insertRouted(em, appendSql(drafts.length), [
    next.seq,
    next.lastHash,
    chain,
    head.seq,
    head.lastHash,
    ...params,
  ]);
  return inserted.length > 0 ? next : null;
}

/**
 * Appends entries to one chain. The HMAC is computed here, in the hub, so its key never
 * reaches PostgreSQL (whose owner could log statements): take the head, compute each entry's
 * digest over its content and predecessor, then compare-and-set the head while inserting.
 * With `heads` (the process's ChainHeads) the head this process last left is taken as is:
 * one statement; otherwise, or when that head has moved, it is read first: two. No lock is
 * held across round trips. Throws when the log cannot be written: the caller must then
 * withhold the data.
 */
export async function appendEntries(
  em: EntityManager,
  key: AuditHmacKey,
  drafts: EntryDraft[],
  heads?: ChainHeads,
): Promise<void> {
  if (drafts.length === 0) return;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const taken = heads ? heads.take() : { chain: randomInt(STRIPES) };
    let next: ChainHeadState | null = null;
    try {
      if (taken.head) next = await appendOn(em, key, drafts, taken.chain, taken.head);
      // A known head that had moved: read it, and try once more on this chain within the attempt.
      if (!next) next = await appendOn(em, key, drafts, taken.chain, await readHead(em, taken.chain));
    } finally {
      heads?.release(taken.chain, next ?? undefined);
    }
    if (next) return;
  }
  throw new Error(`access log append lost the race ${MAX_ATTEMPTS} times: entry not written`);
}
