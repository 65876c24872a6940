import type { SubgraphModule } from '../../common/subgraph';
import { buildFederatedSubgraph } from '../../common/federation';
import { createSubjectsContext } from './context';
import { subjectPermissions } from './permissions';
import { Subject } from './subject.entity';
import { resolveSubjectReference } from './subject.reference';
import { SubjectResolver } from './subject.resolver';

/** The subject registry (主体库): owns schema `subjects`. */
export const subjectsSubgraph: SubgraphModule = {
  name: 'subjects',
  entities: [Subject],
  permissions: subjectPermissions,
  build: () =>
    buildFederatedSubgraph({
      resolvers: [SubjectResolver],
      references: { Subject: { __resolveReference: resolveSubjectReference } },
      permissions: subjectPermissions,
    }),
  createContext: createSubjectsContext,
};
