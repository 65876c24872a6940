import type { EntityManager, EntityName } from '@mikro-orm/postgresql';
import { rowMapper, type RowMapper } from './row-mapper';
import { allOf, pgArray, type SqlFragment } from './sql';

export { allOf, anyOf, NOTHING, TRUE, type SqlFragment } from './sql';

/** One keyset page: one extra row is fetched to tell whether more follow. */
export interface FoundPage<T> {
  nodes: T[];
  hasNextPage: boolean;
}

/**
 * The shape of every finder (GitLab's finders): a table read through the viewer's row filter,
 * so a caller only ever loads the rows it may see. `where` narrows further, never widens.
 */
export interface Finder<T> {
  /** Visible rows matching `where`; `tail` is ORDER BY / LIMIT. */
  query(where: SqlFragment, tail?: string): Promise<T[]>;
  /** Visible rows among `ids` (a row the viewer may not see is simply absent: NOT_FOUND / null). */
  byIds(ids: readonly string[]): Promise<T[]>;
  /** Keyset page on the id, in the finder's order; `cursorId` is the last id of the previous page. */
  page(where: SqlFragment, first: number, cursorId?: string): Promise<FoundPage<T>>;
  count(where: SqlFragment): Promise<number>;
}

export interface FinderSpec<T> {
  /** Schema-qualified table. */
  table: string;
  /** The alias the visibility and every `where` use. */
  alias: string;
  /** The viewer's row filter over `alias` (a `@rowRule` function): every statement is narrowed by it. */
  visibility: SqlFragment;
  map: RowMapper<T>;
  /** Keyset order on the id: newest first (the default) or id order. */
  order?: 'DESC' | 'ASC';
  /** Columns selected besides the table's own (`map` reads them), e.g. a scalar subquery. */
  extraColumns?: string;
}

/** A Finder over one table, the one implementation of the shape. */
export class SqlFinder<T> implements Finder<T> {
  private readonly order: 'DESC' | 'ASC';

  constructor(
    private readonly em: EntityManager,
    private readonly spec: FinderSpec<T>,
  ) {
    this.order = spec.order ?? 'DESC';
  }

  /** `where` AND the visibility, as one fragment (for statements of a repository's own). */
  scoped(where: SqlFragment): SqlFragment {
    return allOf(this.spec.visibility, where);
  }

  async query(where: SqlFragment, tail = ''): Promise<T[]> {
    const { table, alias, extraColumns } = this.spec;
    const filter = this.scoped(where);
    const columns = extraColumns ? `${alias}.*, ${extraColumns}` : `${alias}.*`;
    const rows = await this.em.execute(`SELECT ${columns} FROM ${table} ${alias} WHERE ${filter.sql} ${tail}`, [
      ...filter.params,
    ]);
    return rows.map(this.spec.map);
  }

  byIds(ids: readonly string[]): Promise<T[]> {
    return this.query({ sql: `${this.spec.alias}.id = ANY(?::bigint[])`, params: [pgArray(ids)] });
  }

  async page(where: SqlFragment, first: number, cursorId?: string): Promise<FoundPage<T>> {
    const { alias } = this.spec;
    const beyond = { sql: `${alias}.id ${this.order === 'DESC' ? '<' : '>'} ?`, params: [cursorId] };
    const rows = await this.query(
      cursorId ? allOf(where, beyond) : where,
      `ORDER BY ${alias}.id ${this.order} LIMIT ${first + 1}`,
    );
    return { nodes: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  async count(where: SqlFragment): Promise<number> {
    const { table, alias } = this.spec;
    const filter = this.scoped(where);
    const [row] = await this.em.execute(`SELECT count(*)::int AS n FROM ${table} ${alias} WHERE ${filter.sql}`, [
      ...filter.params,
    ]);
    return row.n;
  }
}

/** A finder of an entity's table, rows mapped by the ORM's metadata (alias `t` unless told). */
export function entityFinder<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  table: string,
  visibility: SqlFragment,
  options: { alias?: string; order?: 'DESC' | 'ASC' } = {},
): SqlFinder<T> {
  const { alias = 't', order } = options;
  return new SqlFinder(em, { table, alias, visibility, map: rowMapper(em, entity), order });
}
