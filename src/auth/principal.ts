import { jurisdictionPrefix } from '../identity';
import { Role } from './roles';

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

// Defined once with the other access conditions; re-exported for existing imports.
export { inJurisdiction, isGovernment } from './conditions';
