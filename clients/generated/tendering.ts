/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The money of an ARREARS finding (清欠): required with category ARREARS, refused with any other. */
export type ArrearsInput = {
  /** Amount owed in yuan, a decimal string above 0 with at most two decimals ("1250000.00"). */
  amount: string;
  /** Who is owed: migrant workers’ wages, a contractor, a supplier… */
  creditorClass: CreditorClass;
  /** USCC of the creditor enterprise, when one is owed. */
  creditorCode?: string | null | undefined;
  /** Date the money was due (应付日期). */
  dueOn: string;
};

/** Where a check is used (docs/interception.md): PROCUREMENT 政府采购, TENDERING 招标投标, FUNDING 专项资金申请, HONOURS 评优评先, APPROVAL 行政审批. */
export type CheckContext =
  | 'APPROVAL'
  | 'FUNDING'
  | 'HONOURS'
  | 'PROCUREMENT'
  | 'TENDERING';

/** What the interception policy says to do: BLOCK 拦截, WARN 提示（人工审查）, PASS 通过. */
export type CheckDecision =
  | 'BLOCK'
  | 'PASS'
  | 'WARN';

/** Creditor of arrears: MIGRANT_WORKERS 农民工工资, CONTRACTOR 工程款, SUPPLIER 物资采购款, DEPOSIT 保证金 withheld, OTHER. */
export type CreditorClass =
  | 'CONTRACTOR'
  | 'DEPOSIT'
  | 'MIGRANT_WORKERS'
  | 'OTHER'
  | 'SUPPLIER';

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

/** A new listing. */
export type ListingInput = {
  /** Id of the configured basis of this list (config/list-rules.json) it rests on (default: the first). */
  basisId?: string | null | undefined;
  /** Last day, at most the list’s maximum duration (default: its default duration, else the maximum). */
  endsOn?: string | null | undefined;
  /** The citation as the decision words it (default: the text of the configured basis). Law, regulation or central policy (国办发〔2020〕49号). */
  legalBasis?: string | null | undefined;
  /** The list (名单) to put the subject on. */
  listType: ListType;
  /** Why the subject is listed. */
  reason: string;
  /** Ids of the records the listing rests on (at least one). */
  reasonRecordIds: Array<string>;
  /** First day in effect, never before today (default today, or the day after the notice window). */
  startsOn?: string | null | undefined;
  /** The listed subject. */
  subject: SubjectRefInput;
};

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

/** A finding pushed by a client system; idempotent on (pushing system, externalId). */
export type RecordInput = {
  /** Amount, creditor and due date (清欠): required with category ARREARS, refused with any other. */
  arrears?: ArrearsInput | null | undefined;
  /** What kind of finding this is. */
  category: RecordCategory;
  /** Decision date (not in the future). */
  decidedAt: string;
  /** USCC of the deciding authority. */
  decidingAuthorityCode?: string | null | undefined;
  /** Facts of the finding. */
  details?: string | null | undefined;
  /** Who may see the record. */
  disclosure: Disclosure;
  /** Decision document number (文书号). */
  documentNo?: string | null | undefined;
  /** The field of government activity it concerns. */
  domain: RecordDomain;
  /** The pushing system’s own id for the finding. */
  externalId: string;
  /** Legal basis. */
  legalBasis?: string | null | undefined;
  /** Dishonesty (失信) or honour (守信). */
  nature: RecordNature;
  /** Resident ID numbers of the responsible civil servants (registered). */
  responsiblePersonCodes?: Array<string> | null | undefined;
  /** Kind of disciplinary action (处分种类); only with category DISCIPLINARY_SANCTION. */
  sanctionKind?: SanctionKind | null | undefined;
  /** General (一般) or serious (严重). */
  severity: Severity;
  /** Who the finding is about. */
  subject: SubjectRefInput;
  /** Short title. */
  title: string;
  /** Meets the fault-tolerance conditions (容错): kept, not counted. */
  tolerated?: boolean | null | undefined;
};

/** Dishonesty (失信) or honour/commendation (守信). */
export type RecordNature =
  | 'DISHONESTY'
  | 'HONOR';

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

