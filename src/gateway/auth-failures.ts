import type { ServerResponse } from 'node:http';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { HubError } from '../common/errors';

/**
 * Failed authentications per address (AUTH_FAILURES_PER_MINUTE): each UNAUTHENTICATED (bad,
 * expired, forged token) counts against the caller's address, and once an address has used
 * up its failures for the minute, its requests are RATE_LIMITED (HTTP 429) before any token
 * is verified — guessing or replaying tokens costs the hub a map look-up, not a signature
 * check. Per process, like the request budget; the address is the TCP peer's.
 */
export class AuthFailureLimiter {
  private readonly failures: RateLimiterMemory;

  constructor(private readonly perMinute: number) {
    this.failures = new RateLimiterMemory({ points: perMinute, duration: 60 });
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
