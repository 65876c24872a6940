import { isPrivateAddress, privateTargetOf } from '../../../src/subgraphs/records/notifications/target-guard';

describe('webhook target guard', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.10', true],
    ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true], ['::1', true], ['::', true], ['fd00::1', true],
    ['fe80::1', true], ['::ffff:127.0.0.1', true], ['::ffff:10.0.0.1', true],
    ['172.32.0.1', false], ['203.0.113.10', false], ['8.8.8.8', false], ['2001:db8::1', false], ['::ffff:8.8.8.8', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('checks literal hosts without resolving, and every address a name resolves to', async () => {
    const resolve = jest.fn(async (host: string) => (host === 'inside.example' ? ['203.0.113.7', '10.0.0.5'] : ['203.0.113.8']));
    expect(await privateTargetOf('http://127.0.0.1:8080/x', resolve)).toBe('127.0.0.1');
    expect(await privateTargetOf('http://[::1]/x', resolve)).toBe('::1');
    expect(await privateTargetOf('https://203.0.113.10/hook', resolve)).toBeNull();
    expect(resolve).not.toHaveBeenCalled();
    expect(await privateTargetOf('https://inside.example/hook', resolve)).toBe('10.0.0.5');
    expect(await privateTargetOf('https://tender.example/hook', resolve)).toBeNull();
  });
});
