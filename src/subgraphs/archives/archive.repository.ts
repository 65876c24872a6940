import type { EntityManager } from '@mikro-orm/postgresql';
import { rowMapper } from '../../db/row-mapper';
import { pgArray } from '../../db/sql';
import { ArchiveEntry } from './archive-entry.entity';

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

  /** Access-log entries about one subject, newest first (keyset on id). */
  async accessLog(subjectKey: string, first: number, beforeId?: string) {
    const rows: Record<string, any>[] = await this.em.execute(
      `SELECT id::text, occurred_at, actor_sub, actor_role, actor_org, resource, fields, purpose, operation, outcome
       FROM audit.access_log WHERE subject_keys @> ARRAY[?]::text[] ${beforeId ? 'AND id < ?' : ''} ORDER BY id DESC LIMIT ${first + 1}`,
      beforeId ? [subjectKey, beforeId] : [subjectKey],
    );
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  async countAccessLog(subjectKey: string): Promise<number> {
    const [row] = await this.em.execute(
      'SELECT count(*)::int AS n FROM audit.access_log WHERE subject_keys @> ARRAY[?]::text[]',
      [subjectKey],
    );
    return row.n;
  }
}
