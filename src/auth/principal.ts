import { jurisdictionPrefix } from '../identity';
import { Role } from './roles';

/**
 * Who is asking: the verified claims of the caller's token, checked against the client
 * registry (docs/clients.md), or PUBLIC without one. `regionPrefix` is the jurisdiction as a
 * division-code prefix ('' = national).
 */
export interface Principal {
  /** The token's `sub`, as the caller's issuer named it. Not an identity on its own: see clientId. */
  readonly sub: string;
  /** The registered client's stable id: whatever the hub stores as "the system that did it". */
  readonly clientId: string;
  /** The token's issuer (`iss`); '' for PUBLIC and for principals built inside the hub. */
  readonly issuer: string;
  readonly role: Role;
  readonly regionPrefix: string;
  /** The caller's own USCC, or for SUBJECT a person's resident ID number. */
  readonly org?: string;
  readonly authenticated: boolean;
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({
  sub: 'anonymous',
  clientId: 'anonymous',
  issuer: '',
  role: Role.PUBLIC,
  regionPrefix: '',
  authenticated: false,
});

/** `clientId` defaults to `sub`: the hub's own seeds and tools act as clients registered under that id. */
export function makePrincipal(claims: {
  sub: string;
  clientId?: string;
  issuer?: string;
  role: Role;
  region?: string | null;
  org?: string | null;
}): Principal {
  return Object.freeze({
    sub: claims.sub,
    clientId: claims.clientId ?? claims.sub,
    issuer: claims.issuer ?? '',
    role: claims.role,
    regionPrefix: jurisdictionPrefix(claims.region ?? ''),
    org: claims.org || undefined,
    authenticated: true,
  });
}

// Defined once with the other access conditions; re-exported for existing imports.
export { inJurisdiction, isGovernment } from './conditions';
