import http from 'node:http';

export interface LoopbackAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/**
 * A POST of `payload` to `${base}/graphql` from a chosen loopback address (127.0.0.0/8 is all loopback on Linux), on a
 * connection of its own: how tests play several anonymous callers, or one caller through several gateways.
 */
export function postGraphQLFrom(
  base: string,
  payload: { query: string; variables?: Record<string, unknown> },
  options: { from?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<LoopbackAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname,
        port,
        path: '/graphql',
        method: 'POST',
        localAddress: options.from ?? '127.0.0.1',
        agent: false,
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(payload));
  });
}
