import { jurisdictionPrefix, isWithinJurisdiction } from '../identity';
import { GOVERNMENT_ROLES, Role } from './roles';

/**
 * Who is asking: the verified claims of the caller's token, or PUBLIC without one.
 * `regionPrefix` is the jurisdiction as a division-code prefix ('' = national).
 */
export interface Principal {
  readonly sub: string;
  readonly role: Role;
  readonly regionPrefix: string;
  /** The caller's own USCC, or for SUBJECT a person's resident ID number. */
  readonly org?: string;
  readonly authenticated: boolean;
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({
  sub: 'anonymous',
  role: Role.PUBLIC,
  regionPrefix: '',
  authenticated: false,
});

export function makePrincipal(claims: { sub: string; role: Role; region?: string | null; org?: string | null }): Principal {
  return Object.freeze({
    sub: claims.sub,
    role: claims.role,
    regionPrefix: jurisdictionPrefix(claims.region ?? ''),
    org: claims.org || undefined,
    authenticated: true,
  });
}

export function isGovernment(viewer: Principal): boolean {
  return GOVERNMENT_ROLES.has(viewer.role);
}

export function inJurisdiction(viewer: Principal, regionCode: string): boolean {
  return isWithinJurisdiction(regionCode, viewer.regionPrefix);
}
