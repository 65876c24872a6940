import type { EntityManager } from '@mikro-orm/postgresql';
import { conditionSql, CONDITIONS, type SubjectColumns } from '../../auth/conditions';
import type { Principal } from '../../auth/principal';
import { rowMapper } from '../../db/row-mapper';
import { anyOf, pgArray, type SqlFragment } from '../../db/sql';
import { Subject } from './subject.entity';
import { SubjectKind } from '../../common/subject-kind';

/** Where the registry's queries find the facts the conditions read (alias `s`). */
export function subjectColumns(alias = 's'): SubjectColumns {
  return {
    key: `${alias}.code_key`,
    region: `${alias}.region_code`,
    managedBy: `${alias}.managed_by_id IN (SELECT m.id FROM subjects.subject m WHERE m.code_key = ?)`,
  };
}

/**
 * Finders for subjects. Row-level visibility lives here, once, as a SQL predicate: every
 * query that returns subjects to a viewer goes through `visibility()`.
 *
 * - Organizations are public: every role sees them (jurisdiction narrows nothing that
 *   PUBLIC may see anyway).
 * - Civil servants: conditions.maySeePerson (government roles within their jurisdiction,
 *   the organization department that manages them, themselves).
 * @rowRule
 */
export function visibility(viewer: Principal, selfKey: string | undefined, alias = 's'): SqlFragment {
  return anyOf(
    { sql: `${alias}.kind <> '${SubjectKind.PUBLIC_SERVANT}'`, params: [] },
    conditionSql(CONDITIONS.maySeePerson, viewer, selfKey, subjectColumns(alias)),
  );
}

export interface SubjectSearch {
  kinds?: SubjectKind[] | null;
  nameContains?: string | null;
  regionPrefix?: string | null;
  parentId?: string | null;
}

const COLUMNS = 's.*';

export class SubjectRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
  ) {}

  private async select(where: string, params: unknown[], tail = ''): Promise<Subject[]> {
    const scope = visibility(this.viewer, this.selfKey);
    const rows = await this.em.execute(
      `SELECT ${COLUMNS} FROM subjects.subject s WHERE ${scope.sql} AND ${where} ${tail}`,
      [...scope.params, ...params],
    );
    return rows.map(rowMapper(this.em, Subject));
  }

  byIds(ids: readonly string[]): Promise<Subject[]> {
    return this.select('s.id = ANY(?::bigint[])', [pgArray(ids)]);
  }

  byCodeKeys(keys: readonly string[]): Promise<Subject[]> {
    return this.select('s.code_key = ANY(?::text[])', [pgArray(keys)]);
  }

  /** Visible children of each parent, at most `limit` per parent, in id order. */
  async childrenOf(parentIds: readonly string[], limit: number): Promise<Subject[]> {
    const scope = visibility(this.viewer, this.selfKey);
    const rows = await this.em.execute(
      `SELECT * FROM (
         SELECT ${COLUMNS}, row_number() OVER (PARTITION BY s.parent_id ORDER BY s.id) AS rank_in_parent
         FROM subjects.subject s WHERE ${scope.sql} AND s.parent_id = ANY(?::bigint[])
       ) ranked WHERE rank_in_parent <= ? ORDER BY parent_id, id`,
      [...scope.params, pgArray(parentIds), limit],
    );
    return rows.map(rowMapper(this.em, Subject));
  }

  private searchWhere(filter: SubjectSearch): SqlFragment {
    const clauses: string[] = ['true'];
    const params: unknown[] = [];
    if (filter.kinds?.length) {
      clauses.push('s.kind = ANY(?::text[])');
      params.push(pgArray(filter.kinds));
    }
    if (filter.nameContains) {
      clauses.push(`s.name ILIKE ? ESCAPE '\\'`);
      params.push(`%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (filter.regionPrefix) {
      clauses.push('s.region_code LIKE ?');
      params.push(`${filter.regionPrefix}%`);
    }
    if (filter.parentId) {
      clauses.push('s.parent_id = ?');
      params.push(filter.parentId);
    }
    return { sql: clauses.join(' AND '), params };
  }

  /** Keyset page in id order; fetches one extra row to know whether more follow. */
  async search(
    filter: SubjectSearch,
    first: number,
    afterId?: string,
  ): Promise<{ nodes: Subject[]; hasNextPage: boolean }> {
    const where = this.searchWhere(filter);
    const after = afterId ? ' AND s.id > ?' : '';
    const rows = await this.select(
      `${where.sql}${after}`,
      afterId ? [...where.params, afterId] : where.params,
      `ORDER BY s.id LIMIT ${first + 1}`,
    );
    return { nodes: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  async count(filter: SubjectSearch): Promise<number> {
    const scope = visibility(this.viewer, this.selfKey);
    const where = this.searchWhere(filter);
    const [row] = await this.em.execute(
      `SELECT count(*)::int AS n FROM subjects.subject s WHERE ${scope.sql} AND ${where.sql}`,
      [...scope.params, ...where.params],
    );
    return row.n;
  }
}
