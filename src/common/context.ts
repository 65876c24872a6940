import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { HubServices } from '../services';
import { AccessRecorder } from '../audit/access-recorder';
import { DEFAULT_LANGUAGE, type Language } from './language';
import { readingFrom, type ReadSide } from '../db/read-side';

/**
 * What every subgraph resolver gets: who asks, a request-scoped EntityManager fork, and
 * the shared services. Each subgraph adds its own DataLoaders on top (built fresh per
 * request, never at module level).
 */
export interface RequestContext {
  viewer: Principal;
  requestId: string;
  /** The language of human-readable texts in the answer (Chinese unless the caller asked for English). */
  language: Language;
  /**
   * An anonymous caller's keyed address hash, from the gateway (src/auth/client-address.ts): who the caller is when
   * no token names it, for per-reporter counts. Never the address; undefined for token holders and in-process calls.
   */
  addressKey?: string;
  /** Reads from a replica when the gateway said so (src/db/read-side.ts); a read-modify-write takes onPrimary(em). */
  em: EntityManager;
  services: HubServices;
  /** Releases of protected data decided in this execution; written before the response leaves. */
  audit: AccessRecorder;
}

/**
 * A fresh base context: its own EntityManager fork and access recorder. `readsFrom` is the gateway's choice for
 * the request (src/gateway/read-routing.ts): `replica` only for a query by a client that has not just written.
 * `em`: a fork made for the request already, to share instead of a new one (the in-process gateway gives the
 * subgraphs of one query the same fork: gateway/in-process-data-source.ts).
 */
export function createRequestContext(
  services: HubServices,
  viewer: Principal,
  requestId: string,
  language: Language = DEFAULT_LANGUAGE,
  addressKey?: string,
  readsFrom: ReadSide = 'primary',
  em: EntityManager = readingFrom(services.orm.em, readsFrom),
): RequestContext {
  return {
    viewer,
    requestId,
    language,
    addressKey,
    em,
    services,
    audit: new AccessRecorder(viewer, requestId, services.config.audit.hmacKeys[0], services.chainHeads),
  };
}
