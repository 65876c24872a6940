import { rule } from 'graphql-shield';
import { CONDITIONS, holds, isSelf } from '../../../auth/conditions';
import type { Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import type { RecordsContext } from '../context';
import type { SubjectStub } from '../subject.stub';
import type { CreditRecord } from './credit-record.entity';
import { PUSH_SCOPE } from './push-scope';
import { RecordCategory } from '../enums';
import { ForbiddenError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { stepRight } from '../../../auth/step-rights';

/** Named abilities of credit records (who may push, who reads what of a record). */

/** submitRecords: systems that produce findings (see push-scope.ts for what each may push). */
export const canPushRecords = rule('canPushRecords', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) => ctx.viewer.role in PUSH_SCOPE,
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
 * An integrity file's records are reached only through Subject.archive, which the
 * archives subgraph guards and logs; this repeats the role condition as defence in depth.
 */
export const canReadArchiveRecords = rule('canReadArchiveRecords', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) =>
    [Role.ORG_DEPT, Role.DISCIPLINE, Role.CREDIT_OFFICE, Role.SUBJECT].includes(ctx.viewer.role),
);

/**
 * Subject.recordsNamingMe: what names a civil servant is for the person itself (conditions.isSelf); which records it
 * then sees is recordVisibility's (conditions.ownRecord). Others get null and FORBIDDEN at the path.
 */
export const canReadRecordsNamingMe = rule('canReadRecordsNamingMe', { cache: 'strict' })(
  (subject: SubjectStub, _args, ctx: RecordsContext) => isSelf(ctx.viewer, ctx.records.selfKey, subject.codeKey),
);

/**
 * CreditRecord.arrears (清欠: amount, creditor, repayments): debt management and the credit office of the record's
 * jurisdiction (conditions.arrearsOfJurisdiction), and the system that pushed it. Others read the record as before,
 * with null and FORBIDDEN at this path; a record of another category has no arrears (null, no refusal).
 */
export const canReadArrears = rule('canReadArrears', { cache: 'strict' })(
  (record: CreditRecord, _args, ctx: RecordsContext) =>
    record.category !== RecordCategory.ARREARS ||
    mayReadArrears(ctx.viewer, record) ||
    new ForbiddenError(bilingual('无权查看该记录的欠款金额', 'not entitled to the money of these arrears')),
);

/** The condition of canReadArrears, for the repayment step's answer as well. */
export function mayReadArrears(viewer: Principal, record: { subjectRegion: string; sourceSystem: string }): boolean {
  return (
    holds(CONDITIONS.arrearsOfJurisdiction, viewer, undefined, { regionCode: record.subjectRegion }) ||
    (viewer.authenticated && viewer.role !== Role.SUBJECT && record.sourceSystem === viewer.clientId)
  );
}

/** A subject as a step right sees it: its key and division, and the viewer's own key (token `org`). */
export interface SubjectOfStep {
  selfKey: string | undefined;
  subjectKey: string;
  region: string;
}

/**
 * fileObjection, applyForRepair, on the locked record or listing: the subject itself, or the credit office of its
 * jurisdiction on its behalf (conditions.actsForSubject).
 * @stepRight
 */
export const actsForSubject = stepRight<SubjectOfStep>(
  'SUBJECT_OR_ITS_CREDIT_OFFICE',
  bilingual('只有主体本身或其辖区信用办可以申请', 'only the subject itself or the credit office of its jurisdiction'),
  (viewer, s) => holds(CONDITIONS.actsForSubject, viewer, s.selfKey, { key: s.subjectKey, regionCode: s.region }),
);
