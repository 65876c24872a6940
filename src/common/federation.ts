import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, shield, type IRules } from 'graphql-shield';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { ForbiddenError } from './errors';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])`;

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any) => unknown }>;

export interface FederatedSubgraphSchema {
  /** Executable schema with the permission table applied: what serves requests. */
  schema: GraphQLSchema;
  /** SDL with federation directives, as composition and schema/ see it. */
  sdl: string;
}

/**
 * type-graphql -> Apollo subgraph -> graphql-shield. Built as type-graphql's
 * apollo-federation-2 example does: print the type-graphql schema with its directives,
 * add the federation link, rebuild with buildSubgraphSchema, then apply the one
 * deny-by-default permission table of the subgraph.
 */
export async function buildFederatedSubgraph(options: {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  references: ReferenceResolvers;
  permissions: IRules;
}): Promise<FederatedSubgraphSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true,
    validate: false,
  });
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(options.references)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  const federated = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`),
    resolvers: resolvers as never,
  });
  const guarded = applyMiddleware(
    federated,
    shield(options.permissions, {
      fallbackRule: deny,
      fallbackError: () => new ForbiddenError(),
      allowExternalErrors: true,
      debug: false,
    }),
  );
  return { schema: guarded, sdl: printSubgraphSchema(federated) };
}
