import type { SubgraphModule } from '../../common/subgraph';
import { buildFederatedSubgraph } from '../../common/federation';
import type { Capability } from './capability';
import { cadre } from './cadre';
import { AppointmentCandidateStub } from './cadre/candidate.types';
import { createRecordsContext, type RecordsContext } from './context';
import { disclosure } from './disclosure';
import { findings } from './findings';
import type { RecordInput } from './findings/record.input';
import { submitRecords } from './findings/record.resolver';
import { lifecycle } from './lifecycle';
import { lists } from './lists';
import { monitoring } from './monitoring';
import { recordPermissions } from './permissions';
import { reports } from './reports';
import { status } from './status';
import { subjectStub } from './subject.stub';
import { supervision } from './supervision';
import { webhooks } from './webhooks';
import { workflows } from './workflows';

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
  cadre,
  supervision,
  reports,
];

/** Credit records, lists and credit status: owns schema `records`. */
export const recordsSubgraph: SubgraphModule = {
  name: 'records',
  entities: CAPABILITIES.flatMap((capability) => capability.entities as unknown[]) as SubgraphModule['entities'],
  permissions: recordPermissions,
  build: () =>
    buildFederatedSubgraph({
      resolvers: CAPABILITIES.flatMap((capability) => capability.resolvers) as never,
      orphanedTypes: CAPABILITIES.flatMap((capability) => capability.orphanedTypes ?? []) as never,
      references: {
        Subject: { __resolveReference: (reference: { codeKey: string }) => subjectStub(reference.codeKey) },
        IntegrityArchive: { __resolveReference: (reference: { personKey: string }) => reference },
        AppointmentCandidate: {
          __resolveReference: (reference: object) => Object.assign(new AppointmentCandidateStub(), reference),
        },
        CreditRecord: {
          __resolveReference: (reference: { id: string }, ctx: RecordsContext) =>
            ctx.records.loaders.recordById.load(reference.id),
        },
      },
      plainResolvers: {
        Mutation: {
          submitRecords: (_root: unknown, args: { input: RecordInput[] }, ctx: RecordsContext) =>
            submitRecords(ctx, args.input),
        },
      },
      permissions: recordPermissions,
    }),
  createContext: createRecordsContext,
};
