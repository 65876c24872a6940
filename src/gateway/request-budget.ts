import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal';
import { HubError } from '../common/errors';
import type { HubConfig } from '../config';
import { AuthFailureLimiter } from './auth-failures';
import type { Limiter, LimiterStore } from './limiter-store';
import { clientAddress } from '../common/forwarded';
import { sendJson } from './http-util';
import type { GatewayServer } from './server';

/** A GET route beside /graphql, for the caller its bearer token names (PUBLIC without one). */
export type AuthenticatedRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  viewer: Principal,
) => Promise<void>;

export function errorBody(error: { message: string; extensions: Record<string, unknown> }) {
  return { errors: [{ message: error.message, extensions: error.extensions }] };
}

/**
 * Each client's request budget per minute (registered client, or address when anonymous), shared by
 * /graphql and the other routes, and each address's budget of failed authentications
 * (auth-failures.ts), both counted in `store` (RATE_LIMIT_STORE): per process by default, or in
 * PostgreSQL, where every gateway replica counts against the same budget (limiter-store.ts).
 */
export class RequestBudget {
  private readonly limiter: Limiter;
  readonly authFailures: AuthFailureLimiter;

  constructor(
    private readonly limits: HubConfig['limits'],
    store: LimiterStore,
  ) {
    this.limiter = store.limiter('requests', limits.ratePerMinute);
    this.authFailures = new AuthFailureLimiter(limits.authFailuresPerMinute, store);
  }

  /** The client's address: the socket's peer, or what a configured proxy forwards (common/forwarded.ts). */
  addressOf(req: IncomingMessage): string | undefined {
    return clientAddress(req, this.limits.trustedProxies);
  }

  /** Counts one request of `viewer`; over the budget: RATE_LIMITED (HTTP 429) with Retry-After. */
  async consume(viewer: Principal, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const client = viewer.authenticated ? `client:${viewer.clientId}` : `ip:${this.addressOf(req)}`;
    try {
      await this.limiter.consume(client);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      res.setHeader('retry-after', String(Math.ceil(error.msBeforeNext / 1000)));
      throw new HubError('RATE_LIMITED', `rate limit of ${this.limits.ratePerMinute} requests per minute exceeded`, {
        http: { status: 429 },
      });
    }
  }

  /** Verifies the bearer token (a bad one is 401, never silently PUBLIC) and counts the request. */
  async admit<T extends { viewer: Principal }>(
    req: IncomingMessage,
    res: ServerResponse,
    verify: () => Promise<T>,
  ): Promise<T> {
    const admitted = await this.authFailures.verify(this.addressOf(req), res, verify);
    await this.consume(admitted.viewer, req, res);
    return admitted;
  }
}

/** Serves `route` with the same authentication and budget as /graphql; GET only. */
export function authenticated(hub: GatewayServer, budget: RequestBudget, route: AuthenticatedRoute) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' });
    let viewer: Principal;
    try {
      ({ viewer } = await budget.admit(req, res, async () => ({
        viewer: await hub.deps.tokens.principalFromHeader(req.headers.authorization),
      })));
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
      return sendJson(res, status, errorBody(error));
    }
    return route(req, res, url, viewer);
  };
}
