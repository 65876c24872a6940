/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Why a cadre decision consults the integrity file: 晋升、任用、评优评先、录用、调任. */
export type AppointmentPurpose =
  /** 选拔任用 (selection and appointment) */
  | 'APPOINTMENT'
  /** 评优评先 (honours and commendations) */
  | 'HONOUR'
  /** 职务职级晋升 (promotion in post or rank) */
  | 'PROMOTION'
  /** 公务员录用 (recruitment; candidates need not be registered) */
  | 'RECRUITMENT'
  /** 调任 (transfer in; candidates need not be registered) */
  | 'TRANSFER';

/** What a reason of a pre-appointment verdict is about. */
export type AppointmentReasonKind =
  /** One of the last three annual assessment grades. */
  | 'ASSESSMENT_GRADE'
  /** A commitment of the person declared breached. */
  | 'COMMITMENT_BREACHED'
  /** A joint measure in force restricting promotion or honours. */
  | 'MEASURE_IN_FORCE'
  /** A disciplinary action in its effect period (处分期间). */
  | 'SANCTION_IN_EFFECT'
  /** A serious dishonesty record in force naming the person. */
  | 'SERIOUS_RECORD';

/** Why a code of appointmentCheck was not checked. */
export type AppointmentRefusal =
  /** Not a valid resident ID number (see problem). */
  | 'INVALID_CODE'
  /** A USCC: organizations are not candidates. */
  | 'NOT_A_PERSON'
  /** You may not check this person for this purpose: for PROMOTION, APPOINTMENT and HONOUR only persons your organization department manages; the same answer for a number not registered (logged DENIED). */
  | 'NOT_PERMITTED';

/** Outcome of a pre-appointment check under the verdict rules of the credit policy. */
export type AppointmentVerdict =
  /** Reasons to look at before deciding (需关注). */
  | 'ATTENTION'
  /** No reason against the decision. */
  | 'CLEAR'
  /** A reason that bars the decision for this purpose (受限). */
  | 'RESTRICTED';

/** Kind of integrity-file entry. */
export type ArchiveEntryKind =
  /** 年度考核: one per person per year, with a grade. */
  | 'ANNUAL_ASSESSMENT'
  /** 廉政记录. */
  | 'CLEAN_GOVERNMENT_RECORD'
  /** 表彰奖励. */
  | 'COMMENDATION'
  /** 违法违纪 / 处分. */
  | 'DISCIPLINARY_ACTION'
  /** 诚信教育培训. */
  | 'INTEGRITY_TRAINING'
  /** 个人有关事项报告 (contents restricted to the managing organization department and the person). */
  | 'PERSONAL_MATTERS_REPORT'
  /** 诚信承诺. */
  | 'PLEDGE';

/** Annual assessment grade: 优秀 / 称职 / 基本称职 / 不称职. */
export type AssessmentGrade =
  | 'BASICALLY_COMPETENT'
  | 'COMPETENT'
  | 'EXCELLENT'
  | 'INCOMPETENT';

/** PUBLIC: 社会公开 within the publicity window; GOVERNMENT: 政务共享; RESTRICTED: 依授权查询. */
export type Disclosure =
  | 'GOVERNMENT'
  | 'PUBLIC'
  | 'RESTRICTED';

/** Serious-dishonesty list or the tendering blacklist (招标投标黑名单). */
export type ListType =
  | 'ENFORCEMENT_DEFAULTER'
  | 'PROCUREMENT_BAN'
  | 'SERIOUS_DISHONESTY'
  | 'TENDER_BLACKLIST';

/** What kind of finding this is. */
export type RecordCategory =
  | 'ACCOUNTABILITY'
  | 'ADMINISTRATIVE_PENALTY'
  | 'ARREARS'
  | 'COMMENDATION'
  | 'COMMITMENT_BREACH'
  | 'CONTRACT_BREACH'
  | 'DISCIPLINARY_SANCTION'
  | 'ENFORCEMENT_DEFAULT'
  | 'JUDICIAL_JUDGMENT'
  | 'LITIGATION_LOST'
  | 'NON_PROSECUTION'
  | 'STATISTICAL_FRAUD';

/** Kind of disciplinary action (处分种类), set by the deciding discipline-inspection system. */
export type SanctionKind =
  /** 记过. */
  | 'DEMERIT'
  /** 降级. */
  | 'DEMOTION'
  /** 撤职. */
  | 'DISMISSAL_FROM_POST'
  /** 开除: no end to its effect. */
  | 'EXPULSION'
  /** 记大过. */
  | 'MAJOR_DEMERIT'
  /** 警告. */
  | 'WARNING';

export type AppointmentCheckQueryVariables = Exact<{
  codes: Array<string> | string;
  purpose: AppointmentPurpose;
  note: string;
}>;


export type AppointmentCheckQuery = { appointmentCheck: Array<{ index: number, code: string, valid: boolean, problem: string | null, refusal: AppointmentRefusal | null, candidate: { verdict: AppointmentVerdict, undisclosedReasonCount: number, reasons: Array<{ kind: AppointmentReasonKind, weight: AppointmentVerdict, explanation: string }>, recentAssessments: Array<{ year: number, grade: AssessmentGrade | null }> | null } | null }> };

export type CadreStandingQueryVariables = Exact<{
  code: string;
}>;


export type CadreStandingQuery = { subject: { id: string, name: string, code: string, position: string | null, parent: { name: string } | null, creditStatus: { level: string | null, score: number | null, activeDishonestyCount: number, seriousDishonestyCount: number, undisclosedReasonCount: number, reasons: Array<{ kind: string, points: number, explanation: string }> } | null, listings: Array<{ listType: ListType, reason: string, endsOn: string | null }> | null } | null };

export type ReadFileQueryVariables = Exact<{
  code?: string | null | undefined;
  id?: string | number | null | undefined;
  purpose: string;
}>;


export type ReadFileQuery = { subject: { name: string, code: string, archive: { purpose: string, assessments: Array<{ year: number, grade: AssessmentGrade | null }>, entries: Array<{ kind: ArchiveEntryKind, year: number, title: string, content: string | null }>, dishonestyRecords: Array<{ title: string, category: RecordCategory, decidedAt: string, disclosure: Disclosure }>, sanctions: Array<{ kind: SanctionKind, decidedAt: string, effectiveUntil: string | null, inEffect: boolean }> | null } | null } | null };


export const AppointmentCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppointmentCheck"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"codes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AppointmentPurpose"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointmentCheck"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"personCodes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"codes"}}},{"kind":"Argument","name":{"kind":"Name","value":"purpose"},"value":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"problem"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"}},{"kind":"Field","name":{"kind":"Name","value":"candidate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"undisclosedReasonCount"}},{"kind":"Field","name":{"kind":"Name","value":"recentAssessments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AppointmentCheckQuery, AppointmentCheckQueryVariables>;
export const CadreStandingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CadreStanding"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creditStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"activeDishonestyCount"}},{"kind":"Field","name":{"kind":"Name","value":"seriousDishonestyCount"}},{"kind":"Field","name":{"kind":"Name","value":"undisclosedReasonCount"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"listings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listType"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}}]}}]}}]}}]} as unknown as DocumentNode<CadreStandingQuery, CadreStandingQueryVariables>;
export const ReadFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReadFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"archive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"purpose"},"value":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"assessments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dishonestyRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"disclosure"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sanctions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveUntil"}},{"kind":"Field","name":{"kind":"Name","value":"inEffect"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReadFileQuery, ReadFileQueryVariables>;