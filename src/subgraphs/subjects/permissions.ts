import { allow, type IRules } from 'graphql-shield';
import { canReadCadreManagement, canRegisterSubjects } from './rules';

/**
 * The permission table of the subjects subgraph: deny by default (fallbackRule), every
 * type and root field named here. Which rows a caller sees is decided by the finders in
 * subject.repository.ts, not here. `_entities` is open because Subject itself is
 * guarded: a reference only resolves to rows the caller may see.
 */
export const subjectPermissions: IRules = {
  Query: {
    subject: allow,
    searchSubjects: allow,
    _service: allow,
    _entities: allow,
  },
  Mutation: {
    registerSubjects: canRegisterSubjects,
  },
  Subject: {
    '*': allow,
    managedBy: canReadCadreManagement,
  },
  SubjectConnection: allow,
  SubjectEdge: allow,
  PageInfo: allow,
  _Service: allow,
};
