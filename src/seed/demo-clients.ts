import { ClientStatus } from '../auth/client.entity';
import type { NewClient } from '../auth/client-registry';
import { Role } from '../auth/roles';
import { DEVELOPMENT_ISSUER } from '../config';
import type { HubServices } from '../services';
import { demoTokenClaims } from './demo';
import { DEMO_CITY, type DemoSubjects } from './demo-subjects';
import { BULK_SOURCES } from './bulk/record-templates';

/**
 * Every client system the demo data names: those of the development tokens, the archive bulk
 * load, the implementing units.
 */
export function demoClients(named: DemoSubjects): Omit<NewClient, 'issuer'>[] {
  const xiangshui = named.counties.find((c) => c.region === '320921')!;
  const units = [named.finance, named.housing, xiangshui.government].map((unit) => ({
    subject: `unit-${unit.code.slice(-6)}`,
    role: Role.SUBJECT,
    org: unit.code,
    label: `${unit.name}（措施实施单位）`,
  }));
  return [
    // The SUBJECT one is a self-service portal: no organization of its own, its tokens name the person.
    ...demoTokenClaims(named).map(({ sub, role, region, org }) => ({
      subject: sub,
      role,
      region,
      org: role === Role.SUBJECT ? undefined : org,
    })),
    { subject: 'demo-org-dept', role: Role.ORG_DEPT, region: DEMO_CITY, label: '组织部门档案批量导入（演示）' },
    ...units,
  ];
}

/** The pushing systems of generated bulk data (`credit-hub seed --subjects/--records/--archive-entries`), national. */
export function bulkClients(): Omit<NewClient, 'issuer'>[] {
  const pushers = Object.entries(BULK_SOURCES).map(([role, source]) => ({ subject: source!.system, role }));
  return [...pushers, { subject: 'bulk-org-dept', role: Role.ORG_DEPT }].map((c) => ({
    ...c,
    label: '批量生成数据（演示）',
  }));
}

/**
 * Registers the client systems seeded rows name, under the development issuer (or JWT_ISSUER),
 * each with id = its `sub`, which is what the rows hold. In production they are registered
 * REVOKED: the rows keep registered owners, and no token can act as them.
 */
export async function registerSeedClients(
  services: HubServices,
  clients: Omit<NewClient, 'issuer'>[],
): Promise<number> {
  const issuer = services.config.jwt.issuer ?? DEVELOPMENT_ISSUER;
  const status = services.config.production ? ClientStatus.REVOKED : ClientStatus.ACTIVE;
  for (const client of clients) await services.clients.ensure({ ...client, issuer }, status);
  return clients.length;
}

export function registerDemoClients(services: HubServices, named: DemoSubjects): Promise<number> {
  return registerSeedClients(services, demoClients(named));
}
