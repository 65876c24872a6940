import type { SubgraphModule } from '../../common/subgraph';
import { buildFederatedSubgraph } from '../../common/federation';
import { createRecordsContext, type RecordsContext } from './context';
import { CreditRecord, RecordHistory, RecordResponsible } from './findings/credit-record.entity';
import { Listing, ListingRecord } from './lists/listing.entity';
import { ArchiveRecordsResolver, ArchiveRecordsStub } from './findings/archive-records.resolver';
import { recordPermissions } from './permissions';
import { RecordResolver, SubmitRecordResultResolver } from './findings/record.resolver';
import { ListingResolver, StatusResolver, SubjectRecordsResolver } from './status/status.resolver';
import { subjectStub } from './subject.stub';
import { PenaltyImportResolver } from './disclosure/sgs.resolver';
import { WORKFLOW_ENTITIES, WORKFLOW_RESOLVERS } from './workflows';
import { WEBHOOK_ENTITIES } from './webhooks/webhook.entity';
import { WEBHOOK_RESOLVERS } from './webhooks/webhook.resolver';
import { MONITORING_ENTITIES, MONITORING_RESOLVERS } from './monitoring';

/** Credit records, lists and credit status: owns schema `records`. */
export const recordsSubgraph: SubgraphModule = {
  name: 'records',
  entities: [
    CreditRecord,
    RecordResponsible,
    RecordHistory,
    Listing,
    ListingRecord,
    ...WORKFLOW_ENTITIES,
    ...WEBHOOK_ENTITIES,
    ...MONITORING_ENTITIES,
  ],
  permissions: recordPermissions,
  build: () =>
    buildFederatedSubgraph({
      resolvers: [
        ArchiveRecordsResolver,
        RecordResolver,
        SubmitRecordResultResolver,
        StatusResolver,
        ListingResolver,
        SubjectRecordsResolver,
        PenaltyImportResolver,
        ...WORKFLOW_RESOLVERS,
        ...WEBHOOK_RESOLVERS,
        ...MONITORING_RESOLVERS,
      ],
      // Reached only through the archives subgraph's entity: no resolver here returns it.
      orphanedTypes: [ArchiveRecordsStub],
      references: {
        Subject: { __resolveReference: (reference: { codeKey: string }) => subjectStub(reference.codeKey) },
        IntegrityArchive: { __resolveReference: (reference: { personKey: string }) => reference },
        CreditRecord: {
          __resolveReference: (reference: { id: string }, ctx: RecordsContext) =>
            ctx.records.loaders.recordById.load(reference.id),
        },
      },
      permissions: recordPermissions,
    }),
  createContext: createRecordsContext,
};
