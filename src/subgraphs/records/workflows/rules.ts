import { rule } from 'graphql-shield';
import {
  CONDITIONS,
  creditOfficeOf,
  holds,
  inJurisdiction,
  isGovernment,
  type PersonFacts,
} from '../../../auth/conditions';
import { Role } from '../../../auth/roles';
import { stepRight } from '../../../auth/step-rights';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { CASE_PUSHERS } from './cases/case.entity';
import { COMMITMENT_SCOPE, mayRegisterCommitment } from './commitments/commitment.scope';
import type { CommitmentKind } from './commitments/commitment.entity';
import type { Commitment } from './commitments/commitment.entity';
import type { IntegrityOpinion } from './opinions/opinion.entity';
import { partyToOpinion } from './opinions/opinion.release';
import { ForbiddenError } from '../../../common/errors';
import { fileReadersOnly } from '../status/rules';
import { mayReadArrears, type SubjectOfStep } from '../findings/rules';
import { mayPushCategory } from '../findings/push-scope';
import { RecordCategory } from '../enums';

/**
 * Named abilities of the workflows (yes/no per role). Which objects a caller sees, and the
 * row-level right to a step (own record, jurisdiction, registrar), are decided by the
 * finders (workflows/context.ts) and the services on the locked row.
 */

/**
 * fileObjection, applyForRepair: the subject for its own records (a civil servant also against its naming in a record),
 * the credit office on its behalf.
 */
export const canActForSubject = rule('canActForSubject', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.SUBJECT || ctx.viewer.role === Role.CREDIT_OFFICE,
);

/**
 * Any registered client system, whatever its role (anonymous callers: none). Used where the
 * finders narrow the rows to the caller's own or jurisdiction's: objections, repairs, joint
 * measures, complaints and government cases only reach their parties.
 */
export const anyRegisteredSystem = rule('anyRegisteredSystem', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.authenticated,
);

