import { rule } from 'graphql-shield';
import { CONDITIONS, holds } from '../../auth/conditions';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import type { RecordsContext } from './context';
import type { CreditRecord } from './findings/credit-record.entity';
import { LIST_AUTHORITY } from './lists/listing.service';
import { RecordCategory } from './enums';
import { ForbiddenError } from '../../common/errors';
import { maySeeStanding } from './status/standing';
import type { SubjectStub } from './subject.stub';
import { mayPushCategory, PUSH_SCOPE } from './findings/push-scope';

/** Named abilities of the records subgraph (who may do what, and why). */

/** submitRecords: systems that produce findings (see push-scope.ts for what each may push). */
export const canPushRecords = rule('canPushRecords', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role in PUSH_SCOPE,
);

/**
 * importPenalties (双公示): the systems whose push scope includes administrative penalties;
 * which domain each row may be in is checked per row against the same scope.
 */
export const canImportPenalties = rule('canImportPenalties', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => mayPushCategory(ctx.viewer.role, RecordCategory.ADMINISTRATIVE_PENALTY),
);

/** listSubject / delistSubject: the list authorities (credit office, tender platform). */
export const canManageLists = rule('canManageLists', { cache: 'contextual' })((_parent, _args, ctx: RecordsContext) =>
  Object.values(LIST_AUTHORITY).includes(ctx.viewer.role),
);

/**
 * Details, legal basis, responsible persons and the pushing system are not public
 * (personal information, investigation detail): government systems and the subject itself.
 */
export const canReadRecordInternals = rule('canReadRecordInternals', { cache: 'strict' })(
  (record: CreditRecord, _args, ctx: RecordsContext) =>
    mayReadRecordInternals(ctx.viewer, ctx.records.selfKey, record.subjectKey),
);

/** The condition of canReadRecordInternals, for paths outside GraphQL (the 双公示 export). */
export function mayReadRecordInternals(viewer: Principal, selfKey: string | undefined, subjectKey: string): boolean {
  return holds(CONDITIONS.mayReadInternals, viewer, selfKey, { key: subjectKey });
}

/**
 * A civil servant's standing (Subject.creditStatus, Subject.listings): conditions.maySeePersonStanding
 * (the managing organization department, discipline inspection and the credit office of the
 * jurisdiction, the person). Organizations' status is everyone's (computed over what each may read).
 */
export const canReadStanding = rule('canReadStanding', { cache: 'strict' })(
  async (subject: SubjectStub, _args, ctx: RecordsContext) =>
    (await maySeeStanding(ctx, subject.codeKey)) ||
    new ForbiddenError('无权查看该人员的信用状况 (not entitled to this person’s credit standing)'),
);

/**
 * An integrity file's records are reached only through Subject.archive, which the
 * archives subgraph guards and logs; this repeats the role condition as defence in depth.
 */
export const canReadArchiveRecords = rule('canReadArchiveRecords', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) =>
    [Role.ORG_DEPT, Role.DISCIPLINE, Role.CREDIT_OFFICE, Role.SUBJECT].includes(ctx.viewer.role),
);
