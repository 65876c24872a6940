import { allow, type IRules } from 'graphql-shield';
import { canReadAccessLog, canReadArchive, canReadEntryContent, canRecordArchiveEntries } from './rules';

/**
 * The permission table of the archives subgraph (deny by default). The file itself is
 * guarded where it enters the graph (Subject.archive), and that rule writes the access log.
 */
export const archivePermissions: IRules = {
  Query: { _service: allow, _entities: allow },
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
  PageInfo: allow,
  _Service: allow,
};
