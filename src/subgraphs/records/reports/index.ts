import type { Capability } from '../capability';
import { CreditReportResolver } from './report.resolver';

/** Credit reports (信用报告): signed snapshots of credit status, stored and verifiable (docs/credit-report.md). */
export const reports: Capability = {
  name: 'reports',
  entities: [],
  resolvers: [CreditReportResolver],
};
