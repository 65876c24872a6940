import { makePrincipal, type Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import type { HubServices } from '../../services';
import type { RecordInput } from '../../subgraphs/records/findings/record.input';
import { RecordSubmission } from '../../subgraphs/records/findings/record.service';
import { DEMO_CITY, type DemoSubjects } from '../demo-subjects';

/** The Yancheng client systems that push demo data, as their development tokens name them. */
export function demoPushers(named: DemoSubjects) {
  const pusher = (role: Role, sub: string, org: string): Principal =>
    makePrincipal({ sub, role, region: DEMO_CITY, org });
  return {
    court: pusher(Role.COURT, 'yancheng-court', named.court.code),
    tendering: pusher(Role.TENDERING, 'yancheng-tendering', named.tradingCenter.code),
    procurement: pusher(Role.PROCUREMENT, 'yancheng-procurement', named.finance.code),
    discipline: pusher(Role.DISCIPLINE, 'yancheng-discipline', named.discipline.code),
    investment: pusher(Role.INVESTMENT, 'yancheng-investment', named.investment.code),
    debt: pusher(Role.DEBT, 'yancheng-debt', named.finance.code),
    creditOffice: pusher(Role.CREDIT_OFFICE, 'yancheng-credit-office', named.creditOffice.code),
    orgDept: pusher(Role.ORG_DEPT, 'yancheng-org-dept', named.orgDept.code),
  };
}

export type DemoPushers = ReturnType<typeof demoPushers>;

/** Findings the demo leaves without details, basis, document, authority or responsible persons. */
const UNSTATED = {
  details: null,
  legalBasis: null,
  documentNo: null,
  decidingAuthorityCode: null,
  responsiblePersonCodes: null,
  tolerated: false,
};

type Classification = Pick<RecordInput, 'nature' | 'category' | 'domain' | 'severity' | 'disclosure'>;
export type FindingParts = Partial<Omit<RecordInput, 'externalId' | 'subject' | 'title' | 'decidedAt'>>;

/**
 * A builder of findings that share a classification (and whatever else `defaults` names):
 * each finding then says only its id, subject, title, date and how it differs.
 */
export function findingsLike(defaults: Classification & FindingParts) {
  return (
    externalId: string,
    subject: { code: string },
    title: string,
    decidedAt: string,
    parts: FindingParts = {},
  ): RecordInput => ({
    ...UNSTATED,
    ...defaults,
    externalId,
    subject: { code: subject.code },
    title,
    decidedAt,
    ...parts,
  });
}

/** Pushes findings the way a client system does (validated, idempotent), one batch per pusher. */
export async function submitDemoFindings(services: HubServices, now: string, viewer: Principal, inputs: RecordInput[]) {
  const em = services.orm.em.fork();
  return new RecordSubmission(
    em,
    services.subjectDirectory(em),
    services.creditPolicy,
    now,
    services.evaluation,
  ).submit(viewer, inputs);
}