/** approveRepair / rejectRepair: the credit office decides repairs (NDRC Order No. 36). */
export const canDecideRepairs = rule('canDecideRepairs', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/**
 * uphold/correct/revoke: government systems; the service then requires the pushing system, the deciding authority or
 * the credit office.
 */
export const canDecideObjections = rule('canDecideObjections', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => isGovernment(ctx.viewer),
);

/** registerCommitment: roles with a commitment scope (credit office, investment, procurement, the subject itself). */
export const canRegisterCommitments = rule('canRegisterCommitments', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role in COMMITMENT_SCOPE,
);

/** fulfil/breach/change: government systems; the service then requires the registrar or the credit office. */
export const canDeclareCommitmentOutcome = rule('canDeclareCommitmentOutcome', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => isGovernment(ctx.viewer),
);

/** Counterparty and amounts of a commitment may be trade secrets: government systems and the committing subject. */
export const canReadCommitmentInternals = rule('canReadCommitmentInternals', { cache: 'strict' })(
  (commitment: Commitment, _args, ctx: RecordsContext) =>
    holds(CONDITIONS.mayReadInternals, ctx.viewer, ctx.records.selfKey, { key: commitment.subjectKey }),
);

/**
 * initiateJointMeasures: the credit office or the recording system (any government role); the service then requires the
 * office of the jurisdiction or the system that pushed the record / listed the subject.
 */
export const canInitiateMeasures = rule('canInitiateMeasures', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => isGovernment(ctx.viewer),
);

/**
 * accept/decline/feedBack a measure: a caller acting for an organization (token `org`); the service then requires org =
 * the implementing unit.
 */
export const canRespondToMeasures = rule('canRespondToMeasures', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.authenticated && !!ctx.viewer.org,
);

/**
 * assign/verify/reject/close a complaint, recordFromComplaint: the credit office handles complaints (its jurisdiction,
 * checked on the row).
 */
export const canHandleComplaints = rule('canHandleComplaints', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/** The reporter's contact is personal data: the credit office only. */
export const canReadReporterContact = rule('canReadReporterContact', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/** submitCases: courts and the debt office push the cases against government organs (涉府案件, CASE_PUSHERS). */
export const canPushCases = rule('canPushCases', { cache: 'contextual' })((_parent, _args, ctx: RecordsContext) =>
  CASE_PUSHERS.has(ctx.viewer.role),
);

/** resolveCase: the credit office tracks each case to resolution (its jurisdiction, checked on the row). */
export const canResolveCases = rule('canResolveCases', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/** caseLedger: the credit office (its jurisdiction) and the pushers (the cases they pushed) read the ledger. */
export const canReadCaseLedger = rule('canReadCaseLedger', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE || CASE_PUSHERS.has(ctx.viewer.role),
);

// Step rights: who may take a step on this row, decided on the locked row (src/auth/step-rights.ts).

/**
 * fileObjection with matter NAMING, on the locked record: only the civil servant the record names responsible
 * (conditions.isNamedResponsible) disputes that naming; the subject and its credit office object to the finding.
 * @stepRight
 */
export const objectsToOwnNaming = stepRight<{ selfKey: string | undefined; namedKeys: readonly string[] }>(
  'NAMED_RESPONSIBLE_PERSON',
  bilingual(
    '只有被该记录列为责任人的公务员本人可以对责任人认定提出异议',
    'only the civil servant the record names responsible objects to that naming',
  ),
  (viewer, r) => holds(CONDITIONS.namedResponsible, viewer, r.selfKey, { namedKeys: r.namedKeys }),
);

/**
 * approveRepair, rejectRepair, resolveCase, and every step of a complaint, on the locked row: the credit office of
 * the subject's jurisdiction (conditions.creditOfficeOf).
 * @stepRight
 */
export const creditOfficeDecides = stepRight<{ subject_region: string }>(
  'CREDIT_OFFICE_OF_JURISDICTION',
  bilingual('只有主体所在辖区的信用办可以办理', 'only the credit office of the subject’s jurisdiction decides'),
  (viewer, row) => creditOfficeOf(viewer, row.subject_region),
);

/**
 * uphold/correct/revoke an objection, on the locked objection: the system that pushed the record, the deciding
 * authority (token `org`), or the credit office of the jurisdiction.
 * @stepRight
 */
export const decidesObjection = stepRight<{
  record_source_system: string;
  record_authority_code: string | null;
  subject_region: string;
}>(
  'PUSHER_AUTHORITY_OR_CREDIT_OFFICE',
  bilingual(
    '只有作出决定的机关、推送系统或辖区信用办可以处理异议',
    'only the deciding authority, the pushing system or the credit office decides an objection',
  ),
  (viewer, row) =>
    row.record_source_system === viewer.clientId ||
    (!!viewer.org && row.record_authority_code === viewer.org) ||
    creditOfficeOf(viewer, row.subject_region),
);

/**
 * registerCommitment: a role registers the kinds of its commitment scope (commitments/commitment.scope.ts).
 * @stepRight
 */
export const registersCommitmentKind = stepRight<{ kind: CommitmentKind }>(
  'COMMITMENT_SCOPE',
  bilingual('您的角色不登记此类承诺', 'your role does not register commitments of this kind'),
  (viewer, { kind }) => mayRegisterCommitment(viewer.role, kind),
);

/**
 * registerCommitment, for the named subject: the subject itself (SUBJECT), else a subject of the jurisdiction.
 * @stepRight
 */
export const commitsForSubject = stepRight<SubjectOfStep>(
  'OWN_OR_JURISDICTION_SUBJECT',
  bilingual('该主体不是您本身，或不在您的辖区', 'the subject is not yours or outside your jurisdiction'),
  (viewer, s) => (viewer.role === Role.SUBJECT ? s.subjectKey === s.selfKey : inJurisdiction(viewer, s.region)),
);

/**
 * fulfil/breach/change a commitment, on the locked commitment: the registering system, or the credit office of the
 * jurisdiction.
 * @stepRight
 */
export const declaresCommitmentOutcome = stepRight<{ registered_by: string; subject_region: string }>(
  'REGISTRAR_OR_CREDIT_OFFICE',
  bilingual(
    '只有登记承诺的系统或辖区信用办可以认定结果',
    'only the registering system or the credit office declares the outcome',
  ),
  (viewer, row) =>
    (viewer.role !== Role.SUBJECT && row.registered_by === viewer.clientId) ||
    creditOfficeOf(viewer, row.subject_region),
);

/**
 * initiateJointMeasures, on the locked record or listing: the system that recorded it, or the credit office of the
 * jurisdiction.
 * @stepRight
 */
export const initiatesMeasures = stepRight<{ owner: string; subject_region: string }>(
  'RECORDER_OR_CREDIT_OFFICE',
  bilingual(
    '只有辖区信用办或记录该信息的系统可以发起联合奖惩',
    'only the credit office of the jurisdiction or the recording system initiates measures',
  ),
  (viewer, basis) =>
    (viewer.role !== Role.SUBJECT && basis.owner === viewer.clientId) || creditOfficeOf(viewer, basis.subject_region),
);

/**
 * accept/decline/feedBack a measure, on the locked measure: the implementing unit (token `org`).
 * @stepRight
 */
export const respondsToMeasure = stepRight<{ implementing_unit_code: string }>(
  'IMPLEMENTING_UNIT',
  bilingual('只有实施单位可以响应该措施', 'only the implementing unit responds to a measure'),
  (viewer, row) => !!viewer.org && row.implementing_unit_code === viewer.org,
);

// ── 廉政意见 (opinions/) ──

/** requestIntegrityOpinion, withdrawIntegrityOpinion: organization departments acting for themselves (token `org`). */
export const canRequestOpinions = rule('canRequestOpinions', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.ORG_DEPT && !!ctx.viewer.org,
);

/** answerIntegrityOpinion: discipline inspection (its jurisdiction, checked on the locked request). */
export const canAnswerOpinions = rule('canAnswerOpinions', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.DISCIPLINE,
);

/**
 * IntegrityOpinion.text and .note: the parties to the opinion (the requesting and the managing organization department,
 * discipline inspection of the jurisdiction: opinions/opinion.release.ts). The credit office and the person read the
 * verdict only.
 */
export const canReadOpinionText = rule('canReadOpinionText', { cache: 'strict' })(
  async (opinion: IntegrityOpinion, _args, ctx: RecordsContext) =>
    (await partyToOpinion(ctx, opinion)) ||
    new ForbiddenError(bilingual('无权查看廉政意见内容', 'not entitled to the text of this opinion')),
);

/**
 * IntegrityArchive.integrityOpinions: the readers of the file (conditions.maySeePersonStanding, as for sanctions); what
 * each is told of an opinion is opinions/opinion.archive.ts and canReadOpinionText.
 */
export const canReadIntegrityOpinions = fileReadersOnly(
  'canReadIntegrityOpinions',
  bilingual('无权查看该人员的廉政意见', 'not entitled to this person’s clean-government opinions'),
);

/** A person asked about, as the request's step right sees it. */
export interface OpinionPersonFacts extends PersonFacts {
  selfKey: string | undefined;
  /** RECRUITMENT and TRANSFER: the candidate need not be managed by the requester yet. */
  intake: boolean;
}

/**
 * requestIntegrityOpinion, per person: the organization department managing the person; for RECRUITMENT and TRANSFER
 * also one of the person's jurisdiction (conditions.decidesOnCadre, requestsIntakeOpinion).
 * @stepRight
 */
export const requestsOpinionOn = stepRight<OpinionPersonFacts>(
  'MANAGING_ORG_DEPT',
  bilingual(
    '只有该人员的干部管理部门可以征求廉政意见（录用、调任：本辖区组织部门）',
    'only the organization department managing the person asks (recruitment, transfer: one of the jurisdiction)',
  ),
  (viewer, p) => holds(p.intake ? CONDITIONS.requestsIntakeOpinion : CONDITIONS.decidesOnCadre, viewer, p.selfKey, p),
);

/**
 * answerIntegrityOpinion, on the locked request: discipline inspection of the person's jurisdiction
 * (conditions.answersOpinion).
 * @stepRight
 */
export const answersOpinion = stepRight<{ person_region: string }>(
  'DISCIPLINE_OF_JURISDICTION',
  bilingual(
    '只有该人员所在辖区的纪检监察机关可以回复',
    'only discipline inspection of the person’s jurisdiction answers',
  ),
  (viewer, row) => holds(CONDITIONS.answersOpinion, viewer, undefined, { regionCode: row.person_region }),
);

/**
 * withdrawIntegrityOpinion, on the locked request: the requesting organization department (token `org`).
 * @stepRight
 */
export const withdrawsOpinion = stepRight<{ requester_key: string; selfKey: string | undefined }>(
  'REQUESTING_ORG_DEPT',
  bilingual('只有征求意见的组织部门可以撤回', 'only the requesting organization department withdraws'),
  (viewer, row) => viewer.role === Role.ORG_DEPT && !!row.selfKey && row.requester_key === row.selfKey,
);

// ── 清欠 (arrears/) ──

/** recordRepayment: the roles that push arrears (findings/push-scope.ts); the step right then decides on the row. */
export const canRecordRepayments = rule('canRecordRepayments', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => mayPushCategory(ctx.viewer.role, RecordCategory.ARREARS),
);

/** arrearsLedger: debt management and the credit office (within their jurisdiction: step right readsLedgerOf). */
export const canReadArrearsLedger = rule('canReadArrearsLedger', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.DEBT || ctx.viewer.role === Role.CREDIT_OFFICE,
);

/**
 * recordRepayment, on the locked record: the system that pushed it, debt management and the credit office of the
 * jurisdiction (findings/rules.ts mayReadArrears, the readers of the money).
 * @stepRight
 */
export const recordsRepayment = stepRight<{ subject_region: string; source_system: string }>(
  'PUSHER_DEBT_OR_CREDIT_OFFICE',
  bilingual(
    '只有推送该记录的系统或辖区债务管理部门、信用办可以登记还款',
    'only the pushing system, debt management or the credit office of the jurisdiction records repayments',
  ),
  (viewer, row) => mayReadArrears(viewer, { subjectRegion: row.subject_region, sourceSystem: row.source_system }),
);
