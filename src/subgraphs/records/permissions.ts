import { allow, type IRules } from 'graphql-shield';
import { canManageLists, canPushRecords, canReadArchiveRecords, canReadRecordInternals } from './rules';
import {
  canActForSubject, canDecideObjections, canDecideRepairs, canDeclareCommitmentOutcome, canReadCases,
  canReadCommitmentInternals, canRegisterCommitments,
} from './workflows/rules';

/**
 * The permission table of the records subgraph (deny by default). Row-level rules — which
 * records a caller sees — live in record.repository.ts (recordVisibility); what a role may
 * push lives in push-scope.ts.
 */
export const recordPermissions: IRules = {
  Query: {
    records: allow,
    creditStatus: allow,
    blacklistCheck: allow,
    _service: allow,
    _entities: allow,
    // Workflows: rows narrowed by the finders in workflows/context.ts.
    commitments: allow,
    objections: canReadCases,
    repairApplications: canReadCases,
    workflowHistory: allow,
  },
  Mutation: {
    submitRecords: canPushRecords,
    listSubject: canManageLists,
    delistSubject: canManageLists,
    registerCommitment: canRegisterCommitments,
    fulfilCommitment: canDeclareCommitmentOutcome,
    breachCommitment: canDeclareCommitmentOutcome,
    changeCommitment: canDeclareCommitmentOutcome,
    fileObjection: canActForSubject,
    upholdObjection: canDecideObjections,
    correctObjection: canDecideObjections,
    revokeObjection: canDecideObjections,
    applyForRepair: canActForSubject,
    approveRepair: canDecideRepairs,
    rejectRepair: canDecideRepairs,
  },
  CreditRecord: {
    '*': allow,
    details: canReadRecordInternals,
    legalBasis: canReadRecordInternals,
    responsiblePersons: canReadRecordInternals,
    sourceSystem: canReadRecordInternals,
    history: canReadRecordInternals,
  },
  Commitment: {
    '*': allow,
    counterpartyCode: canReadCommitmentInternals,
    counterpartyName: canReadCommitmentInternals,
    amount: canReadCommitmentInternals,
  },
  CommitmentConnection: allow,
  CommitmentEdge: allow,
  Objection: allow,
  ObjectionConnection: allow,
  ObjectionEdge: allow,
  RepairApplication: allow,
  RepairApplicationConnection: allow,
  RepairApplicationEdge: allow,
  WorkflowEvent: allow,
  Listing: allow,
  IntegrityArchive: canReadArchiveRecords,
  Subject: allow,
  CreditStatus: allow,
  ScoreReason: allow,
  BlacklistResult: allow,
  SubmitRecordsPayload: allow,
  SubmitRecordResult: allow,
  CreditRecordConnection: allow,
  CreditRecordEdge: allow,
  PageInfo: allow,
  _Service: allow,
};
