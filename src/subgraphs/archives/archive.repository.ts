import type { EntityManager } from '@mikro-orm/postgresql';
import { rowMapper } from '../../db/row-mapper';
import { pgArray } from '../../db/sql';
import { ArchiveEntry } from './archive-entry.entity';

/** An access-log entry as the finder reads it (audit.access_log), with the subject it was asked for. */
export interface AccessLogRow {
  subject_key: string;
  id: string;
  occurred_at: string | Date;
  actor_sub: string;
  actor_role: string;
  actor_org: string | null;
  resource: string;
  fields: string[];
  purpose: string | null;
  purpose_kind: string | null;
  operation: string;
  outcome: string;
}

/** Finders of the archives subgraph. Who may read a file is decided before these run (rules.ts). */
export class ArchiveRepository {
  constructor(private readonly em: EntityManager) {}

  async entriesOf(personIds: readonly string[]): Promise<ArchiveEntry[]> {
    const rows = await this.em.execute(
      'SELECT e.* FROM archives.archive_entry e WHERE e.person_id = ANY(?::bigint[]) ORDER BY e.person_id, e.year DESC, e.occurred_on DESC, e.id DESC',
      [pgArray(personIds)],
    );
    return rows.map(rowMapper(this.em, ArchiveEntry));
  }

  /** The last `n` annual assessments of each person, newest first, in one statement (appointmentCheck). */
  async recentAssessments(personIds: readonly string[], n: number): Promise<ArchiveEntry[]> {
    const rows = await this.em.execute(
      `SELECT e.* FROM archives.archive_entry e WHERE e.id IN (
         SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY person_id ORDER BY year DESC) AS n
                         FROM archives.archive_entry WHERE kind = 'ANNUAL_ASSESSMENT' AND person_id = ANY(?::bigint[])) x
         WHERE x.n <= ?)
       ORDER BY e.person_id, e.year DESC`,
      [pgArray(personIds), n],
    );
    return rows.map(rowMapper(this.em, ArchiveEntry));
  }

  /**
   * Access-log entries about each subject, newest first (keyset on id), in one statement
   * for any number of subjects: at most `first` + 1 per subject, so the caller knows
   * whether more follow.
   */
  async accessLogs(subjectKeys: readonly string[], first: number, beforeId?: string): Promise<AccessLogRow[]> {
    return this.em.execute(
      `SELECT k.subject_key, l.* FROM unnest(?::text[]) AS k(subject_key) CROSS JOIN LATERAL (
         SELECT id::text, occurred_at, actor_sub, actor_role, actor_org, resource, fields, purpose, purpose_kind, operation,
                outcome
         FROM audit.access_log WHERE subject_keys @> ARRAY[k.subject_key] ${beforeId ? 'AND id < ?' : ''}
         ORDER BY id DESC LIMIT ${first + 1}) l
       ORDER BY k.subject_key, l.id::bigint DESC`,
      beforeId ? [pgArray(subjectKeys), beforeId] : [pgArray(subjectKeys)],
    );
  }

  /** Number of access-log entries about each subject, in one statement. */
  async countAccessLogs(subjectKeys: readonly string[]): Promise<{ subject_key: string; n: number }[]> {
    return this.em.execute(
      `SELECT k.subject_key, (SELECT count(*) FROM audit.access_log WHERE subject_keys @> ARRAY[k.subject_key])::int AS n
       FROM unnest(?::text[]) AS k(subject_key)`,
      [pgArray(subjectKeys)],
    );
  }
}
