import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { createRequestContext, type RequestContext } from '../common/context';
import type { SubgraphModule } from '../common/subgraph';
import type { HubServices } from '../services';
import type { GatewayContext } from './context';
import { DocumentCache, executeSubgraph } from './execute-subgraph';
import { SubgraphExecutor } from './jit-executor';
import { readingFrom } from '../db/read-side';

/**
 * Runs a subgraph in the gateway's process. Unlike LocalGraphQLDataSource it gives the
 * subgraph its own request context (DataLoaders, made once per request and reused by every
 * fetch of that request, and an EntityManager fork: its own in a mutation, the query's one in
 * a query) and caches parsed, validated subgraph operations: the query planner sends the same
 * few operation texts over and over. Queries run compiled by graphql-jit (jit-executor.ts),
 * once per cached document. The access-log entries go to the request's log, written once for
 * all subgraphs before the hub answers (request-log.ts).
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly documents: DocumentCache;
  private readonly executor: SubgraphExecutor;

  constructor(
    private readonly subgraph: SubgraphModule,
    private readonly schema: GraphQLSchema,
    private readonly services: HubServices,
  ) {
    this.documents = new DocumentCache(schema);
    this.executor = new SubgraphExecutor(schema);
  }

  /** This subgraph's context for the request; `query`: the client's operation is a query (the fork is shared). */
  private contextFor(gatewayContext: GatewayContext | undefined, query: boolean): RequestContext {
    if (!gatewayContext?.subgraphContexts) {
      // Health checks and schema loading carry no request: they act as nobody in particular.
      throw new Error(`subgraph ${this.subgraph.name} called without a request context`);
    }
    let context = gatewayContext.subgraphContexts.get(this.subgraph.name);
    if (!context) {
      // One fork for the subgraphs of a query: they read through it with raw statements (a query's own writes, such
      // as the check log, are single statements too), so there is no unit of work to keep apart. A mutation's
      // subgraphs keep one each: one's flush must not write the other's entities.
      const em = query
        ? (gatewayContext.queryEm ??= readingFrom(this.services.orm.em, gatewayContext.readsFrom ?? 'primary'))
        : undefined;
      context = this.subgraph.createContext(
        createRequestContext(
          this.services,
          gatewayContext.viewer,
          gatewayContext.requestId,
          gatewayContext.language,
          gatewayContext.addressKey,
          gatewayContext.readsFrom,
          em,
        ),
      );
      gatewayContext.subgraphContexts.set(this.subgraph.name, context);
    }
    return context;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const document = this.documents.get(request.query!);
    if (!('kind' in document)) {
      return {
        errors: document.map((error) => ({
          message: error.message,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        })),
      };
    }
    const gatewayContext = options.context as GatewayContext;
    const result = await executeSubgraph({
      executor: this.executor,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      clientOperationName:
        'incomingRequestContext' in options ? (options.incomingRequestContext.operationName ?? undefined) : undefined,
      context: this.contextFor(
        gatewayContext,
        'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'query',
      ),
      requestLog: gatewayContext?.accessLog,
    });
    return {
      data: result.data as GatewayGraphQLResponse['data'],
      errors: result.errors?.map((error) => error.toJSON()),
    };
  }
}
