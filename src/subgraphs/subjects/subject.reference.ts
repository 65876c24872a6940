import type { SubjectsContext } from './context';
import type { Subject } from './subject.entity';

/**
 * Federated look-ups of Subject by `id` or by the internal `codeKey` (the records
 * subgraph refers to bidders by code). Both go through the scoped loaders, so an entity
 * fetch sees exactly the rows a top-level query would.
 */
export function resolveSubjectReference(
  reference: { id?: string; codeKey?: string },
  ctx: SubjectsContext,
): Promise<Subject | null> {
  if (reference.id) return ctx.subjects.loaders.byId.load(reference.id);
  if (reference.codeKey) return ctx.subjects.loaders.byCodeKey.load(reference.codeKey);
  return Promise.resolve(null);
}
