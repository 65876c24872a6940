import type { Capability } from '../capability';
import { WorkflowHistoryResolver } from './history.resolver';
import { WorkflowEvent } from './workflow-event.entity';

/** The state machine every workflow object follows, and its event history (workflowHistory). */
export const lifecycle: Capability = {
  name: 'lifecycle',
  entities: [WorkflowEvent],
  resolvers: [WorkflowHistoryResolver],
};
