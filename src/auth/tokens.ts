import {
  createRemoteJWKSet,
  importSPKI,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { DEVELOPMENT_ISSUER, type HubConfig } from '../config';
import { AuthenticationError } from '../common/errors';
import { PUBLIC_PRINCIPAL, type Principal } from './principal';
import { claimsFromPayload, principalFor, type RegisteredClient, type TokenClaims } from './client-claims';
import type { ClientLookup } from './client-registry';
import type { Role } from './roles';
import { bilingual } from '../common/language';

type KeySource = { kind: 'static'; key: KeyLike | Uint8Array } | { kind: 'remote'; getKey: JWTVerifyGetKey };

/** Verified tokens kept, and for how long at most (a token's own expiry comes first). */
const VERIFIED_TOKENS = 10_000;
const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;
/** Registry look-ups kept: one per client system calling, so a few thousand is plenty. */
const CLIENTS = 5_000;

const clientKey = (issuer: string, subject: string) => JSON.stringify([issuer, subject]);

interface VerifiedToken {
  claims: TokenClaims;
  expiresAt: number;
  /** The principal, and the registry entry it was built from: rebuilt when that entry is refreshed. */
  principal?: Principal;
  from?: RegisteredClient;
}

/**
 * Verifies bearer tokens into principals. HS256 with a shared secret in development, an RS/ES
 * public key or a JWKS endpoint in production. A token that is present but bad is an error: it
 * never degrades to PUBLIC. A good signature is not enough: the token's (iss, sub) must be a
 * registered, active client and its claims within the registration (client-claims.ts).
 */
export class TokenVerifier {
  private keyPromise?: Promise<KeySource>;
  /**
   * Client systems send the same token with every request: verifying its signature once per
   * token, not per request, took 3 % of a creditStatus request off the CPU. Entries end at
   * the token's `exp` (checked on every hit) or after 5 minutes, so a rotated key takes
   * effect within that time. The registry is consulted on every request, from `clients`.
   */
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS, ttl: VERIFIED_TOKEN_TTL_MS });
  /**
   * Registry look-ups, per (iss, sub), for CLIENT_CACHE_TTL (10 s by default, 30 s at most), so
   * the hot path adds no SQL; a revocation or a new registration takes effect within that time.
   * Concurrent look-ups of one client share one query.
   */
  private readonly clients: LRUCache<string, { client: RegisteredClient | null }>;

  constructor(
    private readonly jwt: HubConfig['jwt'],
    registry: ClientLookup,
  ) {
    this.clients = new LRUCache({
      max: CLIENTS,
      ttl: jwt.clientCacheMs,
      fetchMethod: async (key) => {
        const [issuer, subject] = JSON.parse(key) as [string, string];
        return { client: await registry.find(issuer, subject) };
      },
    });
  }

  private key(): Promise<KeySource> {
    this.keyPromise ??= (async (): Promise<KeySource> => {
      if (this.jwt.jwksUrl) return { kind: 'remote', getKey: createRemoteJWKSet(new URL(this.jwt.jwksUrl)) };
      if (this.jwt.publicKeyPem) {
        const alg = this.jwt.publicKeyPem.includes('EC ') ? 'ES256' : 'RS256';
        return { kind: 'static', key: await importSPKI(this.jwt.publicKeyPem, alg) };
      }
      return { kind: 'static', key: new TextEncoder().encode(this.jwt.secret!) };
    })();
    return this.keyPromise;
  }

  async principalFromHeader(authorization: string | undefined): Promise<Principal> {
    if (!authorization || authorization.trim() === '') return PUBLIC_PRINCIPAL;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match)
      throw new AuthenticationError(
        bilingual('Authorization 头必须是 "Bearer <token>"', 'Authorization header must be "Bearer <token>"'),
      );
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Principal> {
    let entry = this.verified.get(token);
    if (entry && entry.expiresAt <= Date.now()) {
      this.verified.delete(token);
      entry = undefined;
    }
    if (!entry) {
      const claims = claimsFromPayload(await this.verifySignature(token), this.jwt.maxLifetimeSeconds);
      entry = { claims, expiresAt: claims.exp * 1000 };
      this.verified.set(token, entry);
    }
    const { client } = (await this.clients.fetch(clientKey(entry.claims.iss, entry.claims.sub)))!;
    if (entry.principal && entry.from === client) return entry.principal;
    const principal = principalFor(client, entry.claims);
    Object.assign(entry, { principal, from: client });
    return principal;
  }

  /**
   * The operations (document hashes) a caller's client is restricted to, or null when it may run
   * any. From the same cached registry entry as its token: no SQL per request. Principals that
   * come from no token (PUBLIC, the hub's own tools; issuer '') have no restriction.
   */
  async operationsOf(viewer: Principal): Promise<ReadonlySet<string> | null> {
    if (!viewer.authenticated || !viewer.issuer) return null;
    const entry = await this.clients.fetch(clientKey(viewer.issuer, viewer.sub));
    return entry?.client?.operations ?? null;
  }

  private async verifySignature(token: string): Promise<JWTPayload> {
    try {
      const source = await this.key();
      const options = {
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
        requiredClaims: ['iss', 'sub', 'exp', 'iat'],
        // A shared secret only ever verifies HS256: no algorithm confusion.
        algorithms: this.jwt.secret && !this.jwt.publicKeyPem && !this.jwt.jwksUrl ? ['HS256'] : undefined,
      };
      const { payload } =
        source.kind === 'remote'
          ? await jwtVerify(token, source.getKey, options)
          : await jwtVerify(token, source.key, options);
      return payload;
    } catch (error) {
      const reason = (error as Error).message;
      throw new AuthenticationError(bilingual(`令牌无效（${reason}）`, `invalid token: ${reason}`));
    }
  }
}

/** The claims of a development token (`credit-hub token`, the start-up banner, the dashboard's demo login). */
export interface DevelopmentClaims {
  role: Role;
  region?: string;
  org?: string;
  sub?: string;
  /** Default: JWT_ISSUER, else the development issuer. */
  issuer?: string;
  expiresIn?: string;
}

/** The `sub` and `iss` a development token gets when none are given. */
export function developmentIdentity(
  claims: DevelopmentClaims,
  jwt: Pick<HubConfig['jwt'], 'issuer'> = {},
): { sub: string; issuer: string } {
  return {
    sub: claims.sub ?? `dev-${claims.role.toLowerCase()}`,
    issuer: claims.issuer ?? jwt.issuer ?? DEVELOPMENT_ISSUER,
  };
}

/** Development tokens (HS256 only), 12 hours unless told; their client must be registered (docs/clients.md). */
export async function issueDevelopmentToken(secret: string, claims: DevelopmentClaims): Promise<string> {
  const body: Record<string, unknown> = { role: claims.role };
  if (claims.region) body.region = claims.region;
  if (claims.org) body.org = claims.org;
  const { sub, issuer } = developmentIdentity(claims);
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(secret));
}
