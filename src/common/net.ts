import net from 'node:net';
import type http from 'node:http';

/** A TCP port free on loopback right now (the OS picks it), for tests, benchmarks and embedded servers. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Keeps idle keep-alive connections open longer than the clients in front of the hub do
 * (undici and browsers drop theirs after a few seconds, load balancers after 60), so the
 * client closes an idle connection, never the server at the moment a request arrives on it:
 * Node's default of 5 s resets such requests (ECONNRESET) whenever a busy client is late to
 * notice. headersTimeout must exceed it, or Node cuts the headers of a reused connection.
 */
export function outlastClientIdleTimeouts<T extends http.Server>(server: T): T {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
