import type { GraphQLSchema } from 'graphql';
import type { HubServices } from '../services';
import type { SubgraphModule } from '../common/subgraph';
import { composeSupergraph } from './compose';
import { InProcessDataSource } from './in-process-data-source';
import { openLimiterStore } from './limiter-store';
import { createApolloGateway, startGatewayServer, type GatewayServer } from './server';
import { SUBGRAPHS } from './subgraphs';
import { oneAppendPerRequest } from './request-log';

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

export interface Hub extends GatewayServer {
  supergraphSdl: string;
  subgraphs: BuiltSubgraph[];
  services: HubServices;
}

/** Database reachable and no migration pending. */
export async function databaseReadiness(services: HubServices): Promise<{ ready: boolean; detail: string }> {
  try {
    await services.orm.em.fork().execute('SELECT 1');
    const pending = await services.orm.getMigrator().getPendingMigrations();
    return pending.length === 0
      ? { ready: true, detail: 'database reachable, migrations current' }
      : { ready: false, detail: `${pending.length} migration(s) pending` };
  } catch (error) {
    return { ready: false, detail: `database unreachable: ${(error as Error).message}` };
  }
}

/**
 * The default deployment: every subgraph in this process, composed at start-up (the same
 * composition `npm run schema` writes to schema/supergraph.graphql), behind one gateway.
 */
export async function createHub(services: HubServices, modules: readonly SubgraphModule[] = SUBGRAPHS): Promise<Hub> {
  const subgraphs = await buildSubgraphs(modules);
  const supergraphSdl = composeSupergraph(subgraphs.map(({ module, sdl }) => ({ name: module.name, sdl })));
  const byName = new Map(subgraphs.map((subgraph) => [subgraph.module.name, subgraph]));
  const gateway = createApolloGateway(
    {
      supergraphSdl,
      buildService: ({ name }) => {
        const subgraph = byName.get(name)!;
        return new InProcessDataSource(subgraph.module, subgraph.schema, services);
      },
    },
    services.config.gatewayPassThrough,
  );
  oneAppendPerRequest(gateway, services);
  const server = await startGatewayServer(gateway, {
    config: services.config,
    tokens: services.tokens,
    logger: services.logger,
    readiness: () => databaseReadiness(services),
    // The hub's own database (embedded or DATABASE_URL), through a pool of the limiter's own.
    limiterStore: openLimiterStore(services.config.limits, services.orm.config.get('clientUrl'), services.logger),
    routesReads: services.config.replicas.urls.length > 0,
  });
  return { ...server, supergraphSdl, subgraphs, services };
}
