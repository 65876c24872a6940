import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { HubServices } from '../services';
import { AccessRecorder } from '../audit/access-recorder';

/**
 * What every subgraph resolver gets: who asks, a request-scoped EntityManager fork, and
 * the shared services. Each subgraph adds its own DataLoaders on top (built fresh per
 * request, never at module level).
 */
export interface RequestContext {
  viewer: Principal;
  requestId: string;
  em: EntityManager;
  services: HubServices;
  /** Releases of protected data decided in this execution; written before the response leaves. */
  audit: AccessRecorder;
}

/** A fresh base context: its own EntityManager fork and access recorder. */
export function createRequestContext(services: HubServices, viewer: Principal, requestId: string): RequestContext {
  return {
    viewer,
    requestId,
    em: services.orm.em.fork(),
    services,
    audit: new AccessRecorder(viewer, requestId, services.config.audit.hmacKeys[0]),
  };
}
