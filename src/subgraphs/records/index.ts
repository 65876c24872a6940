import type { SubgraphModule } from '../../common/subgraph';
import { buildFederatedSubgraph } from '../../common/federation';
import type { Capability } from './capability';
import { createRecordsContext, type RecordsContext } from './context';
import { disclosure } from './disclosure';
import { findings } from './findings';
import { lifecycle } from './lifecycle';
import { lists } from './lists';
import { monitoring } from './monitoring';
import { recordPermissions } from './permissions';
import { status } from './status';
import { subjectStub } from './subject.stub';
import { webhooks } from './webhooks';
import { workflows } from './workflows';
import { ArchiveRecordsResolver } from './findings/archive-records.resolver';
import { RecordResolver, SubmitRecordResultResolver } from './findings/record.resolver';
import { SubjectRecordsResolver } from './findings/subject-records.resolver';
import { BlacklistResolver } from './lists/blacklist.resolver';
import { ListingMutations, ListingResolver, SubjectListingsResolver } from './lists/listing.resolver';
import { StatusResolver, SubjectStatusResolver } from './status/status.resolver';
import { PenaltyImportResolver } from './disclosure/penalty-import.resolver';
import { WorkflowHistoryResolver } from './lifecycle/history.resolver';

/**
 * The capabilities of the records subgraph, core first. Which may import which is written in
 * docs/architecture.md and checked by tests/schema/import-rules.test.ts.
 */
export const CAPABILITIES: readonly Capability[] = [
  findings,
  lists,
  status,
  disclosure,
  lifecycle,
  workflows,
  monitoring,
  webhooks,
];

/**
 * Every capability's resolvers, in the order that keeps the printed SDL (schema/) as it was
 * before the split into capabilities: type-graphql lists the fields of Query, Mutation and
 * Subject in resolver order. A test checks that it names each capability's resolvers once.
 */
export const SCHEMA_ORDER = [
  ArchiveRecordsResolver,
  RecordResolver,
  SubmitRecordResultResolver,
  StatusResolver,
  BlacklistResolver,
  ListingMutations,
  ListingResolver,
  SubjectStatusResolver,
  SubjectRecordsResolver,
  SubjectListingsResolver,
  PenaltyImportResolver,
  WorkflowHistoryResolver,
  ...workflows.resolvers,
  ...webhooks.resolvers,
  ...monitoring.resolvers,
];

/** Credit records, lists and credit status: owns schema `records`. */
export const recordsSubgraph: SubgraphModule = {
  name: 'records',
  entities: CAPABILITIES.flatMap((capability) => capability.entities as unknown[]) as SubgraphModule['entities'],
  permissions: recordPermissions,
  build: () =>
    buildFederatedSubgraph({
      resolvers: SCHEMA_ORDER as never,
      orphanedTypes: CAPABILITIES.flatMap((capability) => capability.orphanedTypes ?? []) as never,
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
