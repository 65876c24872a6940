import type { HubServices } from '../services';
import { Role } from '../auth/roles';
import { issueDevelopmentToken } from '../auth/tokens';
import { SubjectRegistry } from '../subgraphs/subjects/subject.service';
import { loadDemoArchives } from './demo-archives';
import { registerDemoClients } from './demo-clients';
import { loadDemoRecords } from './demo-records';
import { loadDemoWorkflows } from './demo-workflows';
import { loadDemoRuleLists } from './demo/records/rule-lists';
import { importDemoMarketPenalties } from './demo/records/market-penalties';
import { demoPushers } from './demo/push';
import { loadDemoMonitoringFindings, publishDemoRanking } from './demo-monitoring';
import { issueDemoReport } from './demo-report';
import { demoSubjects, DEMO_CITY, type DemoSubjects } from './demo-subjects';

/** Loads the demo dataset through the same services client calls use (validation included). */
export async function loadDemoData(
  services: HubServices,
): Promise<{ subjects: number; records: number; listings: number; archiveEntries: number }> {
  const { all, named } = demoSubjects();
  await registerDemoClients(services, named);
  const em = services.orm.em.fork();
  await new SubjectRegistry(em, services.keys).ensureRegistered(all);
  const monitoring = await loadDemoMonitoringFindings(services, named);
  const { records, listings } = await loadDemoRecords(services, named);
  const archiveEntries = await loadDemoArchives(services, named);
  await loadDemoWorkflows(services, named);
  await publishDemoRanking(services, named);
  // Last: the lists of #15 add records and listings after every id the README cites.
  const ruleLists = await loadDemoRuleLists(services, named);
  await issueDemoReport(services, named);
  // After that too: 双公示 penalties of market regulation, through the import (one per SAMR Order No. 45 rule).
  const marketPenalties = await importDemoMarketPenalties(services, demoPushers(named));
  return {
    subjects: all.length,
    records: records + monitoring + ruleLists + marketPenalties,
    listings: listings + ruleLists,
    archiveEntries,
  };
}

export async function databaseIsEmpty(services: HubServices): Promise<boolean> {
  const [row] = await services.orm.em.fork().execute('SELECT NOT EXISTS (SELECT 1 FROM subjects.subject) AS empty');
  return row.empty;
}

/** Claims of a ready-to-use development token per role, matching the demo data. */
export function demoTokenClaims(named: DemoSubjects): { role: Role; region?: string; org?: string; sub: string }[] {
  return [
    { role: Role.PROCUREMENT, region: DEMO_CITY, org: named.finance.code, sub: 'yancheng-procurement' },
    { role: Role.TENDERING, region: DEMO_CITY, org: named.tradingCenter.code, sub: 'yancheng-tendering' },
    { role: Role.INVESTMENT, region: DEMO_CITY, org: named.investment.code, sub: 'yancheng-investment' },
    { role: Role.DEBT, region: DEMO_CITY, org: named.finance.code, sub: 'yancheng-debt' },
    { role: Role.ORG_DEPT, region: DEMO_CITY, org: named.orgDept.code, sub: 'yancheng-org-dept' },
    { role: Role.DISCIPLINE, region: DEMO_CITY, org: named.discipline.code, sub: 'yancheng-discipline' },
    { role: Role.COURT, region: DEMO_CITY, org: named.court.code, sub: 'yancheng-court' },
    { role: Role.CREDIT_OFFICE, region: DEMO_CITY, org: named.creditOffice.code, sub: 'yancheng-credit-office' },
    { role: Role.SUBJECT, org: named.people[0].code, sub: 'self-service' },
  ];
}

export async function demoTokens(
  secret: string,
  issuer?: string,
  expiresIn = '12h',
): Promise<{ role: Role; claims: string; token: string }[]> {
  const { named } = demoSubjects();
  return Promise.all(
    demoTokenClaims(named).map(async (claims) => ({
      role: claims.role,
      claims: [claims.region && `region=${claims.region}`, claims.org && `org=${claims.org}`].filter(Boolean).join(' '),
      token: await issueDevelopmentToken(secret, { ...claims, issuer, expiresIn }),
    })),
  );
}
