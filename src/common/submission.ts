import { hash } from 'node:crypto';
import { registerEnumType } from 'type-graphql';

/** Shared by every subgraph that takes pushes (records, archives): what a push did, idempotently. */
export enum SubmitOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(SubmitOutcome, { name: 'SubmitOutcome', description: 'What a push did to one record.' });

/** Stable hash of what a push says: equal content = unchanged re-push. */
export function contentHash(content: Record<string, unknown>): string {
  const ordered = Object.keys(content)
    .sort()
    .map((key) => [key, content[key]]);
  // One-shot hash (Node >= 20.12): no Hash object per row, same digest as createHash('sha256').
  return hash('sha256', JSON.stringify(ordered), 'hex');
}
