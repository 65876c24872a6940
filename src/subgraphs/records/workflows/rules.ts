import { rule } from 'graphql-shield';
import { isGovernment } from '../../../auth/principal';
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

/** objections, repairApplications: only parties (subject, deciding systems, credit office) have any; PUBLIC has none. */
export const canReadCases = rule('canReadCases', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.authenticated,
);

/** approveRepair / rejectRepair: the credit office decides repairs (NDRC Order No. 36). */
export const canDecideRepairs = rule('canDecideRepairs', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role === Role.CREDIT_OFFICE,
);

/** uphold/correct/revoke: government systems; the service then requires the pushing system, the deciding authority or the credit office. */
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
    isGovernment(ctx.viewer) || (ctx.viewer.role === Role.SUBJECT && !!ctx.records.selfKey && commitment.subjectKey === ctx.records.selfKey),
);
