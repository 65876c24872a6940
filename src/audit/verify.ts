import type { EntityManager } from '@mikro-orm/postgresql';
import { GENESIS_HASH } from './access-recorder';

export interface ChainBreak {
  chain: number;
  seq: string;
  id: string | null;
  problem: string;
}

export interface VerifyReport {
  entries: number;
  chains: number;
  ok: boolean;
  breaks: ChainBreak[];
}

const PAGE = 5000;

/**
 * Walks every chain in order and checks that each entry's stored hash equals the digest
 * of its columns (audit.entry_digest), that it points at its predecessor's hash, that
 * sequence numbers have no gaps, and that the chain head matches the last entry. Reports
 * the first broken link of each chain.
 */
export async function verifyAccessLog(em: EntityManager): Promise<VerifyReport> {
    const heads: { chain: number; seq: string; last_hash: string }[] = await em.execute(
    'SELECT chain, seq::text, last_hash FROM audit.chain_head ORDER BY chain',
  );
  const breaks: ChainBreak[] = [];
  let entries = 0;
  for (const head of heads) {
    let expectedSeq = 1n;
    let previous = GENESIS_HASH;
    let broken = false;
    let after = 0n;
    for (;;) {
      const rows: { id: string; seq: string; prev_hash: string; hash: string; digest: string }[] = await em.execute(
        `SELECT id::text, seq::text, prev_hash, hash,
                audit.entry_digest(chain, seq, prev_hash, occurred_at, request_id, actor_sub, actor_role, actor_org, subject_keys, resource, fields, purpose, operation, outcome) AS digest
         FROM audit.access_log WHERE chain = ? AND seq > ? ORDER BY seq LIMIT ${PAGE}`,
        [head.chain, after.toString()],
      );
      for (const row of rows) {
        entries += 1;
        if (broken) continue;
        const problem =
          BigInt(row.seq) !== expectedSeq ? `entry ${expectedSeq} is missing (found ${row.seq})`
          : row.prev_hash !== previous ? 'does not point at its predecessor'
          : row.digest !== row.hash ? 'content does not match its hash (altered)'
          : null;
        if (problem) {
          breaks.push({ chain: head.chain, seq: row.seq, id: row.id, problem });
          broken = true;
        }
        previous = row.hash;
        expectedSeq += 1n;
      }
      if (rows.length < PAGE) break;
      after = BigInt(rows[rows.length - 1].seq);
    }
    if (!broken && (BigInt(head.seq) !== expectedSeq - 1n || head.last_hash !== previous)) {
      breaks.push({ chain: head.chain, seq: head.seq, id: null, problem: 'chain head does not match the last entry (entries removed at the end?)' });
    }
  }
  return { entries, chains: heads.length, ok: breaks.length === 0, breaks };
}
