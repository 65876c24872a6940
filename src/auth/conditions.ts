import { AppointmentPurpose } from '../common/appointment-purpose';
import { isWithinJurisdiction } from '../identity/division';
import type { SqlFragment } from '../db/sql';
import type { Principal } from './principal';
import { ALL_ROLES, GOVERNMENT_ROLES, Role } from './roles';
import { condition, conditionSql, holds, roles, term, type Condition, type SubjectFacts } from './condition-engine';

export {
  conditionSql,
  describeCondition,
  holds,
  mayApply,
  needsManagement,
  type Condition,
  type Relation,
  type SubjectColumns,
  type SubjectFacts,
  type Term,
} from './condition-engine';

/**
 * The access conditions of the hub, each written once. A condition is a list of terms
 * "role(s) + relation to the subject"; it holds when one term matches. From that one
 * definition come the JS predicate (shield rules, services), the SQL predicate (finders)
 * and the words of the permission matrix, so a rule and a finder cannot disagree
 * (condition-engine.ts evaluates them).
 */

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
  /**
   * 清欠: who reads the money of arrears (amount, creditor, repayments), records repayments on them and reads the
   * arrears ledger: debt management and the credit office of the jurisdiction (the pushing system besides, a fact of
   * the row: findings/rules.ts canReadArrears, workflows/rules.ts recordsRepayment).
   */
  arrearsOfJurisdiction: condition(
    'arrearsOfJurisdiction',
    'debt management and the credit office of the jurisdiction',
    term(roles(Role.DEBT, Role.CREDIT_OFFICE), 'IN_JURISDICTION'),
  ),
  /**
   * 使用期限: who still reads a record after its use period has ended (usable_until, policy/publicity.ts): the credit
   * office of the jurisdiction and the record's own subject or named person; other government systems no longer
   * share or use it (findings/record.repository.ts recordVisibility, with recordInUseSql).
   */
  keepsRecordAfterUse: condition(
    'keepsRecordAfterUse',
    'the credit office of the jurisdiction, the subject itself, the civil servant the record names responsible',
    term(CREDIT_OFFICE, 'IN_JURISDICTION'),
    term(SUBJECT, 'SELF'),
    term(SUBJECT, 'NAMED'),
  ),
  /**
   * Who issues a credit report (creditReport, docs/credit-report.md): government systems on any subject, a subject on
   * itself. The report tells each only what it may read; reading it back is for the issuing client (a fact of the row).
   */
  issuesCreditReport: condition(
    'issuesCreditReport',
    'government systems, the subject itself',
    term(GOVERNMENT, 'ANYWHERE'),
    term(SUBJECT, 'SELF'),
  ),
} as const;

/** Whether a record is still in its use period on `on` (usable_until, its last day, included), as SQL. */
export function recordInUseSql(on: string, alias = 'r'): SqlFragment {
  return { sql: `?::date <= ${alias}.usable_until`, params: [on] };
}

/** Which condition lets a caller check a person for each purpose (appointmentCheck). */
export const APPOINTMENT_CHECK_CONDITIONS: Record<AppointmentPurpose, Condition> = {
  [AppointmentPurpose.PROMOTION]: CONDITIONS.decidesOnCadre,
  [AppointmentPurpose.APPOINTMENT]: CONDITIONS.decidesOnCadre,
  [AppointmentPurpose.HONOUR]: CONDITIONS.decidesOnCadre,
  [AppointmentPurpose.RECRUITMENT]: CONDITIONS.checksCandidate,
  [AppointmentPurpose.TRANSFER]: CONDITIONS.checksCandidate,
};

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
