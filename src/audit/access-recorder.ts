import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { AuditHmacKey } from '../config/audit';
import { appendEntries, type EntryDraft } from './chain-append';
import type { ChainHeads } from './chain-heads';

export type AccessResource = 'ARCHIVE' | 'PERSON_CODE' | 'PERSON_STANDING' | 'RESTRICTED_RECORD' | 'APPOINTMENT_CHECK';
export type AccessOutcome = 'GRANTED' | 'DENIED';

export interface AccessNote {
  resource: AccessResource;
  subjectKey: string;
  fields: string[];
  purpose?: string | null;
  /** The typed half of the purpose (AppointmentPurpose), beside the free-text note in `purpose`. */
  purposeKind?: string | null;
  /** One entry for this subject alone, never merged with others' (appointmentCheck: one entry per person). */
  perSubject?: boolean;
  outcome: AccessOutcome;
}

/**
 * Collects, during one subgraph execution, every release (or denial) of protected data
 * that the authorization layer decided, then writes them before the response leaves the
 * subgraph (see gateway/execute-subgraph.ts). If the write fails, the data is not
 * released. Notes of the same resource, outcome and purpose are merged into one entry
 * listing all subjects, so a page of 50 persons is one entry, not 50; the entries of one
 * flush go to one chain in one append (chain-append.ts).
 */
export class AccessRecorder {
  private readonly notes: AccessNote[] = [];

  constructor(
    private readonly viewer: Principal,
    private readonly requestId: string,
    /** The current HMAC key (AUDIT_HMAC_KEYS' first). */
    private readonly key: AuditHmacKey,
    /** The process's chain heads (HubServices.chainHeads): appends of one statement when uncontended. */
    private readonly heads?: ChainHeads,
  ) {}

  note(note: AccessNote): void {
    this.notes.push(note);
  }

  /** Takes the notes made so far as entry drafts, merged as described above and stamped now; [] when none. */
  drafts(operation: string): EntryDraft[] {
    if (this.notes.length === 0) return [];
    const groups = new Map<string, { note: AccessNote; subjects: Set<string>; fields: Set<string> }>();
    for (const note of this.notes.splice(0)) {
      const key = JSON.stringify([
        note.resource,
        note.outcome,
        note.purpose ?? null,
        note.purposeKind ?? null,
        note.perSubject ? note.subjectKey : null,
      ]);
      const group = groups.get(key) ?? { note, subjects: new Set(), fields: new Set() };
      group.subjects.add(note.subjectKey);
      note.fields.forEach((field) => group.fields.add(field));
      groups.set(key, group);
    }
    const occurredAt = new Date();
    return [...groups.values()].map(({ note, subjects, fields }) => ({
      occurredAt,
      requestId: this.requestId,
      actorSub: this.viewer.clientId,
      actorRole: this.viewer.role,
      actorOrg: this.viewer.org ?? null,
      subjectKeys: [...subjects].sort(),
      resource: note.resource,
      fields: [...fields].sort(),
      purpose: note.purpose ?? null,
      purposeKind: note.purposeKind ?? null,
      operation,
      outcome: note.outcome,
    }));
  }

  /** Writes the notes made so far (drafts) in one append; the number of entries written. */
  async flush(em: EntityManager, operation: string): Promise<number> {
    const drafts = this.drafts(operation);
    await appendEntries(em, this.key, drafts, this.heads);
    return drafts.length;
  }
}
