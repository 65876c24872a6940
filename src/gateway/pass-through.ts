import {
  ApolloGateway,
  type Experimental_DidResolveQueryPlanCallback,
  type GatewayConfig,
  type GraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { getOperationAST, parse, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
// Not re-exported by the package's index; its value is what the gateway's executeFetch sends.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { gatewayPassThrough } from '../common/metrics';
import { queryShape } from './pass-through-shape';
import { chainRoute, clean, runChain, type ChainRoute, type FetchNode, type Send } from './pass-through-chain';

/*
 * Gateway pass-through (docs/architecture.md, "Gateway pass-through"): single-fetch plans and
 * entity chains (pass-through-chain.ts). This leans on
 * @apollo/gateway internals (the executor property, the plan's FetchNode, the options its
 * executeFetch hands a data source): package.json pins the version, and
 * tests/gateway/pass-through.test.ts compares every answer with the gateway's own.
 */

type Executor = ApolloGateway['executor'];
type IncomingRequest = Parameters<Executor>[0];
type PlanInfo = Parameters<Experimental_DidResolveQueryPlanCallback>[0];

/** What a query whose plan is one root fetch that asks the client's own shape is sent as. */
interface SingleRoute {
  kind: 'single';
  fetch: FetchNode;
  source: GraphQLDataSource;
  operation: OperationDefinitionNode;
}

type Route = SingleRoute | ChainRoute;

const QUERY_PLAN_HEADER = 'apollo-query-plan-experimental';

/**
 * The plan's only node when it is a root fetch the subgraph answers as the client asked: a
 * query, no entity representations, no rewrites of data in or out, and the same response
 * shape as the client's operation (pass-through-shape.ts).
 */
export function passThroughFetch(
  schema: GraphQLSchema,
  plan: PlanInfo['queryPlan'],
  document: DocumentNode,
  operationName: string | undefined,
): FetchNode | undefined {
  const node = plan.node;
  if (node?.kind !== 'Fetch' || node.operationKind !== 'query' || node.requires) return undefined;
  if (node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length) return undefined;
  const client = queryShape(schema, document, operationName);
  if (client === undefined) return undefined;
  const sent = queryShape(schema, node.operationDocumentNode ?? parse(node.operation), node.operationName);
  return sent === client ? node : undefined;
}

/**
 * The options @apollo/gateway's executeFetch gives a data source (executeQueryPlan.js): for a
 * root fetch, or for an entity fetch at `path` with its representations.
 */
function fetchOptions(
  request: IncomingRequest,
  fetch: FetchNode,
  path: string[],
  representations?: unknown[],
): GraphQLDataSourceProcessOptions {
  const provided = request.request.variables;
  const variables: Record<string, unknown> = Object.create(null);
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  }
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: {
      query: fetch.operation,
      variables: representations ? { ...variables, representations } : variables,
      operationName: fetch.operationName,
      http: undefined,
    },
    incomingRequestContext: request,
    context: request.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: path,
  };
}

/**
 * Routes and replays of the pass-through. Routes are learnt from the plans the gateway makes
 * (per parsed document, which Apollo Server caches per query text), so an operation's first
 * request takes the normal path and decides for the following ones.
 */
class PassThrough {
  private routes = new WeakMap<DocumentNode, Map<string, Route | null>>();
  private schema?: GraphQLSchema;
  /** The subgraph answers of a request that went on to the normal path, by fetch text. */
  private readonly replays = new WeakMap<object, Map<string, Promise<GatewayGraphQLResponse>>>();

  useSchema(schema: GraphQLSchema): void {
    this.schema = schema;
    this.routes = new WeakMap();
  }

