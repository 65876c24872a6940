import type { EntityManager } from '@mikro-orm/postgresql';
import { conditionSql, CONDITIONS, type SubjectColumns } from '../../auth/conditions';
import type { Principal } from '../../auth/principal';
import { rowMapper } from '../../db/row-mapper';
import { SqlFinder, type FoundPage } from '../../db/finder';
import { allOf, anyOf, oneOf, TRUE, type SqlFragment } from '../../db/sql';
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
  // Built once per caller, as recordVisibility is: principals are frozen and kept per token, so a client's requests
  // share one fragment (frozen: no caller may change what the next request reads).
  const key = `${selfKey ?? ''}\u0000${alias}`;
  let built = visibilities.get(viewer);
  if (!built || built.size > 16) visibilities.set(viewer, (built = new Map()));
  let fragment = built.get(key);
  if (!fragment) {
    const { sql, params } = anyOf(
      { sql: `${alias}.kind <> '${SubjectKind.PUBLIC_SERVANT}'`, params: [] },
      conditionSql(CONDITIONS.maySeePerson, viewer, selfKey, subjectColumns(alias)),
    );
    fragment = Object.freeze({ sql, params: Object.freeze([...params]) as unknown[] });
    built.set(key, fragment);
  }
  return fragment;
}

const visibilities = new WeakMap<Principal, Map<string, SqlFragment>>();

export interface SubjectSearch {
  kinds?: SubjectKind[] | null;
  nameContains?: string | null;
  regionPrefix?: string | null;
  parentId?: string | null;
}

export class SubjectRepository {
  /** The subjects the viewer may see (visibility), as the shared finder shape, in id order. */
  readonly finder: SqlFinder<Subject>;

  constructor(
    private readonly em: EntityManager,
    viewer: Principal,
    selfKey: string | undefined,
  ) {
    const map = rowMapper(em, Subject);
    this.finder = new SqlFinder(em, {
      table: 'subjects.subject',
      alias: 's',
      visibility: visibility(viewer, selfKey),
      order: 'ASC',
      // The managing department's key in the same statement: the conditions on a cadre read it (rules.ts).
      extraColumns: '(SELECT m.code_key FROM subjects.subject m WHERE m.id = s.managed_by_id) AS managed_by_key',
      map: (row) => Object.assign(map(row), { managedByKey: (row.managed_by_key as string | null) ?? null }),
    });
  }

  byIds(ids: readonly string[]): Promise<Subject[]> {
    return this.finder.byIds(ids);
  }

  byCodeKeys(keys: readonly string[]): Promise<Subject[]> {
    return this.finder.query(oneOf('s.code_key', keys));
  }

  /** Visible children of each parent, at most `limit` per parent, in id order. */
  async childrenOf(parentIds: readonly string[], limit: number): Promise<Subject[]> {
    const where = this.finder.scoped(oneOf('s.parent_id', parentIds, 'bigint'));
    const rows = await this.em.execute(
      `SELECT * FROM (
         SELECT s.*, row_number() OVER (PARTITION BY s.parent_id ORDER BY s.id) AS rank_in_parent
         FROM subjects.subject s WHERE ${where.sql}
       ) ranked WHERE rank_in_parent <= ? ORDER BY parent_id, id`,
      [...where.params, limit],
    );
    return rows.map(rowMapper(this.em, Subject));
  }

  /** Keyset page in id order. */
  search(filter: SubjectSearch, first: number, afterId?: string): Promise<FoundPage<Subject>> {
    return this.finder.page(searchWhere(filter), first, afterId);
  }

  count(filter: SubjectSearch): Promise<number> {
    return this.finder.count(searchWhere(filter));
  }
}

function searchWhere(filter: SubjectSearch): SqlFragment {
  const escaped = filter.nameContains?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return allOf(
    oneOf('s.kind', filter.kinds),
    escaped ? { sql: `s.name ILIKE ? ESCAPE '\\'`, params: [`%${escaped}%`] } : TRUE,
    filter.regionPrefix ? { sql: 's.region_code LIKE ?', params: [`${filter.regionPrefix}%`] } : TRUE,
    filter.parentId ? { sql: 's.parent_id = ?', params: [filter.parentId] } : TRUE,
  );
}
