import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { readBody, sendJson } from './http-util';
import { errorBody, type RequestBudget } from './request-budget';
import { statusForMediaType } from './response-status';
import type { GatewayServer } from './server';
import { inCallerLanguage } from './language';

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

class MalformedJson extends Error {}

/** A POST body: parsed JSON for `application/json`, the text for anything else (Apollo refuses what it cannot read). */
async function requestBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const text = await readBody(req, maxBytes);
  if (!(req.headers['content-type'] ?? '').includes('application/json')) return text;
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new MalformedJson();
  }
}

async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse, requestId: string): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.setHeader('x-request-id', requestId);
  const status = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.statusCode = statusForMediaType(status, response.headers.get('content-type'), response.body.string);
    res.end(response.body.string);
    return;
  }
  res.statusCode = status;
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * /graphql through Apollo's HTTP handling: the body read within MAX_BODY_BYTES, the caller
 * authenticated and counted against its budget before anything executes, and the status set
 * as the GraphQL-over-HTTP spec asks for the answer's media type (response-status.ts).
 */
export function graphqlRoute(hub: GatewayServer, budget: RequestBudget) {
  const { limits } = hub.deps.config;
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    let body: unknown;
    try {
      body = await requestBody(req, limits.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof MalformedJson)) throw error;
      const refusal = {
        message: '请求体不是有效的 JSON (request body is not valid JSON)',
        extensions: { code: 'BAD_REQUEST' },
      };
      return sendJson(res, 400, errorBody(refusal));
    }
    const response = await hub.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers: headerMap(req), search: url.search, body },
      context: () =>
        inCallerLanguage(req.headers['accept-language'], () =>
          budget.admit(req, res, () =>
            hub.contextFromAuthorization(req.headers.authorization, requestId, budget.addressOf(req)),
          ),
        ),
    });
    await writeResponse(res, response, requestId);
  };
}
