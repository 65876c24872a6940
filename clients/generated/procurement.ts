/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What the interception policy says to do: BLOCK 拦截, WARN 提示（人工审查）, PASS 通过. */
export type CheckDecision =
  | 'BLOCK'
  | 'PASS'
  | 'WARN';

/** 信易购 performance deposit (履约保证金): WAIVED 免收, REDUCED 减收 (by percent), NONE 不减免. */
export type DepositReliefKind =
  | 'NONE'
  | 'REDUCED'
  | 'WAIVED';

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

/** Field of government activity the finding belongs to. */
export type RecordDomain =
  | 'ENVIRONMENT'
  | 'GENERAL'
  | 'GOVERNMENT_DEBT'
  | 'GRASSROOTS'
  | 'INVESTMENT_PROMOTION'
  | 'PPP'
  | 'PROCUREMENT'
  | 'STATISTICS'
  | 'TENDERING';

/** ACTIVE, REVOKED (after objection), REPAIRED (信用修复), SETTLED (履行完毕: arrears repaid in full or a linked case performed, by rule) or WITHDRAWN (撤回 by the system that pushed it). */
export type RecordStatus =
  | 'ACTIVE'
  | 'REPAIRED'
  | 'REVOKED'
  | 'SETTLED'
  | 'WITHDRAWN';

/** What a credit report is for: PROCUREMENT (政府采购), TENDERING (招标投标), FUNDING (专项资金), HONOURS (评优评先), APPROVAL (行政审批). */
export type ReportPurpose =
  | 'APPROVAL'
  | 'FUNDING'
  | 'HONOURS'
  | 'PROCUREMENT'
  | 'TENDERING';

/** General (一般) or serious (严重). */
export type Severity =
  | 'GENERAL'
  | 'SERIOUS';

/** Kind of credit subject. */
export type SubjectKind =
  /** 村居、社区: a village or community organization (USCC, categories 54 / N*). */
  | 'COMMUNITY'
  /** 政府部门/党政机关: a government department or organ (USCC, category 11). */
  | 'DEPARTMENT'
  /** 市场主体: a bidder, agency, supplier or investor (USCC, categories 91-93). */
  | 'ENTERPRISE'
  /** 地方各级人民政府: a local government (USCC, category 11). */
  | 'GOVERNMENT'
  /** 事业单位: a public institution (USCC, category 12). */
  | 'INSTITUTION'
  /** 公务员/公职人员: a civil servant (resident identity number). */
  | 'PUBLIC_SERVANT'
  /** 乡镇政府、街道办事处: a township government or sub-district office (USCC, category 11). */
  | 'TOWNSHIP';

export type BuyerCreditStatusQueryVariables = Exact<{
  code: string;
}>;


export type BuyerCreditStatusQuery = { creditStatus: { code: string, level: string | null, score: number | null, activeDishonestyCount: number, seriousDishonestyCount: number, asOf: string, policyVersion: string, withheld: boolean, subject: { name: string, kind: SubjectKind } | null, activeListings: Array<{ listType: ListType, active: boolean }>, reasons: Array<{ kind: string, points: number, explanation: string }> } | null };

export type BuyerRecordsQueryVariables = Exact<{
  code: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  decidedFrom?: string | null | undefined;
}>;


export type BuyerRecordsQuery = { subject: { name: string, records: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, title: string, category: RecordCategory, domain: RecordDomain, severity: Severity, disclosure: Disclosure, decidedAt: string, publicUntil: string, status: RecordStatus, disputed: boolean } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type CheckCreditReportQueryVariables = Exact<{
  number: string;
  digest: string;
}>;


export type CheckCreditReportQuery = { verifyCreditReport: { number: string, authentic: boolean, issuedOn: string | null, changedSinceIssue: boolean | null } };

export type IssueCreditReportMutationVariables = Exact<{
  code: string;
  purpose?: ReportPurpose;
}>;


export type IssueCreditReportMutation = { creditReport: { number: string, issuedOn: string, verificationCode: string, digest: string, keyId: string, jws: string, payloadJson: string, downloadToken: string | null } };

export type SupplierCreditReviewQueryVariables = Exact<{
  codes: Array<string> | string;
}>;


export type SupplierCreditReviewQuery = { creditReview: Array<{ code: string, valid: boolean, problem: string | null, registered: boolean, withheld: boolean, level: string | null, score: number | null, seriousRecordCount: number, generalRecordCount: number, activeMeasureCount: number, breachedCommitmentCount: number, decision: CheckDecision, subject: { name: string } | null, listings: Array<{ listType: ListType, endsOn: string | null }>, rule: { id: string, description: string, basis: string }, depositRelief: { kind: DepositReliefKind, percent: number, rule: { id: string, description: string } } | null }> | null };


export const BuyerCreditStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BuyerCreditStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"activeDishonestyCount"}},{"kind":"Field","name":{"kind":"Name","value":"seriousDishonestyCount"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"policyVersion"}},{"kind":"Field","name":{"kind":"Name","value":"withheld"}},{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeListings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listType"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}}]}}]}}]}}]} as unknown as DocumentNode<BuyerCreditStatusQuery, BuyerCreditStatusQueryVariables>;
export const BuyerRecordsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BuyerRecords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"decidedFrom"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"records"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"natures"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"DISHONESTY"}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"decidedFrom"},"value":{"kind":"Variable","name":{"kind":"Name","value":"decidedFrom"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"disclosure"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publicUntil"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"disputed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BuyerRecordsQuery, BuyerRecordsQueryVariables>;
export const CheckCreditReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CheckCreditReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"digest"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyCreditReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}},{"kind":"Argument","name":{"kind":"Name","value":"digest"},"value":{"kind":"Variable","name":{"kind":"Name","value":"digest"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"authentic"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"changedSinceIssue"}}]}}]}}]} as unknown as DocumentNode<CheckCreditReportQuery, CheckCreditReportQueryVariables>;
export const IssueCreditReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueCreditReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportPurpose"}}},"defaultValue":{"kind":"EnumValue","value":"PROCUREMENT"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"purpose"},"value":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"verificationCode"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"jws"}},{"kind":"Field","name":{"kind":"Name","value":"payloadJson"}},{"kind":"Field","name":{"kind":"Name","value":"downloadToken"}}]}}]}}]} as unknown as DocumentNode<IssueCreditReportMutation, IssueCreditReportMutationVariables>;
export const SupplierCreditReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupplierCreditReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"codes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"codes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"codes"}}},{"kind":"Argument","name":{"kind":"Name","value":"context"},"value":{"kind":"EnumValue","value":"PROCUREMENT"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"problem"}},{"kind":"Field","name":{"kind":"Name","value":"registered"}},{"kind":"Field","name":{"kind":"Name","value":"withheld"}},{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"seriousRecordCount"}},{"kind":"Field","name":{"kind":"Name","value":"generalRecordCount"}},{"kind":"Field","name":{"kind":"Name","value":"listings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listType"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeMeasureCount"}},{"kind":"Field","name":{"kind":"Name","value":"breachedCommitmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}}]}},{"kind":"Field","name":{"kind":"Name","value":"depositRelief"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SupplierCreditReviewQuery, SupplierCreditReviewQueryVariables>;