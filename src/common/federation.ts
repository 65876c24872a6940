import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLResolveInfo, type GraphQLSchema, parse } from 'graphql';
import { applyMiddleware, type IMiddleware } from 'graphql-middleware';
import { allow, deny, shield, type IRules } from 'graphql-shield';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { Principal } from '../auth/principal';
import { ForbiddenError, HubError } from './errors';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@provides", "@requires", "@inaccessible"])`;

// `never` parameters: each subgraph's resolver takes its own reference and context types.
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

/** A field resolver as graphql-js calls it: root, arguments as it coerced them, context. */
export type PlainResolver = (root: never, args: never, context: never) => unknown;

/** A type-graphql resolver or object type class. */
type ClassType = new (...args: never[]) => object;

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
  resolvers: NonEmptyArray<ClassType>;
  orphanedTypes?: ClassType[];
  references: ReferenceResolvers;
  /**
   * Fields resolved with their arguments as graphql-js coerced them (plain objects), in place of type-graphql's
   * handler, which copies every input object into a class instance and walks the input type's metadata again for
   * each item of a list (8 % of a 500-row submitRecords, docs/benchmarks.md). The type-graphql method still declares
   * the field; the permission table wraps these like any other field.
   */
  plainResolvers?: Record<string, Record<string, PlainResolver>>;
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
  for (const [typeName, fields] of Object.entries(options.plainResolvers ?? {})) {
    for (const field of Object.keys(fields))
      if (!resolvers[typeName]?.[field]) throw new Error(`plain resolver for ${typeName}.${field}, not in the schema`);
    resolvers[typeName] = { ...resolvers[typeName], ...fields };
  }
  const federated = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`),
    resolvers: resolvers as never,
  });
  const guarded = applyMiddleware(federated, permissionMiddleware(federated, options.permissions));
  return { schema: guarded, sdl: printSubgraphSchema(federated) };
}

/**
 * graphql-shield's middleware for the permission table, deny by default, without the
 * wrappers of fields whose rule is `allow`. Shield wraps every field in an async function,
 * so each of the thousands of fields of a 500-row blacklistCheck answer cost a promise or
 * two: a quarter of that request's CPU went to them. A field ruled `allow` is resolved as
 * if unwrapped anyway; every other field — any other rule, the `*` of its type, or the
 * fallback `deny` — keeps shield's wrapper.
 */
/** `extensions.reason` of a mutation refused for want of a token. */
export const TOKEN_REQUIRED = 'TOKEN_REQUIRED';

/**
 * What a caller is told when a rule says no, in every subgraph: a mutation called with no token
 * at all is UNAUTHENTICATED (it tells the client what to do: send one), anything else FORBIDDEN.
 * An authenticated caller lacking the right keeps FORBIDDEN; so does an anonymous read, where
 * PUBLIC is a role with data of its own. No `http` status here: the answer may be partial.
 */
export function refusal(context: unknown, info: GraphQLResolveInfo): HubError {
  const viewer = (context as { viewer?: Principal } | undefined)?.viewer;
  if (info.parentType === info.schema.getMutationType() && !viewer?.authenticated)
    return new HubError(
      'UNAUTHENTICATED',
      '该操作需要身份令牌，请在 Authorization 头中携带 Bearer 令牌 (a token is required)',
      {
        reason: TOKEN_REQUIRED,
      },
    );
  return new ForbiddenError();
}

export function permissionMiddleware(schema: GraphQLSchema, rules: IRules): IMiddleware {
  const generated = shield(rules, {
    fallbackRule: deny,
    fallbackError: (_thrown, _parent, _args, context, info) => refusal(context, info),
    allowExternalErrors: true,
    debug: false,
  }).generate(schema) as Record<string, Record<string, unknown>>;
  const table = rules as Record<string, unknown>;
  for (const [typeName, fields] of Object.entries(generated)) {
    const typeRules = table[typeName];
    for (const field of Object.keys(fields)) {
      const rule =
        typeRules && typeof typeRules === 'object' && !isRuleObject(typeRules)
          ? ((typeRules as Record<string, unknown>)[field] ?? (typeRules as Record<string, unknown>)['*'])
          : typeRules;
      if (rule === allow) delete fields[field];
    }
  }
  return generated as IMiddleware;
}

function isRuleObject(value: object): boolean {
  return typeof (value as { resolve?: unknown }).resolve === 'function';
}
