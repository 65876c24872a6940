import { PRINCIPAL_HEADER, type GatewaySigner } from '../auth/gateway-signature';
import { PUBLIC_PRINCIPAL, type Principal } from '../auth/principal';
import type { SubjectKind } from './subject-kind';
import { ConflictError, ForbiddenError, HubError, InputError, NotFoundError, type ErrorCode } from './errors';
import type {
  DirectoryCaller,
  DirectoryEntry,
  DirectoryViewer,
  SubjectDirectory,
  SubjectReference,
} from './subject-directory';

/**
 * The subject directory of a split deployment: the subjects service's internal API
 * (`POST /internal/directory`, served by src/gateway/directory-route.ts), on the gateway-signed
 * channel. One request per directory call, whatever the number of codes or ids; the registry
 * applies its own visibility rule there, to the signed principal.
 */
export const DIRECTORY_PATH = '/internal/directory';
/** A directory token is good for the directory only: a subgraph refuses it, and the directory a subgraph's. */
export const DIRECTORY_AUDIENCE = 'credit-hub-directory';
const TIMEOUT_MS = 10_000;

/** One directory call on the wire. */
export type DirectoryCall =
  | { call: 'resolve'; args: { references: SubjectReference[]; register: boolean } }
  | { call: 'lookup'; args: { keys: string[]; visible: boolean } }
  | { call: 'describe'; args: { ids: string[] } }
  | { call: 'list'; args: { kinds: SubjectKind[]; regionPrefix: string } };

export interface WireError {
  code: ErrorCode;
  message: string;
  extensions: Record<string, unknown>;
}

/** HTTP 200: the registry's entries, or its refusal (BAD_USER_INPUT with index and field, CONFLICT, …). */
export type DirectoryAnswer = { entries: DirectoryEntry[] } | { error: WireError };

/** What the signature covers: the whole call (the signer's digest is over `query` and `variables`). */
export function signedPart(body: DirectoryCall): { query: string; variables: unknown } {
  return { query: body.call, variables: body.args };
}

export function toWireError(error: HubError): WireError {
  const { code, ...extensions } = error.extensions as { code: ErrorCode } & Record<string, unknown>;
  return { code, message: error.message, extensions };
}

/** The same error class the registry threw, so callers that catch InputError or ForbiddenError still do. */
export function fromWireError({ code, message, extensions }: WireError): HubError {
  if (code === 'BAD_USER_INPUT') return new InputError(message, extensions);
  if (code === 'FORBIDDEN') return new ForbiddenError(message, extensions);
  if (code === 'CONFLICT') return new ConflictError(message, extensions);
  if (code === 'NOT_FOUND') return new NotFoundError(message, extensions);
  return new HubError(code, message, extensions);
}

export class RemoteSubjectDirectory implements SubjectDirectory {
  constructor(
    /** Base URL of the subjects service, e.g. http://subjects:4000. */
    private readonly baseUrl: string,
    private readonly signer: GatewaySigner,
    private readonly caller: DirectoryCaller = { viewer: PUBLIC_PRINCIPAL, requestId: '' },
  ) {}

  resolve(references: SubjectReference[], options: { register: boolean }): Promise<DirectoryEntry[]> {
    if (references.length === 0) return Promise.resolve([]);
    return this.ask({ call: 'resolve', args: { references, register: options.register } });
  }

  /** With `visibleTo`, the registry judges visibility for that viewer, the principal this call is signed for. */
  lookup(keys: string[], visibleTo?: DirectoryViewer): Promise<DirectoryEntry[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.ask({ call: 'lookup', args: { keys, visible: !!visibleTo } }, visibleTo?.viewer);
  }

  describe(ids: string[]): Promise<DirectoryEntry[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ask({ call: 'describe', args: { ids } });
  }

  list(filter: { kinds: SubjectKind[]; regionPrefix: string }): Promise<DirectoryEntry[]> {
    if (filter.kinds.length === 0) return Promise.resolve([]);
    return this.ask({ call: 'list', args: { kinds: filter.kinds, regionPrefix: filter.regionPrefix } });
  }

  private async ask(body: DirectoryCall, viewer: Principal = this.caller.viewer): Promise<DirectoryEntry[]> {
    const { requestId } = this.caller;
    const token = await this.signer.sign(viewer, requestId, signedPart(body));
    const response = await fetch(`${this.baseUrl}${DIRECTORY_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: token, 'x-request-id': requestId },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // HTTP 200 is the registry's answer (entries, or its own refusal); anything else is the channel failing.
    const answer = (await response.json().catch(() => null)) as DirectoryAnswer | null;
    if (response.status !== 200 || !answer)
      throw new Error(`subject directory ${body.call}: the subjects service answered HTTP ${response.status}`);
    if ('error' in answer) throw fromWireError(answer.error);
    return answer.entries;
  }
}
