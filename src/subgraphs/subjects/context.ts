import type { RequestContext } from '../../common/context';
import { createSubjectLoaders, type SubjectLoaders } from './loaders';
import { selfKeyOf } from '../../identity/subject-keys';
import { SubjectRepository } from './subject.repository';
import { SubjectRegistry } from './subject.service';

export interface SubjectsContext extends RequestContext {
  subjects: {
    /** Look-up key of the caller's own code (its organization, or the person for SUBJECT). */
    selfKey?: string;
    repository: SubjectRepository;
    loaders: SubjectLoaders;
    registry: SubjectRegistry;
  };
}

export function createSubjectsContext(base: RequestContext): SubjectsContext {
  const selfKey = selfKeyOf(base.viewer, base.services.keys);
  const repository = new SubjectRepository(base.em, base.viewer, selfKey);
  return {
    ...base,
    subjects: {
      selfKey,
      repository,
      loaders: createSubjectLoaders(repository),
      registry: new SubjectRegistry(base.em, base.services.keys),
    },
  };
}
