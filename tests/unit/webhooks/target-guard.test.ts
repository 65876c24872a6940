import { checkedTarget, isGlobalUnicast, privateTargetOf } from '../../../src/subgraphs/records/webhooks/target-guard';

describe('webhook target guard: global unicast only', () => {
  it.each([
    // IPv4 special-purpose ranges
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '0.1.2.3',
    '198.18.0.1',
    '198.19.255.254',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '192.0.0.8',
    '192.0.2.10',
    '198.51.100.7',
    '203.0.113.10',
    '192.88.99.1',
    // IPv6 loopback, unspecified, ULA, link-local, multicast, documentation, discard
    '::1',
    '::',
    'fd00::1',
    'fc00::1',
    'fe80::1',
    'ff02::1',
    'ff05::2',
    '2001:db8::1',
    '100::1',
    'fec0::1',
    // IPv4 inside IPv6
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::127.0.0.1',
    '::7f00:1',
    '::8.8.8.8',
    '::ffff:0:127.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::a00:1',
    '64:ff9b:1::808:808',
    '2002:7f00:1::1',
    '2002:c0a8:101::1',
    // Teredo: server 8.8.8.8 with client 127.0.0.1 (inverted: 80ff:fffe), and a private server
    '2001:0:808:808::80ff:fffe',
    '2001:0:a00:1::f7f7:f7f7',
  ])('%s is refused', (address) => {
    expect(isGlobalUnicast(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '1.1.1.1',
    '114.114.114.114',
    '198.20.0.1',
    '223.255.255.1',
    '2400:3200::1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '2001:0:808:808::f7f7:f7f7', // Teredo: server 8.8.8.8, client 8.8.8.8
  ])('%s is accepted', (address) => {
    expect(isGlobalUnicast(address)).toBe(true);
  });

  it('is not fooled by non-addresses', () => {
    expect(isGlobalUnicast('example.org')).toBe(false);
    expect(isGlobalUnicast('')).toBe(false);
  });

  it('checks literal hosts without resolving, and every address a name resolves to', async () => {
    const resolve = jest.fn(async (host: string) =>
      host === 'inside.example' ? ['8.8.4.4', '10.0.0.5'] : ['8.8.8.8'],
    );
    expect(await privateTargetOf('http://127.0.0.1:8080/x', resolve)).toBe('127.0.0.1');
    expect(await privateTargetOf('http://[::1]/x', resolve)).toBe('::1');
    expect(await privateTargetOf('http://[::127.0.0.1]/x', resolve)).toBe('::7f00:1');
    expect(await privateTargetOf('http://[64:ff9b::7f00:1]/x', resolve)).toBe('64:ff9b::7f00:1');
    expect(await privateTargetOf('http://198.18.0.1/x', resolve)).toBe('198.18.0.1');
    expect(await privateTargetOf('https://1.1.1.1/hook', resolve)).toBeNull();
    expect(resolve).not.toHaveBeenCalled();
    expect(await privateTargetOf('https://inside.example/hook', resolve)).toBe('10.0.0.5');
    expect(await privateTargetOf('https://tender.example/hook', resolve)).toBeNull();
  });

  it('the checked target is the address deliveries connect to; a name with any inside address is refused', async () => {
    const resolve = async (host: string) =>
      host === 'mixed.example' ? ['8.8.4.4', '127.0.0.1'] : ['8.8.8.8', '8.8.4.4'];
    await expect(checkedTarget('https://tender.example/hook', false, resolve)).resolves.toEqual({
      address: '8.8.8.8',
      family: 4,
    });
    await expect(checkedTarget('https://mixed.example/hook', false, resolve)).rejects.toThrow(
      /non-public address 127\.0\.0\.1/,
    );
    await expect(checkedTarget('https://mixed.example/hook', true, resolve)).resolves.toEqual({
      address: '8.8.4.4',
      family: 4,
    });
    await expect(checkedTarget('http://[::1]:9/hook', true, resolve)).resolves.toEqual({ address: '::1', family: 6 });
  });
});
