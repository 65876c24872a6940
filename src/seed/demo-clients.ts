import { ClientStatus } from '../auth/client.entity';
import type { NewClient } from '../auth/client-registry';
import { Role } from '../auth/roles';
import { DEVELOPMENT_ISSUER } from '../config';
import type { HubServices } from '../common/services';
import { demoTokenClaims } from './demo';
import { DEMO_CITY, type DemoSubjects } from './demo-subjects';

/** Every client system the demo data names: those of the development tokens, the archive bulk load, the implementing units. */
export function demoClients(named: DemoSubjects): Omit<NewClient, 'issuer'>[] {
  const xiangshui = named.counties.find((c) => c.region === '320921')!;
  const units = [named.finance, named.housing, xiangshui.government].map((unit) => ({
    id: `unit-${unit.code.slice(-6)}`, subject: `unit-${unit.code.slice(-6)}`, role: Role.SUBJECT, org: unit.code, label: `${unit.name}（措施实施单位）`,
  }));
  return [
    // The SUBJECT one is a self-service portal: no organization of its own, its tokens name the person.
    ...demoTokenClaims(named).map(({ sub, role, region, org }) => ({ subject: sub, role, region, org: role === Role.SUBJECT ? undefined : org })),
    { subject: 'demo-org-dept', role: Role.ORG_DEPT, region: DEMO_CITY, label: '组织部门档案批量导入（演示）' },
    ...units,
  ];
}

/**
 * Registers the demo's client systems under the development issuer (or JWT_ISSUER), each with
 * id = its `sub`, which is what the demo rows name. In production they are registered REVOKED:
 * the rows keep registered owners, and no token can act as them.
 */
export async function registerDemoClients(services: HubServices, named: DemoSubjects): Promise<number> {
  const issuer = services.config.jwt.issuer ?? DEVELOPMENT_ISSUER;
  const status = services.config.production ? ClientStatus.REVOKED : ClientStatus.ACTIVE;
  const clients = demoClients(named);
  for (const client of clients) await services.clients.ensure({ ...client, issuer }, status);
  return clients.length;
}