/** A subject named by code; name, kind and division are needed only when it is not yet registered. */
export type SubjectRefInput = {
  /** USCC, or resident ID number for a civil servant. */
  code: string;
  /** Kind (for a new subject). */
  kind?: SubjectKind | null | undefined;
  /** Registered name (for a new subject). */
  name?: string | null | undefined;
  /** Division code (for a new subject). */
  regionCode?: string | null | undefined;
};

/** What a push did to one record. */
export type SubmitOutcome =
  | 'CREATED'
  | 'UNCHANGED'
  | 'UPDATED';

export type AddToTenderBlacklistMutationVariables = Exact<{
  input: ListingInput;
}>;


export type AddToTenderBlacklistMutation = { listSubject: { id: string, listType: ListType, active: boolean, startsOn: string, endsOn: string | null, reasonRecords: Array<{ title: string }> } };

export type BidderBlacklistCheckQueryVariables = Exact<{
  codes: Array<string> | string;
  listTypes?: Array<ListType> | ListType | null | undefined;
}>;


export type BidderBlacklistCheckQuery = { blacklistCheck: Array<{ code: string, valid: boolean, problem: string | null, listed: boolean, withheld: boolean, subject: { name: string } | null, listings: Array<{ listType: ListType, reason: string, endsOn: string | null, reasonRecords: Array<{ title: string }> }> }> };

export type BidderInterceptionCheckQueryVariables = Exact<{
  codes: Array<string> | string;
  legalRepresentatives?: Array<string | null | undefined> | string | null | undefined;
  context?: CheckContext | null | undefined;
}>;


export type BidderInterceptionCheckQuery = { blacklistCheck: Array<{ code: string, valid: boolean, problem: string | null, listed: boolean, withheld: boolean, context: CheckContext, decision: CheckDecision, rule: { id: string, description: string, basis: string }, legalRepresentative: { valid: boolean, problem: string | null, decision: CheckDecision, rule: { id: string } } | null }> };

export type ReportTenderViolationMutationVariables = Exact<{
  input: Array<RecordInput> | RecordInput;
}>;


export type ReportTenderViolationMutation = { submitRecords: { created: number, updated: number, unchanged: number, results: Array<{ index: number, externalId: string, outcome: SubmitOutcome, recordId: string, record: { version: number, publicUntil: string } | null }> } };


export const AddToTenderBlacklistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToTenderBlacklist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ListingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listSubject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"listType"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"reasonRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<AddToTenderBlacklistMutation, AddToTenderBlacklistMutationVariables>;
export const BidderBlacklistCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BidderBlacklistCheck"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"codes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"listTypes"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ListType"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blacklistCheck"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"codes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"codes"}}},{"kind":"Argument","name":{"kind":"Name","value":"listTypes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"listTypes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"problem"}},{"kind":"Field","name":{"kind":"Name","value":"listed"}},{"kind":"Field","name":{"kind":"Name","value":"withheld"}},{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"listings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listType"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"reasonRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BidderBlacklistCheckQuery, BidderBlacklistCheckQueryVariables>;
export const BidderInterceptionCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BidderInterceptionCheck"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"codes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"legalRepresentatives"}},"type":{"kind":"ListType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"context"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckContext"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blacklistCheck"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"codes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"codes"}}},{"kind":"Argument","name":{"kind":"Name","value":"legalRepresentatives"},"value":{"kind":"Variable","name":{"kind":"Name","value":"legalRepresentatives"}}},{"kind":"Argument","name":{"kind":"Name","value":"context"},"value":{"kind":"Variable","name":{"kind":"Name","value":"context"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"problem"}},{"kind":"Field","name":{"kind":"Name","value":"listed"}},{"kind":"Field","name":{"kind":"Name","value":"withheld"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}}]}},{"kind":"Field","name":{"kind":"Name","value":"legalRepresentative"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"problem"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BidderInterceptionCheckQuery, BidderInterceptionCheckQueryVariables>;
export const ReportTenderViolationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReportTenderViolation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"recordId"}},{"kind":"Field","name":{"kind":"Name","value":"record"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"publicUntil"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReportTenderViolationMutation, ReportTenderViolationMutationVariables>;