/** When the dispatcher tries again after a failed attempt (docs/webhooks.md, "Retries"). */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Exponential back-off with jitter: after the n-th failed attempt wait base·2^(n−1), capped
 * at maxDelayMs, then a random point in its upper half ("equal jitter") so that receivers
 * coming back after an outage are not hit by every hub process at the same instant.
 * null: no attempt left, the delivery is FAILED.
 */
export function retryDelayMs(
  failedAttempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (failedAttempts >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
