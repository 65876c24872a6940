import { createHmac } from 'node:crypto';

/** Prefix of an address key, so it can never be taken for a token subject or client id. */
const PREFIX = 'addr:';
const SHAPE = /^addr:[A-Za-z0-9_-]{43}$/;

/**
 * The anonymous caller's client address as the gateway hands it to the subgraphs: a keyed hash
 * (HMAC-SHA256 under the gateway secret), never the address itself. Keyed because the IPv4
 * space is small enough to reverse a plain hash; stable for one secret, so the records subgraph
 * can count one anonymous reporter's complaints per day (complaint caps, docs/workflows.md).
 * The address is the client's as clientAddress (common/forwarded.ts) finds it: the socket's peer,
 * or behind a proxy named in TRUSTED_PROXIES the client it forwarded for.
 */
export function clientAddressKey(secret: string, address: string | undefined): string {
  const mac = createHmac('sha256', secret)
    .update('client-address\u0000')
    .update(address ?? 'unknown')
    .digest('base64url');
  return `${PREFIX}${mac}`;
}

/** Whether `value` has the shape of an address key (what a subgraph accepts on the signed channel). */
export function isClientAddressKey(value: unknown): value is string {
  return typeof value === 'string' && SHAPE.test(value);
}
