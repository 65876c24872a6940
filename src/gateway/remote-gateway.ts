import fs from 'node:fs';
import path from 'node:path';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type SelectionSetNode } from 'graphql';
import { GatewaySigner, PRINCIPAL_HEADER } from '../auth/gateway-signature';
import { PUBLIC_PRINCIPAL } from '../auth/principal';
import type { TokenVerifier } from '../auth/tokens';
import type { HubConfig } from '../config';
import type { Logger } from '../common/logger';
import { DEFAULT_LANGUAGE } from '../common/language';
import { PROJECT_ROOT } from '../common/paths';
import type { GatewayContext } from './context';
import { openLimiterStore } from './limiter-store';
import { createApolloGateway, startGatewayServer, type GatewayServer } from './server';
import { SUBGRAPHS } from './subgraphs';

export const SUPERGRAPH_FILE = path.join(PROJECT_ROOT, 'schema', 'supergraph.graphql');

/** Forwards each subgraph request with the caller's principal, signed and bound to that request. */
export class SignedRemoteDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signer: GatewaySigner,
  ) {
    super({ url });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const { request } = options;
      const message = `subgraph unavailable: ${(error as Error).message}`;
      return {
        data: null,
        errors: affectedPaths(request.query!, request.variables).map((path) => ({
          message,
          path,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        })),
      };
    }
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const context = options.context as Partial<GatewayContext> | undefined;
    const { request } = options;
    const requestId = context?.requestId ?? '';
    const token = await this.signer.sign(
      context?.viewer ?? PUBLIC_PRINCIPAL,
      requestId,
      { query: request.query, variables: request.variables },
      context?.addressKey,
      context?.readsFrom,
    );
    request.http!.headers.set(PRINCIPAL_HEADER, token);
    request.http!.headers.set('x-request-id', requestId);
    request.http!.headers.set('accept-language', context?.language ?? DEFAULT_LANGUAGE);
    if ('incomingRequestContext' in options && options.incomingRequestContext.operationName) {
      request.http!.headers.set('x-client-operation', options.incomingRequestContext.operationName);
    }
  }
}

/**
 * The response paths a subgraph request would have filled: each representation's fields
 * for an entity fetch, the root fields otherwise. When the subgraph cannot be reached the
 * gateway then reports the failure at those paths and keeps everything else.
 */
export function affectedPaths(query: string, variables: Record<string, unknown> | undefined): (string | number)[][] {
  const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  const fieldsOf = (set: SelectionSetNode | undefined): string[] =>
    (set?.selections ?? []).flatMap((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === '__typename'
          ? []
          : [s.alias?.value ?? s.name.value]
        : s.kind === Kind.INLINE_FRAGMENT
          ? fieldsOf(s.selectionSet)
          : [],
    );
  const paths: (string | number)[][] = [];
  for (const root of operation.selectionSet.selections) {
    if (root.kind !== Kind.FIELD) continue;
    if (root.name.value === '_entities') {
      const count = Array.isArray(variables?.representations) ? variables!.representations.length : 0;
      const fields = [...new Set(fieldsOf(root.selectionSet))];
      for (let i = 0; i < count; i += 1) for (const field of fields) paths.push(['_entities', i, field]);
    } else {
      paths.push([root.alias?.value ?? root.name.value]);
    }
  }
  return paths;
}

/** `name=url,name=url` -> map, every subgraph named exactly once. */
export function parseSubgraphUrls(list: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const part of list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, url] = part.split('=');
    if (!name || !url || !/^https?:\/\//.test(url)) throw new Error(`--subgraphs: "${part}" is not name=http(s)://…`);
    urls[name] = url;
  }
  const missing = SUBGRAPHS.map((s) => s.name).filter((name) => !urls[name]);
  if (missing.length > 0) throw new Error(`--subgraphs: no URL for ${missing.join(', ')}`);
  return urls;
}

/**
 * The gateway of the split deployment: the committed supergraph SDL (no introspection of
 * the subgraphs at start-up), remote subgraphs, the same client-facing server as in-process.
 */
export async function createRemoteGateway(
  deps: { config: HubConfig; tokens: TokenVerifier; logger: Logger },
  urls: Record<string, string>,
  supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8'),
): Promise<GatewayServer> {
  const signer = new GatewaySigner(deps.config.gatewaySecret);
  const gateway = createApolloGateway(
    {
      supergraphSdl,
      buildService: ({ name }) => new SignedRemoteDataSource(urls[name], signer),
    },
    deps.config.gatewayPassThrough,
  );
  return startGatewayServer(gateway, {
    ...deps,
    readiness: async () => ({ ready: true, detail: 'gateway over remote subgraphs' }),
    // The database the client registry is read from (DATABASE_URL): every replica counts there.
    limiterStore: openLimiterStore(deps.config.limits, deps.config.databaseUrl, deps.logger),
    // Each subgraph service reads from its own replicas, if it has any: the gateway only says when it may.
    routesReads: true,
  });
}
