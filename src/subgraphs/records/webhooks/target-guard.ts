import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may point unless WEBHOOK_ALLOW_PRIVATE_TARGETS: global unicast only. The
 * hub runs inside a government network, and a client system registering
 * `http://10.0.0.5/admin` would otherwise make the hub POST into it (SSRF). Ranges come from
 * ipaddr.js (IANA special-purpose registries): anything it does not call `unicast` is refused
 * (loopback, private, CGNAT, link-local, multicast, broadcast, benchmark 198.18/15,
 * documentation, 240/4, 0/8, 192.0.0/24, ULA, discard, …). IPv6 forms that carry an IPv4
 * address are judged by that address: IPv4-mapped, NAT64 64:ff9b::/96, 6to4 and Teredo.
 * IPv4-compatible (::/96, deprecated), IPv4-translated (::ffff:0:0:0/96) and the local-use
 * NAT64 prefix 64:ff9b:1::/48 reach nothing public and are refused outright.
 */
export function isGlobalUnicast(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // WHATWG URL canonicalization writes a dotted tail in hex (::127.0.0.1 → ::7f00:1), which
  // ipaddr.js would otherwise read as IPv4-mapped.
  const parsed = ipaddr.parse(family === 6 ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded === null) return false;
  if (embedded.length > 0) return embedded.every((v4) => v4.range() === 'unicast');
  return v6.range() === 'unicast';
}

/** The inverse, for callers that ask "is this inside?". */
export function isPrivateAddress(address: string): boolean {
  return !isGlobalUnicast(address);
}

/** IPv4 addresses an IPv6 address stands for ([] = none), or null when its form is refused whatever it embeds. */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const p = v6.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const range = v6.range();
  if (range === 'ipv4Mapped') return [v4(p[6], p[7])];
  if (range === 'rfc6052') return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 ? [v4(p[6], p[7])] : null;
  if (range === '6to4') return [v4(p[1], p[2])];
  // Teredo: server address in bits 32-63, client address inverted in the last 32 bits.
  if (range === 'teredo') return [v4(p[2], p[3]), v4(~p[6] & 0xffff, ~p[7] & 0xffff)];
  if (range === 'rfc6145') return null;
  if (p.slice(0, 6).every((part) => part === 0)) return null; // ::/96 IPv4-compatible (and :: and ::1)
  return [];
}

export interface CheckedTarget {
  /** The address deliveries connect to: the one that was checked. */
  address: string;
  family: 4 | 6;
}

/** Host of a URL without IPv6 brackets. */
export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
}

/**
 * The first address of the URL's host that is not global unicast, or null. Names are
 * resolved (all addresses): checked when a webhook is registered.
 */
export async function privateTargetOf(
  url: string,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<string | null> {
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await resolve(host);
  return addresses.find(isPrivateAddress) ?? null;
}

export class TargetRefused extends Error {}

/**
 * Resolves the URL's host once and picks the address a delivery connects to. Unless
 * `allowPrivate`, every address the name has must be global unicast (a name with one inside
 * address is refused as a whole). The caller connects to exactly this address, so a DNS
 * answer that changes between this check and the connection (rebinding) cannot redirect it.
 */
export async function checkedTarget(
  url: string,
  allowPrivate: boolean,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<CheckedTarget> {
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await resolve(host);
  if (addresses.length === 0) throw new TargetRefused(`refused: ${host} has no address`);
  const inside = allowPrivate ? undefined : addresses.find(isPrivateAddress);
  if (inside) throw new TargetRefused(`refused: ${host} resolves to the non-public address ${inside}`);
  return { address: addresses[0], family: isIP(addresses[0]) as 4 | 6 };
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}
