import { registerEnumType } from 'type-graphql';

/** Enums of the client contract for records and lists. */
export enum RecordNature {
  DISHONESTY = 'DISHONESTY',
  HONOR = 'HONOR',
}
export enum Severity {
  GENERAL = 'GENERAL',
  SERIOUS = 'SERIOUS',
}
export enum Disclosure {
  PUBLIC = 'PUBLIC',
  GOVERNMENT = 'GOVERNMENT',
  RESTRICTED = 'RESTRICTED',
}
export enum RecordCategory {
  JUDICIAL_JUDGMENT = 'JUDICIAL_JUDGMENT',
  ADMINISTRATIVE_PENALTY = 'ADMINISTRATIVE_PENALTY',
  DISCIPLINARY_SANCTION = 'DISCIPLINARY_SANCTION',
  ACCOUNTABILITY = 'ACCOUNTABILITY',
  NON_PROSECUTION = 'NON_PROSECUTION',
  ENFORCEMENT_DEFAULT = 'ENFORCEMENT_DEFAULT',
  LITIGATION_LOST = 'LITIGATION_LOST',
  CONTRACT_BREACH = 'CONTRACT_BREACH',
  COMMITMENT_BREACH = 'COMMITMENT_BREACH',
  ARREARS = 'ARREARS',
  STATISTICAL_FRAUD = 'STATISTICAL_FRAUD',
  COMMENDATION = 'COMMENDATION',
}
export enum RecordDomain {
  GENERAL = 'GENERAL',
  PROCUREMENT = 'PROCUREMENT',
  PPP = 'PPP',
  TENDERING = 'TENDERING',
  INVESTMENT_PROMOTION = 'INVESTMENT_PROMOTION',
  GOVERNMENT_DEBT = 'GOVERNMENT_DEBT',
  STATISTICS = 'STATISTICS',
  ENVIRONMENT = 'ENVIRONMENT',
  GRASSROOTS = 'GRASSROOTS',
}
export enum ListType {
  SERIOUS_DISHONESTY = 'SERIOUS_DISHONESTY',
  TENDER_BLACKLIST = 'TENDER_BLACKLIST',
  /** 失信被执行人名单, kept by the courts. */
  ENFORCEMENT_DEFAULTER = 'ENFORCEMENT_DEFAULTER',
  /** 政府采购严重违法失信行为记录名单, kept by the procurement supervisor, with its ban period. */
  PROCUREMENT_BAN = 'PROCUREMENT_BAN',
}
/** Lifecycle of a record; workflows (objection, repair) move it. */
export enum RecordStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  REPAIRED = 'REPAIRED',
  /** The finding was performed in full (arrears repaid: consequences/record-effects.ts settleRecord). */
  SETTLED = 'SETTLED',
  /** The pushing system took the record back (withdrawRecords), e.g. a court's enforcement ended. */
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(RecordNature, {
  name: 'RecordNature',
  description: 'Dishonesty (失信) or honour/commendation (守信).',
});
registerEnumType(Severity, { name: 'Severity', description: 'General (一般) or serious (严重).' });
registerEnumType(Disclosure, {
  name: 'Disclosure',
  description: 'PUBLIC: 社会公开 within the publicity window; GOVERNMENT: 政务共享; RESTRICTED: 依授权查询.',
});
registerEnumType(RecordCategory, { name: 'RecordCategory', description: 'What kind of finding this is.' });
registerEnumType(RecordDomain, {
  name: 'RecordDomain',
  description: 'Field of government activity the finding belongs to.',
});
registerEnumType(ListType, {
  name: 'ListType',
  description: 'Serious-dishonesty list or the tendering blacklist (招标投标黑名单).',
});
registerEnumType(RecordStatus, {
  name: 'RecordStatus',
  description:
    'ACTIVE, REVOKED (after objection), REPAIRED (信用修复), SETTLED (履行完毕: arrears repaid in full or a linked case performed, by rule) or WITHDRAWN (撤回 by the system that pushed it).',
});

