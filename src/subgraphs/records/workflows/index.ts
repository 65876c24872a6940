import { GovernmentCase } from './cases/case.entity';
import { CaseResolver } from './cases/case.resolver';
import { Commitment } from './commitments/commitment.entity';
import { CommitmentResolver } from './commitments/commitment.resolver';
import { WorkflowHistoryResolver } from '../lifecycle/history.resolver';
import { WorkflowEvent } from '../lifecycle/workflow-event.entity';
import { Complaint } from './complaints/complaint.entity';
import { ComplaintResolver } from './complaints/complaint.resolver';
import { JointMeasure } from './measures/measure.entity';
import { MeasureResolver } from './measures/measure.resolver';
import { Objection } from './objections/objection.entity';
import { ObjectionResolver, RecordWorkflowResolver } from './objections/objection.resolver';
import { RepairApplication } from './repair/repair.entity';
import { RepairResolver } from './repair/repair.resolver';

/** Workflows of the records subgraph (docs/workflows.md): their tables and resolvers. */
export const WORKFLOW_ENTITIES = [
  WorkflowEvent,
  Commitment,
  Objection,
  RepairApplication,
  JointMeasure,
  Complaint,
  GovernmentCase,
];

export const WORKFLOW_RESOLVERS = [
  WorkflowHistoryResolver,
  CommitmentResolver,
  ObjectionResolver,
  RecordWorkflowResolver,
  RepairResolver,
  MeasureResolver,
  ComplaintResolver,
  CaseResolver,
] as const;
