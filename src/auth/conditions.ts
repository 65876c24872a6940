import { AppointmentPurpose } from '../common/appointment-purpose';
import { isWithinJurisdiction } from '../identity/division';
import { anyOf, NOTHING, TRUE, type SqlFragment } from '../db/sql';
import type { Principal } from './principal';
import { ALL_ROLES, GOVERNMENT_ROLES, Role } from './roles';

/**
 * The access conditions of the hub, each written once. A condition is a list of terms
 * "role(s) + relation to the subject"; it holds when one term matches. From that one
 * definition come the JS predicate (shield rules, services), the SQL predicate (finders)
 * and the words of the permission matrix, so a rule and a finder cannot disagree.
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

const roles = (...list: Role[]): ReadonlySet<Role> => new Set(list);
const term = (who: ReadonlySet<Role>, relation: Relation): Term => ({ roles: who, relation });
const condition = (name: string, description: string, ...terms: Term[]): Condition =>
  Object.freeze({ name, description, terms });

export const GOVERNMENT = GOVERNMENT_ROLES;
const SUBJECT = roles(Role.SUBJECT);
const ORG_DEPT = roles(Role.ORG_DEPT);
const CREDIT_OFFICE = roles(Role.CREDIT_OFFICE);

export const CONDITIONS = {
  /** Any caller whose jurisdiction contains the subject (the role is narrowed elsewhere). */
  inJurisdiction: condition(
    'inJurisdiction',
    'any caller of the jurisdiction',
    term(roles(...ALL_ROLES), 'IN_JURISDICTION'),
  ),
  /** The person or organization itself (SUBJECT token whose `org` is its code). */
  self: condition('isSelf', 'the subject itself (SUBJECT whose org is its code)', term(SUBJECT, 'SELF')),
  /** The civil servant a record names as responsible person (SUBJECT token whose `org` is that person's code). */
  namedResponsible: condition(
    'isNamedResponsible',
    'the civil servant the record names responsible (SUBJECT whose org is that person’s code)',
    term(SUBJECT, 'NAMED'),
  ),
  /**
   * Whose own a record is, to see it whatever its disclosure and status: its subject, and the civil servants it names
   * responsible ("what names me"; findings/record.repository.ts recordVisibility).
   */
  ownRecord: condition(
    'ownRecord',
    'the subject itself, the civil servant the record names responsible',
    term(SUBJECT, 'SELF'),
    term(SUBJECT, 'NAMED'),
  ),
  /** 本辖区信用办: the credit office whose jurisdiction contains the subject. */
  creditOfficeOf: condition(
    'creditOfficeOf',
    'the credit office of the jurisdiction',
    term(CREDIT_OFFICE, 'IN_JURISDICTION'),
  ),
  /** The organization department that manages this civil servant (干部管理权限). */
  managesCadre: condition('managesCadre', 'the organization department managing the person', term(ORG_DEPT, 'MANAGES')),
  /** A government system whose jurisdiction contains the subject (政务共享 within the region). */
  governmentInJurisdiction: condition(
    'governmentInJurisdiction',
    'government systems of the jurisdiction',
    term(GOVERNMENT, 'IN_JURISDICTION'),
  ),
  /** Who finds a civil servant in the registry (masked code): subjects/subject.repository.ts visibility. */
  maySeePerson: condition(
    'maySeePerson',
    'government systems of the jurisdiction, the managing organization department, the person',
    term(GOVERNMENT, 'IN_JURISDICTION'),
    term(ORG_DEPT, 'MANAGES'),
    term(SUBJECT, 'SELF'),
  ),
  /** Who may learn a civil servant's credit standing (level, score, counts, listings, reasons). */
  maySeePersonStanding: condition(
    'maySeePersonStanding',
    'the managing organization department, discipline inspection and the credit office of the jurisdiction, the person',
    term(ORG_DEPT, 'MANAGES'),
    term(roles(Role.DISCIPLINE, Role.CREDIT_OFFICE), 'IN_JURISDICTION'),
    term(SUBJECT, 'SELF'),
  ),
  /** Who may read a civil servant's full resident ID number, or look the person up by it. */
  mayReadFullPersonCode: condition(
    'mayReadFullPersonCode',
    'the credit office of the jurisdiction, the managing organization department, the person',
    term(CREDIT_OFFICE, 'IN_JURISDICTION'),
    term(ORG_DEPT, 'MANAGES'),
    term(SUBJECT, 'SELF'),
  ),
  /** Who manages a cadre is personnel information (Subject.managedBy). */
  mayReadCadreManagement: condition(
    'mayReadCadreManagement',
    'the credit office, discipline inspection and organization departments of the jurisdiction, the person',
    term(roles(Role.CREDIT_OFFICE, Role.DISCIPLINE, Role.ORG_DEPT), 'IN_JURISDICTION'),
    term(SUBJECT, 'SELF'),
  ),
  /** Who acts for a subject (objects to its records, applies for their repair): itself, or its credit office. */
  actsForSubject: condition(
    'actsForSubject',
    'the subject itself, the credit office of the jurisdiction on its behalf',
    term(SUBJECT, 'SELF'),
    term(CREDIT_OFFICE, 'IN_JURISDICTION'),
  ),
  /** Who reads the access log about a subject: the subject itself and the credit office of its jurisdiction. */
  mayReadAccessLog: condition(
    'mayReadAccessLog',
    'the subject itself, the credit office of the jurisdiction',
    term(SUBJECT, 'SELF'),
    term(CREDIT_OFFICE, 'IN_JURISDICTION'),
  ),
  /**
   * Record and commitment internals (details, legal basis, counterparties): government systems and the subject itself.
   */
  mayReadInternals: condition(
    'mayReadInternals',
    'government systems, the subject itself',
    term(GOVERNMENT, 'ANYWHERE'),
    term(SUBJECT, 'SELF'),
  ),
  /**
   * 干部选拔任用、职务职级晋升、评优评先: the organization department managing the person, the only one that checks
   * the cadre (appointmentCheck) or asks discipline inspection for an opinion on them (廉政意见).
   */
  decidesOnCadre: condition(
    'decidesOnCadre',
    'the organization department managing the person',
    term(ORG_DEPT, 'MANAGES'),
  ),
  /**
   * 公务员录用、调任: an organization department checks candidates it does not manage yet, registered or not
   * (a candidate's resident ID number, answered from the records naming it).
   */
  checksCandidate: condition(
    'checksCandidate',
    'any organization department, whoever manages the person, registered or not',
    term(ORG_DEPT, 'ANYWHERE'),
  ),
  // 廉政意见 (workflows/opinions): who asks discipline inspection on a candidate, who answers, who reads the text.
  /**
   * Who asks on a candidate for 录用/调任 (RECRUITMENT, TRANSFER), not managed yet: also an organization department of
   * the person's jurisdiction. Narrower than checksCandidate: a request is a task for that jurisdiction's discipline
   * inspection, not a logged read.
   */
  requestsIntakeOpinion: condition(
    'requestsIntakeOpinion',
    'an organization department of the jurisdiction, or the one managing the person (recruitment, transfer)',
    term(ORG_DEPT, 'IN_JURISDICTION'),
    term(ORG_DEPT, 'MANAGES'),
  ),
  /** Who answers a clean-government opinion: discipline inspection of the person's jurisdiction. */
  answersOpinion: condition(
    'answersOpinion',
    'discipline inspection of the jurisdiction',
    term(roles(Role.DISCIPLINE), 'IN_JURISDICTION'),
  ),
  /**
   * Who reads an opinion's text and an UNDER_INVESTIGATION answer (besides the requesting department, a fact of the
   * row): the department managing the person, discipline inspection of the jurisdiction.
   */
  mayReadOpinionText: condition(
    'mayReadOpinionText',
    'the organization department managing the person, discipline inspection of the jurisdiction',
    term(ORG_DEPT, 'MANAGES'),
    term(roles(Role.DISCIPLINE), 'IN_JURISDICTION'),
  ),
} as const;

