import { allow, type IRules } from 'graphql-shield';
import { canManageLists, canPushRecords, canReadArchiveRecords, canReadRecordInternals } from './rules';

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
  },
  Mutation: {
    submitRecords: canPushRecords,
    listSubject: canManageLists,
    delistSubject: canManageLists,
  },
  CreditRecord: {
    '*': allow,
    details: canReadRecordInternals,
    legalBasis: canReadRecordInternals,
    responsiblePersons: canReadRecordInternals,
    sourceSystem: canReadRecordInternals,
  },
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
