import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { AuthenticationError } from '../common/errors';
import { isClientAddressKey } from './client-address';
import { isRole } from './roles';
import type { Principal } from './principal';
import type { ReadSide } from '../db/read-side';

/** Header carrying the principal from the gateway to a subgraph service. */
export const PRINCIPAL_HEADER = 'x-hub-principal';
/** Audience of the principal on subgraph requests; the subject directory's channel has its own. */
export const SUBGRAPH_AUDIENCE = 'credit-hub-subgraph';
const LIFETIME_SECONDS = 60;

/** Hash of what a subgraph is asked, so a signed principal cannot be replayed with another query. */
export function requestDigest(body: { query?: string; variables?: unknown }): string {
  return createHash('sha256')
    .update(body.query ?? '')
    .update('\u0000')
    .update(JSON.stringify(body.variables ?? {}))
    .digest('hex');
}

/**
 * Subgraph services trust only the gateway: it forwards the verified principal as a
 * short-lived HS256 JWT bound to the exact subgraph request (query + variables). A request
 * without a valid signature is UNAUTHENTICATED, whatever it asks (_entities and _service too).
 * An anonymous caller's keyed address hash (client-address.ts) travels beside the principal,
 * under the same signature (`ak`), never the address itself; so does the gateway's read side (`rs: 'replica'` when
 * the subgraph may read from a replica, absent = the primary: src/gateway/read-routing.ts).
 */
export class GatewaySigner {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly audience: string = SUBGRAPH_AUDIENCE,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(
    principal: Principal,
    requestId: string,
    body: { query?: string; variables?: unknown },
    addressKey?: string,
    readsFrom?: ReadSide,
  ): Promise<string> {
    const rs = readsFrom === 'replica' ? readsFrom : undefined;
    return new SignJWT({ p: { ...principal }, rid: requestId, rd: requestDigest(body), ak: addressKey, rs })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(this.key);
  }

  async verify(
    token: string | undefined,
    body: { query?: string; variables?: unknown },
  ): Promise<{ principal: Principal; requestId: string; addressKey?: string; readsFrom: ReadSide }> {
    if (!token) throw new AuthenticationError('subgraph services accept requests from the gateway only');
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: this.audience, algorithms: ['HS256'] });
      const principal = payload.p as Principal;
      if (
        !principal ||
        !isRole(principal.role) ||
        typeof principal.sub !== 'string' ||
        typeof principal.clientId !== 'string'
      )
        throw new Error('malformed principal');
      if (payload.rd !== requestDigest(body)) throw new Error('signature does not cover this request');
      if (payload.ak !== undefined && !isClientAddressKey(payload.ak)) throw new Error('malformed address key');
      return {
        principal: Object.freeze({ ...principal }),
        requestId: String(payload.rid ?? ''),
        addressKey: payload.ak as string | undefined,
        readsFrom: payload.rs === 'replica' ? 'replica' : 'primary',
      };
    } catch (error) {
      throw new AuthenticationError(`invalid gateway signature: ${(error as Error).message}`);
    }
  }
}
