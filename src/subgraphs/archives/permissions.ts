import { allow, type IRules } from 'graphql-shield';
import {
  canCheckAppointments,
  canReadAccessLog,
  canReadArchive,
  canReadCandidateAssessments,
  canReadEntryContent,
  canRecordArchiveEntries,
} from './rules';

/**
 * The permission table of the archives subgraph (deny by default). The file itself is
 * guarded where it enters the graph (Subject.archive), and that rule writes the access log.
 */
export const archivePermissions: IRules = {
  // appointmentCheck: organization departments; whom each may check is decided row by row (appointment.ts) and logged.
  Query: { _service: allow, _entities: allow, appointmentCheck: canCheckAppointments },
  Mutation: { recordArchiveEntries: canRecordArchiveEntries },
  Subject: {
    id: allow,
    archive: canReadArchive,
    accessLog: canReadAccessLog,
  },
  IntegrityArchive: allow,
  ArchiveEntry: {
    '*': allow,
    content: canReadEntryContent,
  },
  AccessLogEntry: allow,
  AccessLogEntryConnection: allow,
  AccessLogEntryEdge: allow,
  ArchiveEntryResult: allow,
  RecordArchiveEntriesPayload: allow,
  AppointmentCheckResult: allow,
  AppointmentCandidate: { '*': allow, recentAssessments: canReadCandidateAssessments },
  PageInfo: allow,
  _Service: allow,
};
