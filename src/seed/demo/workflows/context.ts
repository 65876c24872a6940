import { makePrincipal, PUBLIC_PRINCIPAL, type Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import { today } from '../../../common/dates';
import { selfKeyOf } from '../../../identity/subject-keys';
import type { HubServices } from '../../../services';
import { CaseService } from '../../../subgraphs/records/workflows/cases/case.service';
import { CommitmentService } from '../../../subgraphs/records/workflows/commitments/commitment.service';
import { ComplaintService } from '../../../subgraphs/records/workflows/complaints/complaint.service';
import { ComplaintIntake, reporterKey } from '../../../subgraphs/records/workflows/complaints/complaint-intake';
import { MeasureService } from '../../../subgraphs/records/workflows/measures/measure.service';
import { ObjectionService } from '../../../subgraphs/records/workflows/objections/objection.service';
import { RepairService } from '../../../subgraphs/records/workflows/repair/repair.service';
import { OpinionService } from '../../../subgraphs/records/workflows/opinions/opinion.service';
import { demoCounty, type DemoSubjects } from '../../demo-subjects';
import { demoPushers } from '../push';

/** The workflow services as a request of `viewer` gets them, each on its own entity manager. */
function workflowServices(services: HubServices, now: string) {
  const em = () => services.orm.em.fork();
  const policy = services.creditPolicy;
  return {
    commitments: (viewer: Principal) => {
      const e = em();
      const directory = services.subjectDirectory(e);
      return new CommitmentService(
        e,
        viewer,
        selfKeyOf(viewer, services.keys),
        now,
        policy,
        directory,
        services.evaluation,
      );
    },
    objections: (viewer: Principal) => {
      const e = em();
      return new ObjectionService(
        e,
        viewer,
        selfKeyOf(viewer, services.keys),
        now,
        policy,
        services.subjectDirectory(e),
        services.evaluation,
      );
    },
    repairs: (viewer: Principal) =>
      new RepairService(em(), viewer, selfKeyOf(viewer, services.keys), now, policy, services.subjectDirectory(em())),
    measures: (viewer: Principal) => {
      const e = em();
      return new MeasureService(e, viewer, now, policy, services.subjectDirectory(e));
    },
    complaints: (viewer: Principal) => {
      const e = em();
      return new ComplaintService(e, viewer, now, policy, services.subjectDirectory(e), services.evaluation);
    },
    /** Reports made in the process: no address, so an anonymous reporter is counted per subject only. */
    complaintIntake: (viewer: Principal) => {
      const e = em();
      const reporter = reporterKey(viewer, undefined, selfKeyOf(viewer, services.keys));
      return new ComplaintIntake(e, viewer, reporter, now, policy, services.subjectDirectory(e));
    },
    cases: (viewer: Principal) => {
      const e = em();
      return new CaseService(e, viewer, now, services.subjectDirectory(e));
    },
    opinions: (viewer: Principal) => {
      const e = em();
      const self = selfKeyOf(viewer, services.keys);
      return new OpinionService(e, viewer, self, now, services.subjectDirectory(e), services.keys);
    },
  };
}

/**
 * What every demo workflow step needs: today, 响水县 (320921) whose bodies the workflows are
 * about, the principals acting in them and the services they act through.
 */
export function workflowContext(services: HubServices, named: DemoSubjects) {
  const now = today();
  const pushers = demoPushers(named);
  return {
    now,
    named,
    xiangshui: demoCounty(named, '320921'),
    office: pushers.creditOffice,
    investment: pushers.investment,
    court: pushers.court,
    orgDept: pushers.orgDept,
    discipline: pushers.discipline,
    anonymous: PUBLIC_PRINCIPAL,
    /** A subject acting for itself through the self-service portal. */
    self: (code: string) => makePrincipal({ sub: 'self-service', role: Role.SUBJECT, org: code }),
    /** An implementing unit answering a joint measure. */
    unit: (code: string) => makePrincipal({ sub: `unit-${code.slice(-6)}`, role: Role.SUBJECT, org: code }),
    ...workflowServices(services, now),
  };
}

export type WorkflowContext = ReturnType<typeof workflowContext>;

/** The record id of a finding pushed by workflows/findings.ts, by its external id. */
export type RecordIdOf = (externalId: string) => string;
