import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

/** A configured proxy: one address or a CIDR range, parsed once. */
export type TrustedProxy = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const trimmed = text.trim();
  if (!ipaddr.isValid(trimmed)) return null;
  const parsed = ipaddr.parse(trimmed);
  // '::ffff:10.0.0.1' (how Node reports IPv4 peers on a dual-stack socket) compares as 10.0.0.1.
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/** TRUSTED_PROXIES: comma-separated addresses or CIDR ranges; throws on anything else. */
export function parseTrustedProxies(list: string | undefined): TrustedProxy[] {
  return (list ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      if (ipaddr.isValidCIDR(part)) return ipaddr.parseCIDR(part);
      const address = parseAddress(part);
      if (!address) throw new Error(`TRUSTED_PROXIES: "${part}" is neither an address nor a CIDR range`);
      return [address, address.kind() === 'ipv4' ? 32 : 128] as TrustedProxy;
    });
}

function trusted(address: ipaddr.IPv4 | ipaddr.IPv6, proxies: TrustedProxy[]): boolean {
  return proxies.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
}

/**
 * The client's address: the socket's peer, unless that peer is a configured proxy — then the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy (entries left of it are
 * the client's own claims). With no TRUSTED_PROXIES, X-Forwarded-For is never read.
 */
export function clientAddress(req: IncomingMessage, proxies: TrustedProxy[]): string | undefined {
  const peer = req.socket.remoteAddress;
  const parsedPeer = peer ? parseAddress(peer) : null;
  if (proxies.length === 0 || !parsedPeer || !trusted(parsedPeer, proxies)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').reverse();
  for (const hop of hops) {
    const address = parseAddress(hop);
    if (!address) return peer;
    if (!trusted(address, proxies)) return address.toString();
  }
  return peer;
}
