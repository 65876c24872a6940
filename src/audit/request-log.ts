import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditHmacKey } from '../config/audit';
import { appendEntries, type EntryDraft } from './chain-append';
import type { ChainHeads } from './chain-heads';

/**
 * The access-log entries of one client request to the in-process hub, written in one append
 * (one statement, consecutive entries of one chain) before the response leaves the hub
 * (gateway/request-log.ts). Each subgraph execution adds its recorder's drafts as it ends
 * (AccessRecorder.drafts: grouped and stamped as its own flush would have), so the entries are
 * the same as with one append per subgraph, in the order the subgraphs answered; only their
 * place in the chains differs. In-process only: a subgraph that answers over the network
 * (split deployment) writes its own before its answer leaves its process.
 */
export class RequestAccessLog {
  private readonly pending: EntryDraft[] = [];
  /** The EntityManager of the first subgraph that added entries (on the primary): the append runs on it. */
  private em?: EntityManager;

  constructor(
    private readonly key: AuditHmacKey,
    private readonly heads?: ChainHeads,
  ) {}

  add(em: EntityManager, drafts: EntryDraft[]): void {
    if (drafts.length === 0) return;
    this.em ??= em;
    this.pending.push(...drafts);
  }

  /** Appends every entry added so far; the number written. Throws when they cannot be: withhold the response. */
  async write(): Promise<number> {
    if (!this.em || this.pending.length === 0) return 0;
    const drafts = this.pending.splice(0);
    await appendEntries(this.em, this.key, drafts, this.heads);
    return drafts.length;
  }
}