// Named by the evaluation configuration (policy/evaluation-config.ts) as well as by the workflows.
/** 涉府失信案件: pending litigation (未结诉讼) and enforcement defaults (被执行/失信被执行). */
export enum GovernmentCaseKind {
  PENDING_LITIGATION = 'PENDING_LITIGATION',
  ENFORCEMENT_DEFAULT = 'ENFORCEMENT_DEFAULT',
}
registerEnumType(GovernmentCaseKind, {
  name: 'GovernmentCaseKind',
  description: 'PENDING_LITIGATION (涉政府机构未结诉讼) or ENFORCEMENT_DEFAULT (被执行未履行).',
});
/** 异议: FILED → UPHELD | CORRECTED | REVOKED (decided by the deciding authority or the credit office). */
export enum ObjectionState {
  FILED = 'FILED',
  UPHELD = 'UPHELD',
  CORRECTED = 'CORRECTED',
  REVOKED = 'REVOKED',
}
registerEnumType(ObjectionState, {
  name: 'ObjectionState',
  description:
    'FILED (the record is disputed), then UPHELD (record stands), CORRECTED (new version of the record) or REVOKED (record withdrawn).',
});

/** Kinds of disciplinary action (政务处分 / 党纪处分); their effect periods are credit-policy configuration. */
export enum SanctionKind {
  WARNING = 'WARNING',
  DEMERIT = 'DEMERIT',
  MAJOR_DEMERIT = 'MAJOR_DEMERIT',
  DEMOTION = 'DEMOTION',
  DISMISSAL_FROM_POST = 'DISMISSAL_FROM_POST',
  EXPULSION = 'EXPULSION',
}
registerEnumType(SanctionKind, {
  name: 'SanctionKind',
  description: 'Kind of disciplinary action (处分种类), set by the deciding discipline-inspection system.',
  valuesConfig: {
    WARNING: { description: '警告.' },
    DEMERIT: { description: '记过.' },
    MAJOR_DEMERIT: { description: '记大过.' },
    DEMOTION: { description: '降级.' },
    DISMISSAL_FROM_POST: { description: '撤职.' },
    EXPULSION: { description: '开除: no end to its effect.' },
  },
});

/** What an objection disputes (issue #16 item 4, "what names me"). */
export enum ObjectionMatter {
  FINDING = 'FINDING',
  NAMING = 'NAMING',
}
registerEnumType(ObjectionMatter, {
  name: 'ObjectionMatter',
  description:
    'FINDING: the record’s finding about its subject (filed by the subject or its credit office). NAMING: that the record names the filing civil servant as a responsible person (filed by that person; corrected with correctNaming).',
});

// ── arrears (清欠, issue #17 item 4) ──
/**
 * Who an ARREARS record's money is owed to (GY: 工程款和农民工工资; LY: 物资采购款、工程款、保证金和农民工工资):
 * the class the 清欠 ledger groups by; an enterprise creditor is named by code besides.
 */
export enum CreditorClass {
  MIGRANT_WORKERS = 'MIGRANT_WORKERS',
  CONTRACTOR = 'CONTRACTOR',
  SUPPLIER = 'SUPPLIER',
  DEPOSIT = 'DEPOSIT',
  OTHER = 'OTHER',
}
registerEnumType(CreditorClass, {
  name: 'CreditorClass',
  description:
    'Creditor of arrears: MIGRANT_WORKERS 农民工工资, CONTRACTOR 工程款, SUPPLIER 物资采购款, DEPOSIT 保证金 withheld, OTHER.',
});

// Named by the consequences of a finding's end (consequences/) as well as by the workflows and monitoring.
/**
 * 发起 → 响应 → 反馈: INITIATED → ACCEPTED | NOT_APPLICABLE; ACCEPTED → FED_BACK. When its basis leaves use (repair,
 * revocation, settlement, withdrawal, delisting: consequences/) a measure in force or pending moves to LIFTED
 * and its implementing unit confirms the lift: LIFTED → LIFT_CONFIRMED.
 */
export enum MeasureState {
  INITIATED = 'INITIATED',
  ACCEPTED = 'ACCEPTED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
  FED_BACK = 'FED_BACK',
  LIFTED = 'LIFTED',
  LIFT_CONFIRMED = 'LIFT_CONFIRMED',
}
registerEnumType(MeasureState, {
  name: 'MeasureState',
  description:
    'INITIATED (发起, awaiting the implementing unit), ACCEPTED (响应: will be applied), NOT_APPLICABLE (响应: does not apply, with reason), FED_BACK (反馈: result reported), LIFTED (解除: its record or listing left use; the unit is to confirm), LIFT_CONFIRMED (the unit confirmed the lift).',
});

/** Lifecycle of an early warning (monitoring/warning.entity.ts). */
export enum WarningState {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLOSED = 'CLOSED',
}
registerEnumType(WarningState, {
  name: 'WarningState',
  description: 'OPEN (raised), ACKNOWLEDGED (someone is on it) or CLOSED (dealt with).',
});
