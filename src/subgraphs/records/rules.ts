import { rule } from 'graphql-shield';
import { isGovernment } from '../../auth/principal';
import { Role } from '../../auth/roles';
import type { RecordsContext } from './context';
import type { CreditRecord } from './credit-record.entity';
import { LIST_AUTHORITY } from './listing.service';
import { PUSH_SCOPE } from './push-scope';

/** Named abilities of the records subgraph (who may do what, and why). */

/** submitRecords: systems that produce findings (see push-scope.ts for what each may push). */
export const canPushRecords = rule('canPushRecords', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role in PUSH_SCOPE,
);

/** listSubject / delistSubject: the list authorities (credit office, tender platform). */
export const canManageLists = rule('canManageLists', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => Object.values(LIST_AUTHORITY).includes(ctx.viewer.role),
);

/**
 * Details, legal basis, responsible persons and the pushing system are not public
 * (personal information, investigation detail): government systems and the subject itself.
 */
export const canReadRecordInternals = rule('canReadRecordInternals', { cache: 'strict' })(
  (record: CreditRecord, _args, ctx: RecordsContext) =>
    isGovernment(ctx.viewer) || (ctx.viewer.role === Role.SUBJECT && !!ctx.records.selfKey && record.subjectKey === ctx.records.selfKey),
);

/**
 * An integrity file's records are reached only through Subject.archive, which the
 * archives subgraph guards and logs; this repeats the role condition as defence in depth.
 */
export const canReadArchiveRecords = rule('canReadArchiveRecords', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => [Role.ORG_DEPT, Role.DISCIPLINE, Role.CREDIT_OFFICE, Role.SUBJECT].includes(ctx.viewer.role),
);
