import type { EntityManager, EntityName } from '@mikro-orm/postgresql';
import { conditionSql, CONDITIONS, jurisdictionSql } from '../auth/conditions';
import type { Principal } from '../auth/principal';
import { rowMapper } from './row-mapper';
import { allOf, pgArray, type SqlFragment } from './sql';

export { allOf, anyOf, NOTHING, type SqlFragment } from './sql';

/** Jurisdiction of the viewer over a `subject_region` column, as SQL. */
export function inRegion(viewer: Principal, alias = 't'): SqlFragment {
  return jurisdictionSql(viewer, `${alias}.subject_region`);
}

/** The subject's own rows (conditions.isSelf over `subject_key`), else nothing. */
export function ownRows(viewer: Principal, selfKey: string | undefined, alias = 't'): SqlFragment {
  return conditionSql(CONDITIONS.self, viewer, selfKey, { key: `${alias}.subject_key` });
}

/** Rows of the credit office's jurisdiction (conditions.creditOfficeOf over `subject_region`), else nothing. */
export function officeRows(viewer: Principal, alias = 't'): SqlFragment {
  return conditionSql(CONDITIONS.creditOfficeOf, viewer, undefined, { region: `${alias}.subject_region` });
}

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
    const rows = await this.em.execute(
      `SELECT t.* FROM ${this.table} t WHERE ${this.visibility.sql} AND ${where.sql} ${tail}`,
      [...this.visibility.params, ...where.params],
    );
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
    const [row] = await this.em.execute(
      `SELECT count(*)::int AS n FROM ${this.table} t WHERE ${this.visibility.sql} AND ${where.sql}`,
      [...this.visibility.params, ...where.params],
    );
    return row.n;
  }
}
