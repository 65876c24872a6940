import DataLoader from 'dataloader';
import { byKey, groupBy, loaderFamily } from '../../common/loaders';
import type { Subject } from './subject.entity';
import type { SubjectRepository } from './subject.repository';

/**
 * Per-request DataLoaders of the subjects subgraph: `Subject.parent`, `Subject.children`,
 * `Subject.managedBy` and federated references resolve in one statement per level,
 * whatever the page size.
 */
export interface SubjectLoaders {
  byId: DataLoader<string, Subject | null>;
  byCodeKey: DataLoader<string, Subject | null>;
  childrenOf(limit: number): DataLoader<string, Subject[]>;
}

export function createSubjectLoaders(repository: SubjectRepository): SubjectLoaders {
  return {
    byId: new DataLoader(async (ids) => byKey(ids, await repository.byIds(ids), (s) => s.id)),
    byCodeKey: new DataLoader(async (keys) => byKey(keys, await repository.byCodeKeys(keys), (s) => s.codeKey)),
    childrenOf: loaderFamily(async (limit: number, parentIds) =>
      groupBy(parentIds, await repository.childrenOf(parentIds, limit), (child) => child.parent!.id),
    ),
  };
}
