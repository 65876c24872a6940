import { createHash, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { HubConfig } from '../config';
import type { Logger } from '../common/logger';
import { registry } from '../common/metrics';
import { sendJson } from './http-util';

/**
 * Who may read /metrics (Prometheus; request counts per operation, pool use, SQL counts —
 * a map of the hub's use). METRICS_PORT: only on that port, which the network keeps to the
 * monitoring system; METRICS_TOKEN: with `Authorization: Bearer <token>` (on either port).
 * Production with neither: not served. Development with neither: served to anyone.
 */
export type MetricsAccess = 'separate-port' | 'token' | 'open' | 'off';

export function metricsAccessOnMainPort(config: HubConfig): MetricsAccess {
  if (config.metrics.port) return 'separate-port';
  if (config.metrics.token) return 'token';
  return config.production ? 'off' : 'open';
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
  if (!match) return false;
  // Digests compared in constant time: neither length nor content leaks through timing.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

async function sendMetrics(req: IncomingMessage, res: ServerResponse, token: string | undefined): Promise<void> {
  if (token && !bearerMatches(req, token)) {
    res.setHeader('www-authenticate', 'Bearer realm="metrics"');
    return sendJson(res, 401, { error: '需要 METRICS_TOKEN (metrics need the bearer token)' });
  }
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  res.end(await registry.metrics());
}

/** /metrics on the port that serves the API (gateway or subgraph service), as the access policy says. */
export function metricsOnMainPort(config: HubConfig): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const access = metricsAccessOnMainPort(config);
  return async (req, res) => {
    if (access === 'off' || access === 'separate-port') return sendJson(res, 404, { error: 'not found' });
    return sendMetrics(req, res, access === 'token' ? config.metrics.token : undefined);
  };
}

/** The METRICS_PORT listener (same interface as the API), serving /metrics only; null without METRICS_PORT. */
export async function startMetricsServer(config: HubConfig, logger: Logger): Promise<http.Server | null> {
  if (!config.metrics.port) return null;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/metrics') return sendJson(res, 404, { error: 'not found' });
    sendMetrics(req, res, config.metrics.token).catch((error: unknown) => {
      logger.error({ err: error }, 'metrics failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'metrics failed' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metrics.port, config.host, resolve);
  });
  logger.info({ port: config.metrics.port }, 'metrics served on their own port');
  return server;
}
