import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal';
import { HubError } from '../common/errors';
import type { GatewayServer } from './server';
import { BodyTooLarge, readBody, sendJson } from './http-util';
import { createDashboardHandler, DASHBOARD_PATH } from './dashboard';
import { INTERNAL_MESSAGE } from './format-error';
import { AuthFailureLimiter } from './auth-failures';
import { metricsOnMainPort } from './metrics-route';

export { BodyTooLarge, readBody, sendJson };

function errorBody(error: GraphQLError) {
  return { errors: [{ message: error.message, extensions: error.extensions }] };
}

/** A GET route beside /graphql, for the caller its bearer token names (PUBLIC without one). */
export type AuthenticatedRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  viewer: Principal,
) => Promise<void>;

/**
 * The hub's HTTP front: /graphql (Apollo's HTTP handling), /health (alive), /ready
 * (can serve), /metrics (Prometheus, as metrics-route.ts allows), /dashboard (the monitoring page, see dashboard.ts),
 * and the authenticated `routes` a deployment adds (the in-process hub: /export/sgs.csv).
 * Bodies over the limit are refused before parsing; each client (token subject, or address
 * when anonymous) has a request budget per minute, checked before anything executes, and
 * each address a budget of failed authentications (auth-failures.ts). The budgets are per
 * process: behind several gateway replicas, size them per replica.
 */
export function createHttpServer(hub: GatewayServer, routes: Record<string, AuthenticatedRoute> = {}): http.Server {
  const { limits } = hub.deps.config;
  const dashboard = createDashboardHandler(hub.deps.config);
  const limiter = new RateLimiterMemory({ points: limits.ratePerMinute, duration: 60 });
  const authFailures = new AuthFailureLimiter(limits.authFailuresPerMinute);
  const metrics = metricsOnMainPort(hub.deps.config);
  /** The client's request budget, shared by /graphql and the other routes. */
  const consume = async (viewer: Principal, req: IncomingMessage, res: ServerResponse) => {
    const client = viewer.authenticated ? `client:${viewer.clientId}` : `ip:${req.socket.remoteAddress}`;
    try {
      await limiter.consume(client);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      res.setHeader('retry-after', String(Math.ceil(error.msBeforeNext / 1000)));
      throw new HubError('RATE_LIMITED', `rate limit of ${limits.ratePerMinute} requests per minute exceeded`, {
        http: { status: 429 },
      });
    }
  };
  /** Same authentication as /graphql: a bad token is 401, never silently PUBLIC. */
  const authenticated = async (route: AuthenticatedRoute, req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' });
    let viewer: Principal;
    try {
      const verify = () => hub.deps.tokens.principalFromHeader(req.headers.authorization);
      viewer = await authFailures.verify(req.socket.remoteAddress, res, verify);
      await consume(viewer, req, res);
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
      return sendJson(res, status, errorBody(error));
    }
    return route(req, res, url, viewer);
  };
  const graphql = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const text = await readBody(req, limits.maxBodyBytes);
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          sendJson(
            res,
            400,
            errorBody(new GraphQLError('Request body is not valid JSON', { extensions: { code: 'BAD_REQUEST' } })),
          );
          return;
        }
      } else {
        body = text;
      }
    }
    const response = await hub.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: url.search, body },
      context: async () => {
        const verify = () => hub.contextFromAuthorization(req.headers.authorization, requestId);
        const context = await authFailures.verify(req.socket.remoteAddress, res, verify);
        await consume(context.viewer, req, res);
        return context;
      },
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.setHeader('x-request-id', requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (url.pathname === '/graphql') return graphql(req, res, url);
      if (Object.hasOwn(routes, url.pathname)) return authenticated(routes[url.pathname], req, res, url);
      if (url.pathname === DASHBOARD_PATH || url.pathname.startsWith(`${DASHBOARD_PATH}/`))
        return dashboard(req, res, url);
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        const state = await hub.deps.readiness();
        return sendJson(res, state.ready ? 200 : 503, {
          status: state.ready ? 'ready' : 'not ready',
          detail: state.detail,
        });
      }
      if (url.pathname === '/metrics') return metrics(req, res);
      sendJson(res, 404, { error: 'not found' });
    };
    handle().catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendJson(
          res,
          413,
          errorBody(
            new GraphQLError(`Request body exceeds ${limits.maxBodyBytes} bytes`, {
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          ),
        );
        return;
      }
      hub.deps.logger.error({ err: error }, 'unhandled HTTP error');
      if (!res.headersSent)
        sendJson(res, 500, { errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
}
