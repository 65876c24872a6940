import type { EntityManager, EntityName } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { Role } from '../../../../auth/roles';
import { rowMapper } from '../../../../db/row-mapper';
import { pgArray } from '../../../../db/sql';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** Jurisdiction of the viewer over a `subject_region` column, as SQL. */
export function inRegion(viewer: Principal, alias = 't'): SqlFragment {
  return viewer.regionPrefix ? { sql: `${alias}.subject_region LIKE ?`, params: [`${viewer.regionPrefix}%`] } : { sql: 'true', params: [] };
}

/** The subject's own rows (SUBJECT with a registered self key), else nothing. */
export function ownRows(viewer: Principal, selfKey: string | undefined, alias = 't'): SqlFragment {
  return viewer.role === Role.SUBJECT && selfKey ? { sql: `${alias}.subject_key = ?`, params: [selfKey] } : { sql: 'false', params: [] };
}

export function anyOf(...parts: SqlFragment[]): SqlFragment {
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}

export function allOf(...parts: SqlFragment[]): SqlFragment {
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' AND ')})`, params: parts.flatMap((p) => p.params) };
}

export const NOTHING: SqlFragment = { sql: 'false', params: [] };

/**
 * Row-level finder of one workflow table: every query is narrowed by the viewer's
 * visibility fragment, so a caller only ever loads the objects it may see.
 */
export class WorkflowFinder<T extends object> {
  constructor(
    private readonly em: EntityManager,
    private readonly entity: EntityName<T>,
    private readonly table: string,
    private readonly visibility: SqlFragment,
  ) {}

  private async query(where: SqlFragment, tail = ''): Promise<T[]> {
    const rows = await this.em
      .execute(`SELECT t.* FROM ${this.table} t WHERE ${this.visibility.sql} AND ${where.sql} ${tail}`, [...this.visibility.params, ...where.params]);
    return rows.map(rowMapper(this.em, this.entity));
  }

  byIds(ids: readonly string[]): Promise<T[]> {
    return this.query({ sql: 't.id = ANY(?::bigint[])', params: [pgArray(ids)] });
  }

  /** Newest first; one extra row tells whether more follow. */
  async page(where: SqlFragment, first: number, beforeId?: string): Promise<{ nodes: T[]; hasNextPage: boolean }> {
    const clause = beforeId ? allOf(where, { sql: 't.id < ?', params: [beforeId] }) : where;
    const rows = await this.query(clause, `ORDER BY t.id DESC LIMIT ${first + 1}`);
    return { nodes: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  async count(where: SqlFragment): Promise<number> {
    const [row] = await this.em
      .execute(`SELECT count(*)::int AS n FROM ${this.table} t WHERE ${this.visibility.sql} AND ${where.sql}`, [...this.visibility.params, ...where.params]);
    return row.n;
  }
}
