import { Commitment } from './commitments/commitment.entity';
import { CommitmentResolver } from './commitments/commitment.resolver';
import { WorkflowHistoryResolver } from './core/history.resolver';
import { WorkflowEvent } from './core/workflow-event.entity';
import { Objection } from './objections/objection.entity';
import { ObjectionResolver, RecordWorkflowResolver } from './objections/objection.resolver';
import { RepairApplication } from './repair/repair.entity';
import { RepairResolver } from './repair/repair.resolver';

/** Workflows of the records subgraph (docs/workflows.md): their tables and resolvers. */
export const WORKFLOW_ENTITIES = [WorkflowEvent, Commitment, Objection, RepairApplication];

export const WORKFLOW_RESOLVERS = [WorkflowHistoryResolver, CommitmentResolver, ObjectionResolver, RecordWorkflowResolver, RepairResolver] as const;
