import { isWithinJurisdiction } from '../identity/division';
import { anyOf, NOTHING, TRUE, type SqlFragment } from '../db/sql';
import type { Principal } from './principal';
import type { Role } from './roles';

/**
 * How an access condition (conditions.ts) is built and evaluated: a list of terms "role(s) +
 * relation to the subject", true when one term matches, evaluated in JS (shield rules,
 * services), as SQL (finders) and in words (the permission matrix) from the one definition.
 */

/** How the subject relates to the viewer. */
export type Relation =
  | 'ANYWHERE' // whatever the subject
  | 'IN_JURISDICTION' // the subject's division code is inside the viewer's region prefix
  | 'MANAGES' // the viewer's own organization (token `org`) is the ORG_DEPT managing the person (干部管理权限)
  | 'SELF' // the subject is the viewer's own organization or person (token `org`)
  | 'NAMED'; // the viewer's own person (token `org`) is named responsible in the record (惩戒到人)

export interface Term {
  roles: ReadonlySet<Role>;
  relation: Relation;
}

export interface Condition {
  name: string;
  /** One sentence, for the permission matrix. */
  description: string;
  terms: readonly Term[];
}

/** What a JS check knows of the subject; a missing fact never satisfies a term. */
export interface SubjectFacts {
  key?: string;
  regionCode?: string;
  managedByKey?: string | null;
  /** Of a record: the look-up keys of the civil servants it names responsible (for NAMED). */
  namedKeys?: readonly string[];
}

/**
 * Where a SQL check finds the same facts: column expressions of the query's subject, and for
 * MANAGES a predicate with one `?` (the viewer's own look-up key).
 */
export interface SubjectColumns {
  key?: string;
  region?: string;
  managedBy?: string;
  /** For NAMED: a predicate with one `?` (the viewer's own key) that holds when the record names that person. */
  named?: string;
}

export const roles = (...list: Role[]): ReadonlySet<Role> => new Set(list);
export const term = (who: ReadonlySet<Role>, relation: Relation): Term => ({ roles: who, relation });
export const condition = (name: string, description: string, ...terms: Term[]): Condition =>
  Object.freeze({ name, description, terms });

function relationHolds(
  relation: Relation,
  viewer: Principal,
  selfKey: string | undefined,
  facts: SubjectFacts,
): boolean {
  switch (relation) {
    case 'ANYWHERE':
      return true;
    case 'IN_JURISDICTION':
      return facts.regionCode !== undefined && isWithinJurisdiction(facts.regionCode, viewer.regionPrefix);
    case 'MANAGES':
      return !!selfKey && !!facts.managedByKey && facts.managedByKey === selfKey;
    case 'SELF':
      return !!selfKey && facts.key === selfKey;
    case 'NAMED':
      return !!selfKey && !!facts.namedKeys?.includes(selfKey);
  }
}

function column(columns: SubjectColumns, name: keyof SubjectColumns, relation: Relation): string {
  const value = columns[name];
  if (!value) throw new Error(`condition needs the subject's ${name} column for ${relation}`);
  return value;
}

function relationSql(
  relation: Relation,
  viewer: Principal,
  selfKey: string | undefined,
  columns: SubjectColumns,
): SqlFragment {
  switch (relation) {
    case 'ANYWHERE':
      return TRUE;
    case 'IN_JURISDICTION':
      return viewer.regionPrefix
        ? { sql: `${column(columns, 'region', relation)} LIKE ?`, params: [`${viewer.regionPrefix}%`] }
        : TRUE;
    case 'MANAGES':
      return selfKey ? { sql: column(columns, 'managedBy', relation), params: [selfKey] } : NOTHING;
    case 'SELF':
      return selfKey ? { sql: `${column(columns, 'key', relation)} = ?`, params: [selfKey] } : NOTHING;
    case 'NAMED':
      return selfKey ? { sql: column(columns, 'named', relation), params: [selfKey] } : NOTHING;
  }
}

/** The terms that apply to the viewer's role (the role part is decided here, the relation per subject). */
function termsFor(c: Condition, viewer: Principal): readonly Term[] {
  return c.terms.filter((t) => t.roles.has(viewer.role));
}

/** Whether `c` holds for this viewer and subject. */
export function holds(c: Condition, viewer: Principal, selfKey: string | undefined, facts: SubjectFacts): boolean {
  return termsFor(c, viewer).some((t) => relationHolds(t.relation, viewer, selfKey, facts));
}

/** The same condition as a SQL predicate over the query's subject columns. */
export function conditionSql(
  c: Condition,
  viewer: Principal,
  selfKey: string | undefined,
  columns: SubjectColumns,
): SqlFragment {
  return anyOf(...termsFor(c, viewer).map((t) => relationSql(t.relation, viewer, selfKey, columns)));
}

/** Whether `c` can hold for this viewer at all (whatever the subject): lets a path skip loading facts. */
export function mayApply(c: Condition, viewer: Principal): boolean {
  return termsFor(c, viewer).length > 0;
}

/** Whether, for this viewer, `c` depends on who manages the subject (load managedByKey only then). */
export function needsManagement(c: Condition, viewer: Principal): boolean {
  return termsFor(c, viewer).some((t) => t.relation === 'MANAGES');
}

const RELATION_WORDS: Record<Relation, string> = {
  ANYWHERE: 'anywhere',
  IN_JURISDICTION: 'in jurisdiction',
  MANAGES: 'managing the person',
  SELF: 'the subject itself',
  NAMED: 'named responsible in the record',
};

/**
 * The condition in words, role by role ("CREDIT_OFFICE in jurisdiction; SUBJECT the subject itself"), for generated
 * docs.
 */
export function describeCondition(c: Condition): string {
  return c.terms.map((t) => `${[...t.roles].join(', ')} ${RELATION_WORDS[t.relation]}`).join('; ');
}
