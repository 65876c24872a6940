import DataLoader from 'dataloader';
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

function indexBy<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

export function createSubjectLoaders(repository: SubjectRepository): SubjectLoaders {
  const byId = new DataLoader<string, Subject | null>(async (ids) => {
    const found = indexBy(await repository.byIds(ids), (s) => s.id);
    return ids.map((id) => found.get(id) ?? null);
  });
  const byCodeKey = new DataLoader<string, Subject | null>(async (keys) => {
    const found = indexBy(await repository.byCodeKeys(keys), (s) => s.codeKey);
    return keys.map((key) => found.get(key) ?? null);
  });
  const childrenLoaders = new Map<number, DataLoader<string, Subject[]>>();
  const childrenOf = (limit: number) => {
    let loader = childrenLoaders.get(limit);
    if (!loader) {
      loader = new DataLoader<string, Subject[]>(async (parentIds) => {
        const groups = new Map<string, Subject[]>(parentIds.map((id) => [id, []]));
        for (const child of await repository.childrenOf(parentIds, limit)) {
          groups.get(child.parent!.id)?.push(child);
        }
        return parentIds.map((id) => groups.get(id)!);
      });
      childrenLoaders.set(limit, loader);
    }
    return loader;
  };
  return { byId, byCodeKey, childrenOf };
}
