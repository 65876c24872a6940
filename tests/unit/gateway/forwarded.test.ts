import type { IncomingMessage } from 'node:http';
import { clientAddress, parseTrustedProxies } from '../../../src/common/forwarded';
import { ConfigError, loadConfig } from '../../../src/config';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

/** The client address: X-Forwarded-For only from a configured proxy, never by default. */
describe('client address behind proxies', () => {
  it('is the socket peer without TRUSTED_PROXIES, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('10.0.0.5', '1.2.3.4'), [])).toBe('10.0.0.5');
  });

  it('is the right-most untrusted forwarded entry when the peer is a trusted proxy', () => {
    const proxies = parseTrustedProxies('10.0.0.0/24, ::1');
    expect(clientAddress(request('10.0.0.5', '9.9.9.9, 1.2.3.4'), proxies)).toBe('1.2.3.4');
    expect(clientAddress(request('::ffff:10.0.0.5', '9.9.9.9, 1.2.3.4, 10.0.0.6'), proxies)).toBe('1.2.3.4');
    expect(clientAddress(request('::1', '2001:db8::7'), proxies)).toBe('2001:db8::7');
    // A peer outside the list: its header is the client's own claim.
    expect(clientAddress(request('10.0.1.5', '1.2.3.4'), proxies)).toBe('10.0.1.5');
    // Nothing usable forwarded: the proxy itself.
    expect(clientAddress(request('10.0.0.5'), proxies)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', 'garbage'), proxies)).toBe('10.0.0.5');
  });

  it('refuses a TRUSTED_PROXIES entry that is neither an address nor a range', () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.1, proxy.local' })).toThrow(ConfigError);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1' }).limits.trustedProxies).toHaveLength(1);
  });
});
