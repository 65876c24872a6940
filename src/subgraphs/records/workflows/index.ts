import type { Capability } from '../capability';
import { GovernmentCase } from './cases/case.entity';
import { CaseResolver } from './cases/case.resolver';
import { Commitment } from './commitments/commitment.entity';
import { CommitmentResolver } from './commitments/commitment.resolver';
import { Complaint } from './complaints/complaint.entity';
import { ComplaintResolver } from './complaints/complaint.resolver';
import { JointMeasure } from './measures/measure.entity';
import { MeasureResolver } from './measures/measure.resolver';
import { Objection } from './objections/objection.entity';
import { ObjectionResolver, RecordWorkflowResolver } from './objections/objection.resolver';
import { RepairApplication } from './repair/repair.entity';
import { RepairResolver } from './repair/repair.resolver';

/** Workflows (docs/workflows.md): commitments, objections, repair, joint measures, complaints, cases. */
export const workflows: Capability = {
  name: 'workflows',
  entities: [Commitment, Objection, RepairApplication, JointMeasure, Complaint, GovernmentCase],
  resolvers: [
    CommitmentResolver,
    ObjectionResolver,
    RecordWorkflowResolver,
    RepairResolver,
    MeasureResolver,
    ComplaintResolver,
    CaseResolver,
  ],
};
