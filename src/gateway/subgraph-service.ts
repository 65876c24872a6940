import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { GatewaySigner } from '../auth/gateway-signature';
import { PRINCIPAL_HEADER } from '../auth/gateway-signature';
import { createRequestContext } from '../common/context';
import { HubError } from '../common/errors';
import { preferredLanguage } from '../common/language';
import type { HubServices } from '../services';
import type { SubgraphModule } from '../common/subgraph';
import { DocumentCache, executeSubgraph } from './execute-subgraph';
import { SubgraphExecutor } from './jit-executor';
import { databaseReadiness } from './hub';
import { BodyTooLarge, readBody, sendJson } from './http-util';
import { INTERNAL_MESSAGE } from './format-error';
import { metricsOnMainPort } from './metrics-route';
import type { ServiceRoute } from './directory-route';
import { outlastClientIdleTimeouts } from '../common/net';

/** POST /graphql of a subgraph service: only gateway-signed requests, executed as the in-process data source does. */
async function graphqlRoute(module: SubgraphModule, services: HubServices, signer: GatewaySigner) {
  const { schema } = await module.build();
  const documents = new DocumentCache(schema);
  const executor = new SubgraphExecutor(schema);
  const refuse = (res: http.ServerResponse, status: number, error: HubError) =>
    sendJson(res, status, { errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });

  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== 'POST') return refuse(res, 405, new HubError('BAD_USER_INPUT', 'POST only'));
    let body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      body = JSON.parse(await readBody(req, services.config.limits.maxBodyBytes));
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return refuse(res, 413, new HubError('QUERY_TOO_COMPLEX', 'request body too large'));
      return refuse(res, 400, new HubError('BAD_USER_INPUT', 'request body is not JSON'));
    }
    let caller;
    try {
      caller = await signer.verify(req.headers[PRINCIPAL_HEADER] as string | undefined, body);
    } catch (error) {
      return refuse(res, 401, error as HubError);
    }
    const document = documents.get(body.query ?? '');
    if (!('kind' in document)) {
      return sendJson(res, 400, {
        errors: document.map((e) => ({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })),
      });
    }
    const requestId = caller.requestId || (req.headers['x-request-id'] as string | undefined) || randomUUID();
    // The gateway forwards the caller's language (src/gateway/language.ts).
    const language = preferredLanguage(req.headers['accept-language'] as string | undefined);
    const result = await executeSubgraph({
      executor,
      document,
      variableValues: body.variables,
      operationName: body.operationName,
      clientOperationName: req.headers['x-client-operation'] as string | undefined,
      context: module.createContext(
        createRequestContext(services, caller.principal, requestId, language, caller.addressKey, caller.readsFrom),
      ),
    });
    sendJson(res, 200, { data: result.data, errors: result.errors?.map((e) => e.toJSON()) });
  };
}

/**
 * One subgraph as its own HTTP service, for the split deployment. It answers only requests
 * signed by the gateway (the principal travels in PRINCIPAL_HEADER, bound to the request),
 * executes them exactly as the in-process data source does (executeSubgraph: access log
 * written before the answer leaves), and has its own /health, /ready and /metrics; `routes`
 * adds internal endpoints (the subjects service's directory, directory-route.ts).
 */
export async function createSubgraphService(
  module: SubgraphModule,
  services: HubServices,
  signer: GatewaySigner,
  routes: Record<string, ServiceRoute> = {},
): Promise<http.Server> {
  const graphql = await graphqlRoute(module, services, signer);
  const metrics = metricsOnMainPort(services.config);
  return outlastClientIdleTimeouts(
    http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const handle = async () => {
        if (path === '/graphql') return graphql(req, res);
        if (Object.hasOwn(routes, path)) return routes[path](req, res);
        if (path === '/health') return sendJson(res, 200, { status: 'ok', subgraph: module.name });
        if (path === '/ready') {
          const state = await databaseReadiness(services);
          return sendJson(res, state.ready ? 200 : 503, {
            status: state.ready ? 'ready' : 'not ready',
            detail: state.detail,
          });
        }
        if (path === '/metrics') return metrics(req, res);
        sendJson(res, 404, { error: 'not found' });
      };
      handle().catch((error: unknown) => {
        services.logger.error({ err: error, subgraph: module.name }, 'unhandled subgraph error');
        if (!res.headersSent)
          sendJson(res, 500, {
            errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          });
        else res.end();
      });
    }),
  );
}
