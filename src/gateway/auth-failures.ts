import type { ServerResponse } from 'node:http';
import { HubError } from '../common/errors';
import type { Limiter, LimiterStore } from './limiter-store';

/**
 * Failed authentications per address (AUTH_FAILURES_PER_MINUTE): each UNAUTHENTICATED (bad,
 * expired, forged token) counts against the caller's address, and once an address has used
 * up its failures for the minute, its requests are RATE_LIMITED (HTTP 429) before any token
 * is verified — guessing or replaying tokens costs the hub a look-up (a map, or one indexed
 * row), not a signature check. Counted where the request budget counts (RATE_LIMIT_STORE: this process, or shared by
 * the replicas); the address is the client's (common/forwarded.ts).
 */
export class AuthFailureLimiter {
  private readonly failures: Limiter;

  constructor(
    private readonly perMinute: number,
    store: LimiterStore,
  ) {
    this.failures = store.limiter('auth-failures', perMinute);
  }

  /** Runs `verify` unless the address is locked out; an UNAUTHENTICATED from it counts as a failure. */
  async verify<T>(address: string | undefined, res: ServerResponse, verify: () => Promise<T>): Promise<T> {
    const key = address ?? 'unknown';
    const state = await this.failures.get(key);
    if (state && state.consumedPoints >= this.perMinute) {
      res.setHeader('retry-after', String(Math.max(1, Math.ceil(state.msBeforeNext / 1000))));
      throw new HubError(
        'RATE_LIMITED',
        `认证失败次数过多，请稍后再试 (more than ${this.perMinute} failed authentications per minute from this address)`,
        {
          http: { status: 429 },
        },
      );
    }
    try {
      return await verify();
    } catch (error) {
      if (error instanceof HubError && error.extensions.code === 'UNAUTHENTICATED') await this.failures.penalty(key);
      throw error;
    }
  }
}
