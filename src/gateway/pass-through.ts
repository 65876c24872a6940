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

/*
 * Single-fetch pass-through (docs/architecture.md, "Gateway pass-through"). This leans on
 * @apollo/gateway internals (the executor property, the plan's FetchNode, the options its
 * executeFetch hands a data source): package.json pins the version, and
 * tests/gateway/pass-through.test.ts compares every answer with the gateway's own.
 */

type Executor = ApolloGateway['executor'];
type IncomingRequest = Parameters<Executor>[0];
type PlanInfo = Parameters<Experimental_DidResolveQueryPlanCallback>[0];
type FetchNode = Extract<NonNullable<PlanInfo['queryPlan']['node']>, { kind: 'Fetch' }>;

/** What a query whose plan is one root fetch that asks the client's own shape is sent as. */
interface Route {
  fetch: FetchNode;
  source: GraphQLDataSource;
  operation: OperationDefinitionNode;
}

/** The subgraph's settled answer to a fetch, kept for the normal path to re-shape without asking again. */
interface Replay {
  query: string;
  answer: Promise<GatewayGraphQLResponse>;
}

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

/** The options @apollo/gateway's executeFetch gives a data source for a root fetch (executeQueryPlan.js). */
function fetchOptions(request: IncomingRequest, fetch: FetchNode): GraphQLDataSourceProcessOptions {
  const provided = request.request.variables;
  const variables: Record<string, unknown> = Object.create(null);
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  }
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName, http: undefined },
    incomingRequestContext: request,
    context: request.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: [],
  };
}

/** An answer the client can be given as it is: data, no errors (any error goes the normal way). */
function clean(answer: GatewayGraphQLResponse): boolean {
  return !answer.errors && typeof answer.data === 'object' && answer.data !== null;
}

/**
 * Routes and replays of the pass-through. Routes are learnt from the plans the gateway makes
 * (per parsed document, which Apollo Server caches per query text), so an operation's first
 * request takes the normal path and decides for the following ones.
 */
class PassThrough {
  private routes = new WeakMap<DocumentNode, Map<string, Route | null>>();
  private schema?: GraphQLSchema;
  private readonly replays = new WeakMap<object, Replay>();

  useSchema(schema: GraphQLSchema): void {
    this.schema = schema;
    this.routes = new WeakMap();
  }

  learn({ queryPlan, requestContext, serviceMap }: PlanInfo): void {
    const document = requestContext.document;
    const name = requestContext.request.operationName ?? undefined;
    if (!this.schema || !document || this.routes.get(document)?.has(name ?? '')) return;
    const fetch = passThroughFetch(this.schema, queryPlan, document, name);
    const source = fetch && serviceMap[fetch.serviceName];
    const route = fetch && source ? { fetch, source, operation: getOperationAST(document, name)! } : null;
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
   * Decided before anything runs: a routed query is sent to its subgraph once and a clean
   * answer handed back as it is. Any other answer (errors, no data, a failure) is given to the
   * normal path, whose fetch replays it (wrap) instead of asking the subgraph again: the
   * subgraph runs once and writes its access log once either way.
   */
  async execute(request: IncomingRequest, normal: Executor): ReturnType<Executor> {
    const route = this.routeFor(request);
    if (!route) return normal(request);
    const answer = route.source.process(fetchOptions(request, route.fetch));
    const settled = await answer.catch(() => undefined);
    if (settled && clean(settled)) {
      gatewayPassThrough.inc({ outcome: 'passed' });
      return { data: settled.data };
    }
    gatewayPassThrough.inc({ outcome: 'replayed' });
    if (typeof request.context === 'object' && request.context !== null) {
      this.replays.set(request.context, { query: route.fetch.operation, answer });
    }
    return normal(request);
  }

  wrap(source: GraphQLDataSource): GraphQLDataSource {
    return {
      process: (options) => {
        const context = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context : undefined;
        const replay = context ? this.replays.get(context) : undefined;
        if (!replay || replay.query !== options.request.query) return source.process(options);
        this.replays.delete(context!);
        return replay.answer;
      },
    };
  }
}

/**
 * An ApolloGateway whose single-fetch queries skip its field-by-field re-shaping of the
 * subgraph's answer (GATEWAY_PASS_THROUGH; every other plan runs as before).
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
