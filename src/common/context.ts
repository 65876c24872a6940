import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { HubServices } from './services';

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
}
