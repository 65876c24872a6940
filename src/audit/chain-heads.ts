import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../common/logger';
import { STRIPES } from './chain-append';
import { useChainHeads } from './current-key';
import { keepPartitionsAhead } from './partitions';

/** A chain's head as this process last wrote it (or read it). */
export interface ChainHeadState {
  seq: string;
  lastHash: string;
}

/**
 * The heads of the access log's chains as this process left them, so an append can skip
 * reading the head first (one statement instead of two). Only a hint: the append still
 * compares-and-sets the head on exactly this state, so a head moved by another process (or
 * a rolled-back transaction) makes the append write nothing, forget the hint and read the
 * head again. Appends of this process take a chain no other append of it is using, so they
 * do not race each other for one head. One per HubServices (openAccessLog, at start-up), never per module.
 */
export class ChainHeads {
  private readonly known = new Map<number, ChainHeadState>();
  /** Appends of this process under way, per chain. */
  private readonly busy = new Map<number, number>();

  constructor(private readonly stripes = STRIPES) {}

  /** A chain for one append: a random idle one, preferring those whose head is known; any when all are busy. */
  take(): { chain: number; head?: ChainHeadState } {
    const idle: number[] = [];
    const known: number[] = [];
    for (let chain = 0; chain < this.stripes; chain += 1) {
      if (this.busy.has(chain)) continue;
      idle.push(chain);
      if (this.known.has(chain)) known.push(chain);
    }
    const from = known.length > 0 ? known : idle;
    const chain = from.length > 0 ? from[randomInt(from.length)] : randomInt(this.stripes);
    this.busy.set(chain, (this.busy.get(chain) ?? 0) + 1);
    return { chain, head: this.known.get(chain) };
  }

  /** The append on `chain` is over: `head` is where it left the chain, undefined when that is not known. */
  release(chain: number, head?: ChainHeadState): void {
    const left = (this.busy.get(chain) ?? 1) - 1;
    if (left > 0) this.busy.set(chain, left);
    else this.busy.delete(chain);
    if (head) this.known.set(chain, head);
    else this.known.delete(chain);
  }

  /** What the database said the head of `chain` is (start-up). */
  know(chain: number, head: ChainHeadState): void {
    this.known.set(chain, head);
  }
}

/**
 * Start-up of the access log for a hub process: partitions made ahead (partitions.ts), and the
 * chain heads as the database has them now, so even the first appends take one statement. No
 * head is known when the log's tables are not there yet (migrations pending).
 */
export async function openAccessLog(em: EntityManager, monthsAhead: number, logger: Logger): Promise<ChainHeads> {
  await keepPartitionsAhead(em, monthsAhead, logger);
  const heads = new ChainHeads();
  await learnChainHeads(em, heads);
  useChainHeads(heads);
  return heads;
}

/** Takes every head as the database has it now (start-up, and after the log was emptied: db/reset.ts). */
export async function learnChainHeads(em: EntityManager, heads: ChainHeads): Promise<void> {
  type Row = { chain: number; seq: string; last_hash: string };
  const rows = await em.execute<Row[]>('SELECT chain, seq::text, last_hash FROM audit.chain_head').catch(() => []);
  for (const row of rows) heads.know(Number(row.chain), { seq: row.seq, lastHash: row.last_hash });
}
