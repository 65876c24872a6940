import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { pgArray } from '../db/sql';

/** Number of independent hash chains (stripes); see docs/audit.md. */
export const STRIPES = 16;
export const GENESIS_HASH = '0'.repeat(64);

export type AccessResource = 'ARCHIVE' | 'PERSON_CODE' | 'RESTRICTED_RECORD';
export type AccessOutcome = 'GRANTED' | 'DENIED';

export interface AccessNote {
  resource: AccessResource;
  subjectKey: string;
  fields: string[];
  purpose?: string | null;
  outcome: AccessOutcome;
}

// One statement per entry: lock the chain head, insert the entry with its digest, move the head.
const APPEND_SQL = `
WITH head AS (SELECT chain, seq, last_hash FROM audit.chain_head WHERE chain = ? FOR UPDATE),
v AS (SELECT ?::timestamptz AS occurred_at, ?::text AS request_id, ?::text AS actor_sub, ?::text AS actor_role, ?::text AS actor_org,
             ?::text[] AS subject_keys, ?::text AS resource, ?::text[] AS fields, ?::text AS purpose, ?::text AS operation, ?::text AS outcome),
entry AS (
  INSERT INTO audit.access_log (chain, seq, prev_hash, hash, occurred_at, request_id, actor_sub, actor_role, actor_org, subject_keys, resource, fields, purpose, operation, outcome)
  SELECT head.chain, head.seq + 1, head.last_hash,
         audit.entry_digest(head.chain, head.seq + 1, head.last_hash, v.occurred_at, v.request_id, v.actor_sub, v.actor_role, v.actor_org, v.subject_keys, v.resource, v.fields, v.purpose, v.operation, v.outcome),
         v.occurred_at, v.request_id, v.actor_sub, v.actor_role, v.actor_org, v.subject_keys, v.resource, v.fields, v.purpose, v.operation, v.outcome
  FROM head, v RETURNING chain, seq, hash)
UPDATE audit.chain_head h SET seq = entry.seq, last_hash = entry.hash FROM entry WHERE h.chain = entry.chain RETURNING entry.seq`;

/**
 * Collects, during one subgraph execution, every release (or denial) of protected data
 * that the authorization layer decided, then writes them before the response leaves the
 * subgraph (see gateway/in-process-data-source.ts). If the write fails, the data is not
 * released. Notes of the same resource, outcome and purpose are merged into one entry
 * listing all subjects, so a page of 50 persons is one entry, not 50.
 */
export class AccessRecorder {
  private readonly notes: AccessNote[] = [];

  constructor(
    private readonly viewer: Principal,
    private readonly requestId: string,
  ) {}

  note(note: AccessNote): void {
    this.notes.push(note);
  }

  get pending(): number {
    return this.notes.length;
  }

  async flush(em: EntityManager, operation: string): Promise<number> {
    if (this.notes.length === 0) return 0;
    const groups = new Map<string, { note: AccessNote; subjects: Set<string>; fields: Set<string> }>();
    for (const note of this.notes.splice(0)) {
      const key = JSON.stringify([note.resource, note.outcome, note.purpose ?? null]);
      const group = groups.get(key) ?? { note, subjects: new Set(), fields: new Set() };
      group.subjects.add(note.subjectKey);
      note.fields.forEach((field) => group.fields.add(field));
      groups.set(key, group);
    }
        for (const { note, subjects, fields } of groups.values()) {
      const appended = await em.execute(APPEND_SQL, [
        randomInt(STRIPES),
        new Date().toISOString(),
        this.requestId,
        this.viewer.clientId,
        this.viewer.role,
        this.viewer.org ?? null,
        pgArray([...subjects].sort()),
        note.resource,
        pgArray([...fields].sort()),
        note.purpose ?? null,
        operation,
        note.outcome,
      ]);
      // No chain head, no entry: that must stop the release, not pass silently.
      if (appended.length !== 1) throw new Error('access log chain head missing: entry not written');
    }
    return groups.size;
  }
}
