import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Hub } from './hub';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function errorBody(error: GraphQLError) {
  return { errors: [{ message: error.message, extensions: error.extensions }] };
}

/** The hub's HTTP front: /graphql (Apollo's HTTP handling), /health. */
export function createHttpServer(hub: Hub): http.Server {
  const graphql = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const text = await readBody(req, MAX_BODY_BYTES);
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          sendJson(res, 400, errorBody(new GraphQLError('Request body is not valid JSON', { extensions: { code: 'BAD_REQUEST' } })));
          return;
        }
      } else {
        body = text;
      }
    }
    const response = await hub.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: url.search, body },
      context: () => hub.contextFromAuthorization(req.headers.authorization, requestId),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.setHeader('x-request-id', requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (url.pathname === '/graphql') return graphql(req, res, url);
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      sendJson(res, 404, { error: 'not found' });
    };
    handle().catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, errorBody(new GraphQLError(`Request body exceeds ${MAX_BODY_BYTES} bytes`, { extensions: { code: 'QUERY_TOO_COMPLEX' } })));
        return;
      }
      hub.services.logger.error({ err: error }, 'unhandled HTTP error');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
}
