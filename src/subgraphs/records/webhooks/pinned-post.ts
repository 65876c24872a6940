import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './target-guard';

/**
 * POSTs `body` to `url` over a connection to `target.address` and nowhere else: the socket's
 * `lookup` answers with the checked address whatever the name resolves to now, while the
 * Host header and TLS SNI/certificate check keep the URL's name. Redirects are not followed
 * (the registered URL is the only place deliveries go). Resolves with the status code once
 * the response is drained (its content is not kept).
 */
export function pinnedPost(
  url: string,
  target: CheckedTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<number> {
  const parsed = new URL(url);
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      parsed,
      {
        method: 'POST',
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
        // A fresh connection per delivery: a pooled socket could have been opened to another address.
        agent: false,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        response.on('error', reject);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
