import type { Capability } from '../capability';
import { StatusResolver, SubjectStatusResolver } from './status.resolver';

/** Credit status (信用状况): level, score and reasons under the credit policy. No tables of its own. */
export const status: Capability = {
  name: 'status',
  entities: [],
  resolvers: [StatusResolver, SubjectStatusResolver],
};
