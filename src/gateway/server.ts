import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { clientAddressKey } from '../auth/client-address';
import type { Principal } from '../auth/principal';
import type { TokenVerifier } from '../auth/tokens';
import type { HubConfig } from '../config';
import type { Logger } from '../common/logger';
import { requestCounter, requestDuration } from '../common/metrics';
import type { GatewayContext } from './context';
import { formatClientError } from './format-error';
import { responseLanguage } from './language';
import { unsafeTextGuard } from './input-text';
import { armor, listLengthLimit, PARSE_OPTIONS } from './limits';
import type { LimiterStore } from './limiter-store';
import { registeredOperations } from './registered-operations';
import { ReadRouting, readRoutingPlugin } from './read-routing';
import { PassThroughGateway } from './pass-through';

export interface GatewayDeps {
  config: HubConfig;
  tokens: TokenVerifier;
  logger: Logger;
  /** Whether the hub can serve: database reachable and migrations current (in-process), or always. */
  readiness: () => Promise<{ ready: boolean; detail: string }>;
  /** Where the request budget and the failed-authentication limit count (RATE_LIMIT_STORE); closed by stop(). */
  limiterStore: LimiterStore;
  /** Whether queries may read from replicas (docs/deployment.md, "Read replicas"); unset = always the primary. */
  routesReads?: boolean;
}

export interface GatewayServer {
  server: ApolloServer<GatewayContext>;
  deps: GatewayDeps;
  /** Context for one request, from the Authorization header (throws UNAUTHENTICATED). */
  /** `address`: the socket's peer; an anonymous caller is then known by its keyed hash (addressKey). */
  contextFromAuthorization(
    authorization: string | undefined,
    requestId?: string,
    address?: string,
  ): Promise<GatewayContext>;
  contextFor(viewer: Principal, requestId?: string): GatewayContext;
  stop(): Promise<void>;
}

/**
 * An ApolloGateway that sends nothing to Apollo: by default it exports usage telemetry to
 * Apollo and probes cloud metadata endpoints to describe its host. A government data hub
 * makes no such calls (set APOLLO_TELEMETRY_DISABLED=false explicitly to allow them).
 * `passThrough` (GATEWAY_PASS_THROUGH): single-fetch queries get the subgraph's answer as it is
 * (pass-through.ts).
 */
export function createApolloGateway(
  config: ConstructorParameters<typeof PassThroughGateway>[0],
  passThrough: boolean,
): ApolloGateway {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  return passThrough ? new PassThroughGateway(config) : new ApolloGateway(config);
}

/** Request counts and latency per operation, and a structured log line for failures. */
function observability(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, contextValue, operationName }) {
          const operation = operationName ?? request.operationName ?? 'anonymous';
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const outcome = errors?.length ? String(errors[0].extensions?.code ?? 'ERROR') : 'ok';
          requestCounter.inc({ operation, outcome });
          requestDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          if (outcome !== 'ok')
            logger.info({ requestId: contextValue?.requestId, operation, outcome }, 'request refused or failed');
        },
      };
    },
  };
}

/**
 * The client-facing Apollo server over a gateway (in-process or remote subgraphs): error
 * formatting, production hardening, query limits, metrics. The same for every deployment.
 */
export async function startGatewayServer(gateway: ApolloGateway, deps: GatewayDeps): Promise<GatewayServer> {
  const production = deps.config.production;
  const protection = armor(production);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    // `serve` handles SIGINT/SIGTERM itself (src/cli/serve.ts): requests first, then the hub, then the database.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => formatClientError(formatted, error, { production, logger: deps.logger }),
    validationRules: protection.validationRules,
    parseOptions: PARSE_OPTIONS,
    plugins: [
      ...protection.plugins,
      listLengthLimit(deps.config.limits.maxListLength),
      unsafeTextGuard(),
      registeredOperations(deps.tokens),
      observability(deps.logger),
      responseLanguage(),
      readRoutingPlugin(new ReadRouting(deps.routesReads ?? false, deps.config.replicas.stickySeconds)),
      // Apollo's landing page loads Sandbox from a CDN; browsers get the hub's own explorer (explorer.ts).
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();
  const contextFor = (viewer: Principal, requestId: string = randomUUID()): GatewayContext => ({
    viewer,
    requestId,
    subgraphContexts: new Map(),
  });
  return {
    server,
    deps,
    contextFor,
    async contextFromAuthorization(authorization, requestId, address) {
      const context = contextFor(await deps.tokens.principalFromHeader(authorization), requestId);
      if (!context.viewer.authenticated) context.addressKey = clientAddressKey(deps.config.gatewaySecret, address);
      return context;
    },
    async stop() {
      await server.stop();
      await deps.limiterStore.close();
    },
  };
}
