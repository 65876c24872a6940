import type { Principal } from '../../src/auth/principal';
import { demoTokenClaims } from '../../src/seed/demo';
import { DEMO_CITY, DEMO_OTHER_CITY } from '../../src/seed/demo-subjects';
import { as, PUBLIC_PRINCIPAL, Role } from './test-hub';
import { demo } from './demo';

/**
 * Named viewers: the demo's own client systems (the claims of its development tokens,
 * src/seed/demo.ts demoTokenClaims, which pushed the demo data and ran its workflows), and
 * clients of a role that did nothing in the demo, in the demo city or outside it.
 */
function demoSystem(role: Role): Principal {
  const claims = demoTokenClaims(demo).find((c) => c.role === role);
  if (!claims) throw new Error(`tests/helpers/viewers.ts: the demo has no ${role} token`);
  return as(role, claims);
}

export const viewers = {
  anonymous: PUBLIC_PRINCIPAL,
  /** 盐城市信用办 (yancheng-credit-office): pushed the XY-* findings, runs the demo workflows. */
  creditOffice: demoSystem(Role.CREDIT_OFFICE),
  /** 盐城市中级人民法院's system (yancheng-court): pushed YC-COURT-* and the government cases. */
  court: demoSystem(Role.COURT),
  /** 盐城市商务局's system (yancheng-investment): pushed ZS-2026-004, registered the commitments. */
  investment: demoSystem(Role.INVESTMENT),
  /** 盐城市公共资源交易中心's system (yancheng-tendering): pushed TP-*, listed the blacklisted enterprise. */
  tendering: demoSystem(Role.TENDERING),
  /** 盐城市财政局's procurement system (yancheng-procurement): pushed GP-*. */
  procurement: demoSystem(Role.PROCUREMENT),
  /** 盐城市财政局's debt system (yancheng-debt): pushed ZW-2026-002. */
  debt: demoSystem(Role.DEBT),
  /** 中共盐城市纪律检查委员会's system (yancheng-discipline): pushed JW-2026-031. */
  discipline: demoSystem(Role.DISCIPLINE),
  /** 中共盐城市委组织部's system (yancheng-org-dept). */
  orgDept: demoSystem(Role.ORG_DEPT),
  /** The self-service portal (self-service) speaking for 张建国 (demo.cityCadre). */
  selfService: demoSystem(Role.SUBJECT),
};

/** A client of `role` in the demo city that pushed and decided nothing in the demo (sub test-<role>). */
export function cityClient(role: Role): Principal {
  return as(role, { region: DEMO_CITY });
}

/** A client of `role` in Luoyang (410300), outside the demo city. */
export function outsideClient(role: Role): Principal {
  return as(role, { region: DEMO_OTHER_CITY });
}

/** A subject speaking for itself (SUBJECT token whose org is its code). */
export function selfOf(subject: { code: string } | string): Principal {
  return as(Role.SUBJECT, { org: typeof subject === 'string' ? subject : subject.code });
}
