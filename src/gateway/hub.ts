import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Principal } from '../auth/principal';
import type { HubServices } from '../common/services';
import type { SubgraphModule } from '../common/subgraph';
import { composeSupergraph } from './compose';
import type { GatewayContext } from './context';
import { formatClientError } from './format-error';
import { InProcessDataSource } from './in-process-data-source';
import { SUBGRAPHS } from './subgraphs';

export interface BuiltSubgraph {
  module: SubgraphModule;
  schema: GraphQLSchema;
  sdl: string;
}

export async function buildSubgraphs(modules: readonly SubgraphModule[] = SUBGRAPHS): Promise<BuiltSubgraph[]> {
  const built: BuiltSubgraph[] = [];
  for (const module of modules) {
    const { schema, sdl } = await module.build();
    built.push({ module, schema, sdl });
  }
  return built;
}

export interface Hub {
  server: ApolloServer<GatewayContext>;
  supergraphSdl: string;
  subgraphs: BuiltSubgraph[];
  services: HubServices;
  /** Context for one request, from the Authorization header (throws UNAUTHENTICATED). */
  contextFromAuthorization(authorization: string | undefined, requestId?: string): Promise<GatewayContext>;
  contextFor(viewer: Principal, requestId?: string): GatewayContext;
  stop(): Promise<void>;
}

/**
 * The gateway over in-process subgraphs: composes them, then serves the supergraph with
 * Apollo Gateway. The same composed SDL is what schema/supergraph.graphql holds.
 */
export async function createHub(services: HubServices, modules: readonly SubgraphModule[] = SUBGRAPHS): Promise<Hub> {
  const subgraphs = await buildSubgraphs(modules);
  const supergraphSdl = composeSupergraph(subgraphs.map(({ module, sdl }) => ({ name: module.name, sdl })));
  const byName = new Map(subgraphs.map((subgraph) => [subgraph.module.name, subgraph]));
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const subgraph = byName.get(name)!;
      return new InProcessDataSource(subgraph.module, subgraph.schema, services);
    },
  });
  const production = services.config.production;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => formatClientError(formatted, error, { production, logger: services.logger }),
    plugins: production ? [ApolloServerPluginLandingPageDisabled()] : [],
  });
  await server.start();

  const contextFor = (viewer: Principal, requestId: string = randomUUID()): GatewayContext => ({
    viewer,
    requestId,
    subgraphContexts: new Map(),
  });
  return {
    server,
    supergraphSdl,
    subgraphs,
    services,
    contextFor,
    async contextFromAuthorization(authorization, requestId) {
      return contextFor(await services.tokens.principalFromHeader(authorization), requestId);
    },
    stop: () => server.stop(),
  };
}
