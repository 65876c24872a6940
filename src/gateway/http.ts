import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { INTERNAL_MESSAGE } from './format-error';
import { createDashboardHandler, DASHBOARD_PATH } from './dashboard';
import { createExplorerHandler, EXPLORER_ASSETS, wantsExplorer } from './explorer';
import { graphqlRoute } from './graphql-route';
import { BodyTooLarge, readBody, sendJson } from './http-util';
import { metricsOnMainPort } from './metrics-route';
import { authenticated, errorBody, RequestBudget, type AuthenticatedRoute } from './request-budget';
import { reportRoutes } from './report-routes';
import type { GatewayServer } from './server';
import { outlastClientIdleTimeouts } from '../common/net';

export { BodyTooLarge, readBody, sendJson, type AuthenticatedRoute };

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

const under = (prefix: string, pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** /health (alive) and /ready (can serve: database reachable, migrations current). */
function probes(hub: GatewayServer): Record<string, Handler> {
  return {
    '/health': async (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': async (_req, res) => {
      const state = await hub.deps.readiness();
      sendJson(res, state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'not ready', detail: state.detail });
    },
  };
}

/** What a request that failed outside GraphQL gets: 413 for a body over the limit, else a logged 500. */
function failure(hub: GatewayServer, res: ServerResponse, error: unknown): void {
  if (error instanceof BodyTooLarge) {
    res.setHeader('connection', 'close');
    const { maxBodyBytes } = hub.deps.config.limits;
    const message = `请求体超过 ${maxBodyBytes} 字节 (request body exceeds ${maxBodyBytes} bytes)`;
    return sendJson(res, 413, errorBody({ message, extensions: { code: 'QUERY_TOO_COMPLEX' } }));
  }
  hub.deps.logger.error({ err: error }, 'unhandled HTTP error');
  if (res.headersSent) return void res.end();
  sendJson(res, 500, { errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

/**
 * The hub's HTTP front: /graphql (Apollo's HTTP handling, graphql-route.ts; a browser asking for
 * HTML gets the query explorer where it is on, explorer.ts), /health, /ready, /metrics
 * (Prometheus, as metrics-route.ts allows), /dashboard (the monitoring page, dashboard.ts), the credit report
 * pages and keys (report-routes.ts: /.well-known/credit-report-keys.json, /reports/…, /verify-report),
 * and the authenticated `routes` a deployment adds (the in-process hub: /export/sgs.csv).
 * Bodies over the limit are refused before parsing; each client has a request budget and each
 * address a budget of failed authentications, checked before anything executes (request-budget.ts).
 */
export function createHttpServer(hub: GatewayServer, routes: Record<string, AuthenticatedRoute> = {}): http.Server {
  const { config } = hub.deps;
  const budget = new RequestBudget(config.limits, hub.deps.limiterStore);
  const graphql = graphqlRoute(hub, budget);
  const explorer = createExplorerHandler(config);
  const dashboard = createDashboardHandler(config);
  const metrics = metricsOnMainPort(config);
  const reports = reportRoutes(hub);
  const fixed: Record<string, Handler> = {
    ...probes(hub),
    '/metrics': (req, res) => metrics(req, res),
    ...reports.keys,
  };
  const gets = { ...reports.authenticated, ...routes };
  const route = (req: IncomingMessage, url: URL): Handler | undefined => {
    if (url.pathname === '/graphql') return explorer && wantsExplorer(req, url) ? explorer : graphql;
    if (Object.hasOwn(gets, url.pathname)) return authenticated(hub, budget, gets[url.pathname]);
    if (under(DASHBOARD_PATH, url.pathname)) return dashboard;
    if (explorer && under(EXPLORER_ASSETS, url.pathname)) return explorer;
    return Object.hasOwn(fixed, url.pathname) ? fixed[url.pathname] : undefined;
  };
  return outlastClientIdleTimeouts(
    http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const handler = route(req, url);
      if (!handler) return sendJson(res, 404, { error: 'not found' });
      handler(req, res, url).catch((error: unknown) => failure(hub, res, error));
    }),
  );
}
