import type { SubgraphModule } from '../../common/subgraph';
import { buildFederatedSubgraph } from '../../common/federation';
import { AccessLogEntry, ChainHead } from '../../audit/access-log.entity';
import { ArchiveEntry } from './archive-entry.entity';
import { AccessLogEntryConnection, IntegrityArchiveResolver, PersonArchiveResolver } from './archive.resolver';
import { IntegrityArchive, PersonStub } from './archive.types';
import { createArchivesContext } from './context';
import { archivePermissions } from './permissions';
import { AppointmentCheckResolver } from './appointment.resolver';

/** Civil-servant integrity files and the access log: owns schemas `archives` and `audit`. */
export const archivesSubgraph: SubgraphModule = {
  name: 'archives',
  entities: [ArchiveEntry, AccessLogEntry, ChainHead],
  permissions: archivePermissions,
  build: () =>
    buildFederatedSubgraph({
      resolvers: [PersonArchiveResolver, IntegrityArchiveResolver, AppointmentCheckResolver],
      // Subject and the file hang off federated entities, not off a root field here.
      orphanedTypes: [PersonStub, IntegrityArchive, ArchiveEntry, AccessLogEntryConnection],
      references: {
        Subject: {
          // With the registry's facts when the gateway brought them (REQUIRES_PERSON), for the file's grant.
          __resolveReference: (reference: PersonStub) => Object.assign(new PersonStub(), reference),
        },
      },
      permissions: archivePermissions,
    }),
  createContext: createArchivesContext,
};
