import type { Capability } from '../capability';
import { CaseRecord, GovernmentCase } from './cases/case.entity';
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
import { IntegrityOpinion } from './opinions/opinion.entity';
import { OpinionArchiveResolver } from './opinions/opinion.archive';
import { OpinionResolver } from './opinions/opinion.resolver';
import { ArrearsResolver } from './arrears/arrears.resolver';
import { WithdrawalResolver } from './withdrawal/withdrawal.resolver';

/** Workflows (docs/workflows.md): commitments, objections, repair, joint measures, complaints, cases, 廉政意见, 清欠. */
export const workflows: Capability = {
  name: 'workflows',
  entities: [
    Commitment,
    Objection,
    RepairApplication,
    JointMeasure,
    Complaint,
    GovernmentCase,
    CaseRecord,
    IntegrityOpinion,
  ],
  resolvers: [
    CommitmentResolver,
    ObjectionResolver,
    RecordWorkflowResolver,
    RepairResolver,
    MeasureResolver,
    ComplaintResolver,
    CaseResolver,
    OpinionResolver,
    OpinionArchiveResolver,
    ArrearsResolver,
    WithdrawalResolver,
  ],
};
