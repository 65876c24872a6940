import { allow, type IRules } from 'graphql-shield';
import { canImportPenalties } from './disclosure/rules';
import {
  canPushRecords,
  canReadArchiveRecords,
  canReadRecordInternals,
  canReadRecordsNamingMe,
} from './findings/rules';
import { canManageLists, canReadListingNotice, canReadListingNotices } from './lists/rules';
import { canHandleWarnings, canPublishRankings, canReadEvaluations } from './monitoring/rules';
import { canReadSanctions, canReadStanding, canReviewCredit } from './status/rules';
import { canUseWebhooks } from './webhooks/rules';
import { canCheckCandidate, canReadFileWorkflows } from './cadre/rules';
import {
  anyRegisteredSystem,
  canActForSubject,
  canDecideObjections,
  canDecideRepairs,
  canDeclareCommitmentOutcome,
  canHandleComplaints,
  canInitiateMeasures,
  canPushCases,
  canReadCaseLedger,
  canReadCommitmentInternals,
  canReadReporterContact,
  canRegisterCommitments,
  canResolveCases,
  canRespondToMeasures,
} from './workflows/rules';
import { canAnswerOpinions, canReadIntegrityOpinions, canReadOpinionText, canRequestOpinions } from './workflows/rules';
import { canReadArrears } from './findings/rules';
import { canReadArrearsLedger, canRecordRepayments } from './workflows/rules';
import { canReadInterceptionLedger, canReportInterceptions } from './supervision/rules';
import { canIssueCreditReports, canReadIssuedReports } from './reports/rules';

/** The page wrappers of these node types carry no data of their own: their nodes' rules apply. */
function pages(...nodeTypes: string[]): IRules {
  return Object.fromEntries(nodeTypes.flatMap((type) => [`${type}Connection`, `${type}Edge`]).map((t) => [t, allow]));
}

/**
 * The permission table of the records subgraph (deny by default), one section per capability
 * (index.ts). Which rows a caller sees is decided by the finders: recordVisibility
 * (findings/record.repository.ts), the workflow finders (workflows/context.ts), the webhook
 * finders (webhooks/context.ts), the warning finder (monitoring/context.ts).
 */
