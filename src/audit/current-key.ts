import type { AuditHmacKey } from '../config/audit';
import type { ChainHeads } from './chain-heads';

/**
 * The key new access-log entries are made with, set when the runtime opens. Requests get it
 * through their context; the webhook outbox, which logs releases inside the transaction of
 * whichever write path notified it (pushes, repairs, listings, workflow records), takes it
 * from here instead of having it threaded through every service on the way.
 */
let current: AuditHmacKey | undefined;

export function useAuditKey(key: AuditHmacKey): void {
  current = key;
}

export function currentAuditKey(): AuditHmacKey {
  if (!current) throw new Error('access log key not configured (openRuntime sets it): entry not written');
  return current;
}

/**
 * The chain heads of the runtime opened last (openAccessLog), for the same webhook outbox: its
 * appends keep them current, so the requests' appends do not start from heads it moved.
 */
let heads: ChainHeads | undefined;

export function useChainHeads(chainHeads: ChainHeads): void {
  heads = chainHeads;
}

export function currentChainHeads(): ChainHeads | undefined {
  return heads;
}
