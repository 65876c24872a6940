import type http from 'node:http';
import { PRINCIPAL_HEADER, type GatewaySigner } from '../auth/gateway-signature';
import type { Principal } from '../auth/principal';
import { CLIENT_ERROR_CODES, HubError } from '../common/errors';
import { directoryCalls } from '../common/metrics';
import { signedPart, toWireError, type DirectoryCall, type DirectoryAnswer } from '../common/remote-subject-directory';
import type { HubServices } from '../services';
import type { DirectoryEntry, SubjectDirectory } from '../common/subject-directory';
import { selfKeyOf } from '../identity/subject-keys';
import { INTERNAL_MESSAGE } from './format-error';
import { BodyTooLarge, readBody, sendJson } from './http-util';

/** What an HTTP handler of a subgraph service looks like (besides /graphql). */
export type ServiceRoute = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

const CALLS = new Set<DirectoryCall['call']>(['resolve', 'lookup', 'describe', 'list']);

function refuse(res: http.ServerResponse, status: number, error: HubError): void {
  sendJson(res, status, { error: toWireError(error) });
}

/** One call, on the registry's own directory; `visible` judged for the signed principal. */
function answer(directory: SubjectDirectory, body: DirectoryCall, principal: Principal, services: HubServices) {
  switch (body.call) {
    case 'resolve':
      return directory.resolve(body.args.references, { register: body.args.register });
    case 'lookup':
      return directory.lookup(
        body.args.keys,
        body.args.visible ? { viewer: principal, selfKey: selfKeyOf(principal, services.keys) } : undefined,
      );
    case 'describe':
      return directory.describe(body.args.ids);
    case 'list':
      return directory.list({ kinds: body.args.kinds, regionPrefix: body.args.regionPrefix });
  }
}

async function readCall(req: http.IncomingMessage, limit: number): Promise<DirectoryCall | HubError> {
  try {
    const body = JSON.parse(await readBody(req, limit)) as DirectoryCall;
    if (!CALLS.has(body?.call) || typeof body.args !== 'object' || body.args === null)
      return new HubError('BAD_USER_INPUT', 'not a directory call');
    return body;
  } catch (error) {
    if (error instanceof BodyTooLarge) return new HubError('QUERY_TOO_COMPLEX', 'request body too large');
    return new HubError('BAD_USER_INPUT', 'request body is not JSON');
  }
}

/**
 * The subject directory as the subjects service offers it to the records and archives
 * services of a split deployment (src/common/remote-subject-directory.ts is the client):
 * `POST /internal/directory`, signed with GATEWAY_SECRET for the directory's audience and
 * bound to the call. HTTP 200 carries the registry's answer — its entries or its refusal
 * (BAD_USER_INPUT with index and field, CONFLICT) — other statuses a failed channel.
 */
export function directoryRoute(services: HubServices, signer: GatewaySigner): ServiceRoute {
  return async (req, res) => {
    if (req.method !== 'POST') return refuse(res, 405, new HubError('BAD_USER_INPUT', 'POST only'));
    const body = await readCall(req, services.config.limits.maxBodyBytes);
    if (body instanceof HubError) return refuse(res, body.extensions.code === 'QUERY_TOO_COMPLEX' ? 413 : 400, body);
    let principal: Principal;
    try {
      ({ principal } = await signer.verify(req.headers[PRINCIPAL_HEADER] as string | undefined, signedPart(body)));
    } catch (error) {
      return refuse(res, 401, error as HubError);
    }
    try {
      const entries: DirectoryEntry[] = await answer(
        services.subjectDirectory(services.orm.em.fork()),
        body,
        principal,
        services,
      );
      directoryCalls.inc({ call: body.call, outcome: 'ok' });
      sendJson(res, 200, { entries } satisfies DirectoryAnswer);
    } catch (error) {
      const code = error instanceof HubError ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR';
      directoryCalls.inc({ call: body.call, outcome: code });
      if (error instanceof HubError && CLIENT_ERROR_CODES.has(code))
        return sendJson(res, 200, { error: toWireError(error) } satisfies DirectoryAnswer);
      services.logger.error({ err: error, call: body.call }, 'subject directory call failed');
      refuse(res, 500, new HubError('INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE));
    }
  };
}
