import { rule } from 'graphql-shield';
import { CONDITIONS, holds, isGovernment } from '../../../auth/conditions';
import { Role } from '../../../auth/roles';
import type { RecordsContext } from '../context';
import { COMMITMENT_SCOPE } from './commitments/commitment.scope';
import type { Commitment } from './commitments/commitment.entity';

/**
 * Named abilities of the workflows (yes/no per role). Which objects a caller sees, and the
 * row-level right to a step (own record, jurisdiction, registrar), are decided by the
 * finders (workflows/context.ts) and the services on the locked row.
 */

/** fileObjection, applyForRepair: the subject for its own records, the credit office on its behalf. */
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
 * uphold/correct/revoke: government systems; the service then requires the pushing system, the deciding
 * authority or the credit office.
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
 * initiateJointMeasures: the credit office or the recording system (any government role); the service then
 * requires the office of the jurisdiction or the system that pushed the record / listed the subject.
 */
export const canInitiateMeasures = rule('canInitiateMeasures', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => isGovernment(ctx.viewer),
);

/**
 * accept/decline/feedBack a measure: a caller acting for an organization (token `org`); the service then
 * requires org = the implementing unit.
 */
export const canRespondToMeasures = rule('canRespondToMeasures', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.authenticated && !!ctx.viewer.org,
);

/**
 * assign/verify/reject/close a complaint, recordFromComplaint: the credit office handles complaints (its
 * jurisdiction, checked on the row).
 */
export const canHandleComplaints = rule('canHandleComplaints', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/** The reporter's contact is personal data: the credit office only. */
export const canReadReporterContact = rule('canReadReporterContact', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/** submitCases: courts push the cases against government organs (涉府案件). */
export const canPushCases = rule('canPushCases', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.COURT,
);

/** resolveCase: the credit office tracks each case to resolution (its jurisdiction, checked on the row). */
export const canResolveCases = rule('canResolveCases', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/** caseLedger: the credit office (its jurisdiction) and the courts (the cases they pushed) read the ledger. */
export const canReadCaseLedger = rule('canReadCaseLedger', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE || ctx.viewer.role === Role.COURT,
);
