import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures (docs/webhooks.md): HMAC-SHA256 with the subscriber's secret over
 * `timestamp + "." + body`, sent as `X-CreditHub-Signature: v1=<hex>` with the Unix
 * timestamp in `X-CreditHub-Timestamp`. Signing the timestamp lets a receiver refuse
 * replays of an old delivery; signing the exact body bytes refuses tampering.
 */
export const SIGNATURE_VERSION = 'v1';

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * For receivers (and the tests): true when `signature` (the header value; several
 * comma-separated `v1=` entries are accepted, e.g. during a secret rotation) is a valid
 * signature of `timestamp.body` and the timestamp is within `toleranceSeconds` of `nowMs`.
 * Pure: no I/O, constant-time comparison.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  toleranceSeconds: number,
  nowMs: number = Date.now(),
): boolean {
  if (!secret || !/^\d{1,12}$/.test(timestamp ?? '') || typeof body !== 'string' || !signature) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).slice(SIGNATURE_VERSION.length + 1), 'hex');
  return signature.split(',').some((entry) => {
    const [version, hex] = entry.trim().split('=', 2);
    if (version !== SIGNATURE_VERSION || !hex || !/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
}
