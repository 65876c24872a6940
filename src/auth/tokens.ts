import { createRemoteJWKSet, importSPKI, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { LRUCache } from 'lru-cache';
import type { HubConfig } from '../config';
import { normalizeCode } from '../identity';
import { AuthenticationError } from '../common/errors';
import { makePrincipal, PUBLIC_PRINCIPAL, type Principal } from './principal';
import { isRole, Role } from './roles';

type KeySource = { kind: 'static'; key: KeyLike | Uint8Array } | { kind: 'remote'; getKey: JWTVerifyGetKey };

/**
 * Verifies bearer tokens into principals. HS256 with a shared secret in development,
 * an RS/ES public key or a JWKS endpoint in production. A token that is present but bad
 * is an error: it never degrades to PUBLIC.
 */
/** Verified tokens kept, and for how long at most (a token's own expiry comes first). */
const VERIFIED_TOKENS = 10_000;
const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;

export class TokenVerifier {
  private keyPromise?: Promise<KeySource>;
  /**
   * Client systems send the same token with every request: verifying its signature once per
   * token, not per request, took 3 % of a creditStatus request off the CPU. Entries end at
   * the token's `exp` (checked on every hit) or after 5 minutes, so a rotated key or a
   * shortened policy takes effect within that time.
   */
  private readonly verified = new LRUCache<string, { principal: Principal; expiresAt: number }>({ max: VERIFIED_TOKENS, ttl: VERIFIED_TOKEN_TTL_MS });

  constructor(private readonly jwt: HubConfig['jwt']) {}

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
    if (!match) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.principal;
    if (cached) this.verified.delete(token);
    const { principal, payload } = await this.verifyFresh(token);
    this.verified.set(token, { principal, expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY });
    return principal;
  }

  private async verifyFresh(token: string): Promise<{ principal: Principal; payload: JWTPayload }> {
    let payload: JWTPayload;
    try {
      const source = await this.key();
      const options = {
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
        // A shared secret only ever verifies HS256: no algorithm confusion.
        algorithms: this.jwt.secret && !this.jwt.publicKeyPem && !this.jwt.jwksUrl ? ['HS256'] : undefined,
      };
      ({ payload } =
        source.kind === 'remote' ? await jwtVerify(token, source.getKey, options) : await jwtVerify(token, source.key, options));
    } catch (error) {
      throw new AuthenticationError(`Invalid token: ${(error as Error).message}`);
    }
    if (!isRole(payload.role)) throw new AuthenticationError('Token has no valid `role` claim');
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError('Token has no `sub` claim');
    const region = typeof payload.region === 'string' ? payload.region : '';
    if (!/^\d{0,6}$/.test(region)) throw new AuthenticationError('Token `region` claim must be a division-code prefix');
    const org = typeof payload.org === 'string' && payload.org ? normalizeCode(payload.org) : undefined;
    if (payload.role === Role.SUBJECT && !org) throw new AuthenticationError('A SUBJECT token must name its own code in `org`');
    return { principal: makePrincipal({ sub: payload.sub, role: payload.role, region, org }), payload };
  }
}

/** Development tokens for `credit-hub token` and the start-up banner (HS256 only). */
export async function issueDevelopmentToken(
  secret: string,
  claims: { role: Role; region?: string; org?: string; sub?: string; expiresIn?: string },
): Promise<string> {
  const body: Record<string, unknown> = { role: claims.role };
  if (claims.region) body.region = claims.region;
  if (claims.org) body.org = claims.org;
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? `dev-${claims.role.toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(secret));
}
