import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { RequestContext } from '../common/context';
import type { Language } from '../common/language';
import type { ReadSide } from '../db/read-side';
import type { RequestAccessLog } from '../audit/request-log';

/** The gateway's per-request context: the verified caller and each subgraph's own context. */
export interface GatewayContext {
  viewer: Principal;
  requestId: string;
  /** The language of the response's texts, from Accept-Language (src/gateway/language.ts). */
  language?: Language;
  /** An anonymous caller's keyed address hash (src/auth/client-address.ts); undefined for token holders. */
  addressKey?: string;
  subgraphContexts: Map<string, RequestContext>;
  /** The EntityManager fork the subgraphs of a query share (in-process-data-source.ts); made by the first. */
  queryEm?: EntityManager;
  /** Where the subgraphs read for this request (read-routing.ts): set once the operation is known; unset = primary. */
  readsFrom?: ReadSide;
  /** In-process hub: the request's access-log entries, written in one append before it answers (request-log.ts). */
  accessLog?: RequestAccessLog;
}
