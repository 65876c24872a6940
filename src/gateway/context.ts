import type { Principal } from '../auth/principal';
import type { RequestContext } from '../common/context';

/** The gateway's per-request context: the verified caller and each subgraph's own context. */
export interface GatewayContext {
  viewer: Principal;
  requestId: string;
  subgraphContexts: Map<string, RequestContext>;
}
