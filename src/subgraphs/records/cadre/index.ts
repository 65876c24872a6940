import type { Capability } from '../capability';
import { AppointmentCandidateResolver, AppointmentReasonResolver } from './candidate.resolver';
import { AppointmentCandidateStub } from './candidate.types';
import { FileWorkflowsResolver } from './file.resolver';

/**
 * Cadre decisions (issue #16): the verdicts of appointmentCheck and the commitments and measures
 * of an integrity file, the records subgraph's part of entities the archives subgraph owns.
 */
export const cadre: Capability = {
  name: 'cadre',
  entities: [],
  resolvers: [AppointmentCandidateResolver, AppointmentReasonResolver, FileWorkflowsResolver],
  // Reached only through the archives subgraph's entities.
  orphanedTypes: [AppointmentCandidateStub],
};