  learn({ queryPlan, requestContext, serviceMap }: PlanInfo): void {
    const document = requestContext.document;
    const name = requestContext.request.operationName ?? undefined;
    if (!this.schema || !document || this.routes.get(document)?.has(name ?? '')) return;
    const operation = getOperationAST(document, name)!;
    const fetch = passThroughFetch(this.schema, queryPlan, document, name);
    const source = fetch && serviceMap[fetch.serviceName];
    const route: Route | null =
      fetch && source
        ? { kind: 'single', fetch, source, operation }
        : (chainRoute(this.schema, queryPlan, document, name, serviceMap) ?? null);
    const byName = this.routes.get(document) ?? new Map<string, Route | null>();
    byName.set(name ?? '', route);
    this.routes.set(document, byName);
  }

  private routeFor(request: IncomingRequest): Route | undefined {
    if (!this.schema || !request.document || request.request.http?.headers.get(QUERY_PLAN_HEADER)) return undefined;
    const route = this.routes.get(request.document)?.get(request.request.operationName ?? '');
    if (!route) return undefined;
    // Variables the gateway would refuse: the normal path refuses them the same way, before any fetch.
    const { errors } = getVariableValues(
      this.schema,
      route.operation.variableDefinitions ?? [],
      request.request.variables ?? {},
    );
    return errors ? undefined : route;
  }

  /**
   * Decided before anything runs: a routed query's fetches are sent to their subgraphs once and
   * clean answers handed back as they are (one fetch) or copied into the client's shape (an
   * entity chain). Any other answer (errors, no data, a failure) is given to the normal path,
   * whose fetches replay the answers already had (wrap) instead of asking the subgraphs again:
   * each subgraph runs once and writes its access log once either way.
   */
  async execute(request: IncomingRequest, normal: Executor): ReturnType<Executor> {
    const route = this.routeFor(request);
    if (!route) return normal(request);
    const answers = new Map<string, Promise<GatewayGraphQLResponse>>();
    const send: Send = (fetch, source, path, representations) => {
      const answer = source.process(fetchOptions(request, fetch, path, representations));
      answers.set(fetch.operation, answer);
      return answer;
    };
    const data = route.kind === 'single' ? await passSingle(route, send) : await runChain(route, send);
    if (data) {
      gatewayPassThrough.inc({ outcome: 'passed' });
      return { data };
    }
    gatewayPassThrough.inc({ outcome: 'replayed' });
    const context = typeof request.context === 'object' && request.context !== null ? request.context : undefined;
    if (context) this.replays.set(context, answers);
    try {
      return await normal(request);
    } finally {
      if (context) this.replays.delete(context);
    }
  }

  wrap(source: GraphQLDataSource): GraphQLDataSource {
    return {
      process: (options) => {
        const context = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context : undefined;
        const answers = context ? this.replays.get(context) : undefined;
        const answer = answers?.get(options.request.query!);
        if (!answer) return source.process(options);
        answers!.delete(options.request.query!);
        return answer;
      },
    };
  }
}

/** The subgraph's answer to a single-fetch route, when clean. */
async function passSingle(route: SingleRoute, send: Send): Promise<GatewayGraphQLResponse['data'] | undefined> {
  const settled = await send(route.fetch, route.source, []).catch(() => undefined);
  return settled && clean(settled) ? settled.data : undefined;
}

/**
 * An ApolloGateway whose single-fetch queries and entity chains skip its plan execution and
 * field-by-field re-shaping of the subgraph answers (GATEWAY_PASS_THROUGH; every other plan
 * runs as before).
 */
export class PassThroughGateway extends ApolloGateway {
  constructor(config: GatewayConfig & { buildService: NonNullable<GatewayConfig['buildService']> }) {
    const passThrough = new PassThrough();
    super({
      ...config,
      buildService: (definition) => passThrough.wrap(config.buildService(definition)),
      experimental_didResolveQueryPlan: (info) => passThrough.learn(info),
    });
    const normal = this.executor;
    this.executor = (request) => passThrough.execute(request, normal);
    this.onSchemaLoadOrUpdate(({ apiSchema }) => passThrough.useSchema(apiSchema));
  }
}
