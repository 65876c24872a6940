import type { EntryDraft } from '../../src/audit/chain-append';

/** An access-log entry as the hub writes one for an organization department's file read (`i` varies its keys). */
export function fileReadDraft(i: number, requestId: string, occurredAt = new Date()): EntryDraft {
  return {
    occurredAt,
    requestId,
    actorSub: 'test-org-dept',
    actorRole: 'ORG_DEPT',
    actorOrg: null,
    subjectKeys: [`key-${i}`],
    resource: 'ARCHIVE',
    fields: ['entries'],
    purpose: `考察${i}`,
    operation: 'ReadFile',
    outcome: 'GRANTED',
  };
}