export const recordPermissions: IRules = {
  Query: {
    _service: allow,
    _entities: allow,
    // findings: rows by recordVisibility.
    records: allow,
    // status, lists: what each answer tells is decided by status/standing.ts and lists/blacklist.ts.
    creditStatus: allow,
    blacklistCheck: allow,
    // The batch review: government systems; each row as status/review.ts releases it.
    creditReview: canReviewCredit,
    // workflows: rows narrowed by the workflow finders to the caller's own or jurisdiction's.
    commitments: allow,
    objections: anyRegisteredSystem,
    repairApplications: anyRegisteredSystem,
    jointMeasures: anyRegisteredSystem,
    complaints: anyRegisteredSystem,
    // The receipt token is the right: its holder (anyone, PUBLIC included) reads state, due date and answer only.
    complaintByReceipt: allow,
    governmentCases: anyRegisteredSystem,
    caseLedger: canReadCaseLedger,
    // 廉政意见: the requester its own, discipline inspection its jurisdiction's (opinions/opinion.finder.ts).
    integrityOpinions: anyRegisteredSystem,
    // lifecycle: each event only with the object it belongs to (history.resolver.ts).
    workflowHistory: allow,
    // webhooks: own subscriptions; the credit office those of its jurisdiction.
    webhookSubscriptions: canUseWebhooks,
    webhookDeliveries: canUseWebhooks,
    // monitoring: jurisdiction checked by EvaluationService and the warning finder; a published
    // ranking (公布排名) is everyone's, an unpublished one only evaluators' (service).
    evaluationPeriods: allow,
    evaluation: canReadEvaluations,
    ranking: allow,
    warnings: canHandleWarnings,
    // 清欠: debt management and the credit office, the prefix inside their jurisdiction (step right readsLedgerOf).
    arrearsLedger: canReadArrearsLedger,
    // 自动监督: the credit office the platforms of its jurisdiction, other systems their own checks (supervisedChecks).
    interceptionLedger: canReadInterceptionLedger,
    // 信用报告: the issuer its own (reports/report.repository.ts reportVisibility); verification tells anyone only
    // authentic / issued on / changed (reports/verification.ts).
    issuedCreditReport: canReadIssuedReports,
    verifyCreditReport: allow,
  },
  Mutation: {
    // findings and disclosure (双公示): what each role may push is findings/push-scope.ts.
    submitRecords: canPushRecords,
    // Only the system's own pushes are found (workflows/withdrawal/): the pushing systems, like submitRecords.
    withdrawRecords: canPushRecords,
    importPenalties: canImportPenalties,
    // lists
    listSubject: canManageLists,
    delistSubject: canManageLists,
    // 告知 and 异议 (docs/lists.md): the subject objects (step right actsForSubject), the keeper decides (keepsList).
    objectToListing: canActForSubject,
    decideListingObjection: canManageLists,
    // workflows
    registerCommitment: canRegisterCommitments,
    fulfilCommitment: canDeclareCommitmentOutcome,
    breachCommitment: canDeclareCommitmentOutcome,
    changeCommitment: canDeclareCommitmentOutcome,
    fileObjection: canActForSubject,
    upholdObjection: canDecideObjections,
    correctObjection: canDecideObjections,
    revokeObjection: canDecideObjections,
    // What names me (issue #16 item 4): the same deciders correct a naming (step right decidesObjection).
    correctNaming: canDecideObjections,
    applyForRepair: canActForSubject,
    approveRepair: canDecideRepairs,
    rejectRepair: canDecideRepairs,
    initiateJointMeasures: canInitiateMeasures,
    acceptJointMeasure: canRespondToMeasures,
    declineJointMeasure: canRespondToMeasures,
    feedBackJointMeasure: canRespondToMeasures,
    confirmMeasureLifted: canRespondToMeasures,
    // Anyone may report government dishonesty, PUBLIC included (capped per subject and day).
    reportComplaint: allow,
    assignComplaint: canHandleComplaints,
    verifyComplaint: canHandleComplaints,
    rejectComplaint: canHandleComplaints,
    closeComplaint: canHandleComplaints,
    recordFromComplaint: canHandleComplaints,
    submitCases: canPushCases,
    resolveCase: canResolveCases,
    // 廉政意见: who may ask on which person, and answer which request, is decided per person / on the locked row.
    requestIntegrityOpinion: canRequestOpinions,
    answerIntegrityOpinion: canAnswerOpinions,
    withdrawIntegrityOpinion: canRequestOpinions,
    // webhooks: which subjects one may watch is webhooks/watch-scope.ts; delete: the owner only.
    registerWebhook: canUseWebhooks,
    deleteWebhook: canUseWebhooks,
    // monitoring
    publishRanking: canPublishRankings,
    acknowledgeWarning: canHandleWarnings,
    closeWarning: canHandleWarnings,
    // 清欠: the roles that push arrears; on the locked record the step right recordsRepayment.
    recordRepayment: canRecordRepayments,
    // 自动监督: the platform that made a check reports on it (step right reportsOwnCheck).
    reportInterceptions: canReportInterceptions,
    // 信用报告: government systems on any subject, a subject on itself; the report tells what the issuer may read.
    creditReport: canIssueCreditReports,
    // The one-time download token is the right: its holder (anyone, PUBLIC included) gets that report once.
    redeemCreditReportDownload: allow,
  },

  // ── findings ──
  CreditRecord: {
    '*': allow,
    details: canReadRecordInternals,
    legalBasis: canReadRecordInternals,
    responsiblePersons: canReadRecordInternals,
    sourceSystem: canReadRecordInternals,
    history: canReadRecordInternals,
    // 清欠: the money of ARREARS records to debt management and the credit office of the jurisdiction, the pusher.
    arrears: canReadArrears,
    // 使用期限: a date of the policy, to whoever sees the record (after it, recordVisibility keeps the row from most).
    usableUntil: allow,
  },
  ...pages('CreditRecord'),
  SubmitRecordsPayload: allow,
  SubmitRecordResult: allow,
  WithdrawRecordResult: allow,
  // The file's sanctions: kind, dates and effect to the file's readers whatever the disclosure; the decision
  // itself (SanctionInEffect.record) by recordVisibility.
  // 廉政意见 answered, commitments and measures in force (cadre/): the file's readers, like its sanctions;
  // UNDER_INVESTIGATION and an opinion's text to the opinion's parties only.
  IntegrityArchive: {
    '*': canReadArchiveRecords,
    sanctions: canReadSanctions,
    integrityOpinions: canReadIntegrityOpinions,
    commitments: canReadFileWorkflows,
    jointMeasures: canReadFileWorkflows,
  },
  SanctionInEffect: allow,
  // Subject.records: rows by recordVisibility. A civil servant's standing (status, listings): canReadStanding.
  Subject: {
    '*': allow,
    creditStatus: canReadStanding,
    listings: canReadStanding,
    // What names me (issue #16 item 4): the person only; its rows by recordVisibility (ownRecord).
    recordsNamingMe: canReadRecordsNamingMe,
    // 告知 (docs/lists.md): the subject itself and the list's keepers; rows by lists/rules.ts mayReadListingNotice.
    listingNotices: canReadListingNotices,
  },

  // ── lists ── Listings are public; a person's only through Subject.listings (canReadStanding).
  // The subject's objection and the decision on it: the subject and the list's keepers (lists/rules.ts).
  Listing: { '*': allow, objectionReason: canReadListingNotice, objectionDecision: canReadListingNotice },
  // Rows of resident ID numbers are withheld by lists/blacklist.ts unless the caller may read the full number.
  BlacklistResult: allow,

  // ── status ── Every field, undisclosedReasonCount and withheld included: decided by status/standing.ts.
  CreditStatus: allow,
  ScoreReason: allow,

  // ── disclosure (双公示) ──
  ImportPenaltiesPayload: allow,
  PenaltyRowReport: allow,

  // ── lifecycle and workflows ── Objects reach a caller only through the finders.
  WorkflowEvent: allow,
  Commitment: {
    '*': allow,
    counterpartyCode: canReadCommitmentInternals,
    counterpartyName: canReadCommitmentInternals,
    amount: canReadCommitmentInternals,
  },
  Objection: allow,
  RepairApplication: allow,
  JointMeasure: allow,
  Complaint: {
    '*': allow,
    reporterContact: canReadReporterContact,
  },
  ComplaintReceipt: allow,
  ComplaintFollowUp: allow,
  // records: each as far as the reader may see it (recordById applies recordVisibility).
  GovernmentCase: { '*': allow, records: allow },
  SubmitCaseResult: allow,
  CaseLedgerRow: allow,
  ...pages('Commitment', 'Objection', 'RepairApplication', 'JointMeasure', 'Complaint', 'GovernmentCase'),
  // 廉政意见: rows by the opinion finder or the file's rule; the text and the requester's note to the opinion's parties.
  IntegrityOpinion: { '*': allow, text: canReadOpinionText, note: canReadOpinionText },
  ...pages('IntegrityOpinion'),

  // ── webhooks ── Own subscriptions and deliveries (webhooks/context.ts).
  WebhookSubscription: allow,
  RegisteredWebhook: allow,
  WebhookDelivery: allow,
  WebhookAttempt: allow,
  ...pages('WebhookSubscription', 'WebhookDelivery'),

  // ── monitoring ──
  Evaluation: allow,
  IndicatorScore: allow,
  Ranking: allow,
  RankingEntry: allow,
  EarlyWarning: allow,

  // ── cadre ── A verdict: whoever may check the person for the purpose (the archives subgraph hands over only granted
  // rows); reasons cite by each row's rule (cadre/verdict.ts).
  AppointmentCandidate: canCheckCandidate,
  AppointmentReason: allow,

  // ── 清欠 ── Arrears only through CreditRecord.arrears (canReadArrears); the payload to whoever took the step.
  Arrears: allow,
  ArrearsRepayment: allow,
  RecordRepaymentPayload: allow,
  ArrearsLedgerRow: allow,

  // ── supervision (自动监督) ── Rows by supervisedChecks; a report's result to the platform that made it.
  InterceptionReportResult: allow,
  InterceptionLedgerRow: allow,
  InterceptionOverride: allow,
  // ── reports ── A report only to its issuer (creditReport, issuedCreditReport); a verification tells no fact.
  CreditReport: allow,
  CreditReportVerification: allow,

  PageInfo: allow,
  _Service: allow,

  // ── interception (#15) ── Decisions and rules name lists, categories and levels only: lists/blacklist.ts,
  // lists/representative.ts and status/review.ts decide what each row tells (docs/interception.md).
  CreditReview: allow,
  InterceptionRule: allow,
  DepositRelief: allow,
  RepresentativeCheck: allow,
};
