import { makePrincipal } from '../auth/principal';
import { Role } from '../auth/roles';
import { createRequestContext } from '../common/context';
import type { HubServices } from '../services';
import { createRecordsContext } from '../subgraphs/records/context';
import { issueCreditReport } from '../subgraphs/records/reports/report.service';
import { ReportPurpose } from '../subgraphs/records/reports/report.types';
import { DEMO_CITY, type DemoSubjects } from './demo-subjects';

/**
 * One issued credit report (docs/credit-report.md): the city procurement system's PROCUREMENT report on the
 * blacklisted construction company (盐城市海瀚建设工程有限公司, TP-2026-0117 on the TENDER_BLACKLIST), issued the
 * way a request issues it and access-logged like one. Its number and verification code are in the procurement
 * system's `issuedCreditReport`; anyone verifies it at /verify-report.
 */
export async function issueDemoReport(services: HubServices, named: DemoSubjects): Promise<string> {
  const procurement = makePrincipal({
    sub: 'yancheng-procurement',
    role: Role.PROCUREMENT,
    region: DEMO_CITY,
    org: named.finance.code,
  });
  const base = createRequestContext(services, procurement, 'demo-credit-report');
  const report = await issueCreditReport(
    createRecordsContext(base),
    named.enterprises[0].code,
    ReportPurpose.PROCUREMENT,
  );
  await base.audit.flush(base.em, 'creditReport');
  return report.number;
}
