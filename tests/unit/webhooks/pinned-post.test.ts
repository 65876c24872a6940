import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pinnedPost } from '../../../src/subgraphs/records/webhooks/pinned-post';

/** The dispatcher connects to the address it checked, whatever the name resolves to at send time. */
describe('pinnedPost', () => {
  let server: http.Server;
  let port: number;
  const seen: { host?: string; body: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ host: req.headers.host, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reaches the checked address for a name DNS does not know, keeping the Host header', async () => {
    // `.invalid` never resolves (RFC 6761): the request can only have gone to the pinned address.
    const status = await pinnedPost(
      `http://hooks.rebind.invalid:${port}/x`,
      { address: '127.0.0.1', family: 4 },
      '{"a":1}',
      { 'content-type': 'application/json' },
      2000,
    );
    expect(status).toBe(204);
    expect(seen.at(-1)).toEqual({ host: `hooks.rebind.invalid:${port}`, body: '{"a":1}' });
  });

  it('does not go elsewhere when the pinned address is another one', async () => {
    // A name that resolves to the receiver (localhost), pinned to an address where nothing listens.
    const before = seen.length;
    await expect(
      pinnedPost(`http://localhost:${port}/x`, { address: '127.0.0.2', family: 4 }, '{}', {}, 2000),
    ).rejects.toThrow(/ECONNREFUSED 127\.0\.0\.2/);
    expect(seen.length).toBe(before);
  });
});