/** Which condition lets a caller check a person for each purpose (appointmentCheck). */
export const APPOINTMENT_CHECK_CONDITIONS: Record<AppointmentPurpose, Condition> = {
  [AppointmentPurpose.PROMOTION]: CONDITIONS.decidesOnCadre,
  [AppointmentPurpose.APPOINTMENT]: CONDITIONS.decidesOnCadre,
  [AppointmentPurpose.HONOUR]: CONDITIONS.decidesOnCadre,
  [AppointmentPurpose.RECRUITMENT]: CONDITIONS.checksCandidate,
  [AppointmentPurpose.TRANSFER]: CONDITIONS.checksCandidate,
};

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

// The named predicates the rest of the code reads.

export function isGovernment(viewer: Principal): boolean {
  return GOVERNMENT_ROLES.has(viewer.role);
}

/** The subject's division code is inside the viewer's jurisdiction (prefix; '' = national). */
export function inJurisdiction(viewer: Principal, regionCode: string): boolean {
  return isWithinJurisdiction(regionCode, viewer.regionPrefix);
}

/** Jurisdiction over a division-code column, as SQL ('' = national: true). */
export function jurisdictionSql(viewer: Principal, regionColumn: string): SqlFragment {
  return conditionSql(CONDITIONS.inJurisdiction, viewer, undefined, { region: regionColumn });
}

