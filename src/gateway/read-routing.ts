import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { ReadSide } from '../db/read-side';
import type { GatewayContext } from './context';

// Clients remembered as having just written; beyond that the oldest are forgotten first (they read from a replica
// sooner than REPLICA_STICKY_SECONDS says: the only cost of an overflow, and far beyond the registry's size).
const MAX_WRITERS = 100_000;

/**
 * Read-your-writes for read replicas (docs/deployment.md, "Read replicas"): a query may read from a replica unless
 * its client wrote (sent a mutation through this gateway) within the last REPLICA_STICKY_SECONDS; mutations and
 * everything they read always use the primary. The gateway decides once per request, before any subgraph is asked,
 * and the subgraphs follow (in-process: GatewayContext.readsFrom; split: the signed principal's `rs`).
 */
export class ReadRouting {
  private readonly writers: LRUCache<string, true>;

  /** `routes`: whether a query may be sent to a replica at all (replicas configured, or a gateway of remote ones). */
  constructor(
    private readonly routes: boolean,
    stickySeconds: number,
  ) {
    this.writers = new LRUCache({ max: MAX_WRITERS, ttl: stickySeconds * 1000 });
  }

  sideFor(operation: string | undefined, client: string): ReadSide {
    if (!this.routes || operation !== 'query') return 'primary';
    return this.writers.has(client) ? 'primary' : 'replica';
  }

  /** The client has just written: its reads go to the primary for the sticky window, counted from now. */
  wrote(client: string): void {
    this.writers.set(client, true);
  }
}

/** Who "the client" is for read-your-writes: the registered client, or an anonymous caller's keyed address. */
export function readerOf(context: GatewayContext): string {
  if (context.viewer.authenticated) return `client:${context.viewer.clientId}`;
  return `anonymous:${context.addressKey ?? ''}`;
}

/** Sets each request's read side once its operation is known, and notes every mutation's client once it is done. */
export function readRoutingPlugin(routing: ReadRouting): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          contextValue.readsFrom = routing.sideFor(operation?.operation, readerOf(contextValue));
        },
        async willSendResponse({ operation, contextValue }) {
          if (operation?.operation === 'mutation') routing.wrote(readerOf(contextValue));
        },
      };
    },
  };
}