/**
 * The same conditions over a table's own subject columns (`subject_region`, `subject_key`, the
 * convention of every records table), for finders' `@rowRule` functions.
 */
export const rowsOf = {
  /** Rows of the viewer's jurisdiction. */
  inJurisdiction: (viewer: Principal, alias = 't'): SqlFragment => jurisdictionSql(viewer, `${alias}.subject_region`),
  /** The subject's own rows (isSelf), else nothing. */
  self: (viewer: Principal, selfKey: string | undefined, alias = 't'): SqlFragment =>
    conditionSql(CONDITIONS.self, viewer, selfKey, { key: `${alias}.subject_key` }),
  /** Rows of the credit office's jurisdiction (creditOfficeOf), else nothing. */
  creditOfficeOf: (viewer: Principal, alias = 't'): SqlFragment =>
    conditionSql(CONDITIONS.creditOfficeOf, viewer, undefined, { region: `${alias}.subject_region` }),
};

export function isSelf(viewer: Principal, selfKey: string | undefined, subjectKey: string): boolean {
  return holds(CONDITIONS.self, viewer, selfKey, { key: subjectKey });
}

export function creditOfficeOf(viewer: Principal, regionCode: string): boolean {
  return holds(CONDITIONS.creditOfficeOf, viewer, undefined, { regionCode });
}

export function managesCadre(
  viewer: Principal,
  selfKey: string | undefined,
  managedByKey: string | null | undefined,
): boolean {
  return holds(CONDITIONS.managesCadre, viewer, selfKey, { managedByKey });
}

/** A civil servant as conditions see it: its look-up key, division code and managing department's key. */
export type PersonFacts = Required<Omit<SubjectFacts, 'namedKeys'>>;

export function maySeePersonStanding(viewer: Principal, selfKey: string | undefined, person: PersonFacts): boolean {
  return holds(CONDITIONS.maySeePersonStanding, viewer, selfKey, person);
}

export function mayReadFullPersonCode(viewer: Principal, selfKey: string | undefined, person: PersonFacts): boolean {
  return holds(CONDITIONS.mayReadFullPersonCode, viewer, selfKey, person);
}

/**
 * Whether the caller may check this person for `purpose` (appointmentCheck): `person` null = a
 * resident ID number not registered, which only a purpose open to candidates lets it check.
 */
export function mayCheckCandidate(
  viewer: Principal,
  selfKey: string | undefined,
  purpose: AppointmentPurpose,
  person: SubjectFacts | null,
): boolean {
  return holds(APPOINTMENT_CHECK_CONDITIONS[purpose], viewer, selfKey, person ?? {});
}
