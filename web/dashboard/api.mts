/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The page's client of the hub: the same /graphql endpoint every client system uses, with
 * the viewer's bearer token. Operations are named (Dashboard*) so the hub's metrics and
 * logs tell the page's traffic apart (the operations are in operations.mts). Requests ask
 * for the page's language (Accept-Language), so the hub's error messages match it.
 */
import { language, text } from './i18n.mjs';

const TOKEN_KEY = 'credit-hub.dashboard.token';
const VIEWER_KEY = 'credit-hub.dashboard.viewer';

export interface Viewer {
  /** The organization's name, or the token's subject: shown after the role's name. */
  label: string;
  role: string;
  regionPrefix: string;
}

/** How the page names a viewer, in its language: role, then organization or token subject. */
export function viewerTitle(viewer: Viewer): string {
  return `${text().roles[viewer.role] ?? viewer.role} · ${viewer.label}`;
}

export interface Session {
  token: string;
  viewer: Viewer;
}

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const viewer = sessionStorage.getItem(VIEWER_KEY);
  if (!token || !viewer) return null;
  try {
    return { token, viewer: JSON.parse(viewer) as Viewer };
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, session.token);
  sessionStorage.setItem(VIEWER_KEY, JSON.stringify(session.viewer));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(VIEWER_KEY);
}

/** Division-code prefix of a `region` claim, as the hub reads it (src/identity/division.ts jurisdictionPrefix). */
function jurisdictionPrefix(region: string): string {
  let prefix = region;
  if (prefix.length === 6) while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/**
 * What the page shows about a pasted token: its unverified claims, for the label and the
 * default region only. The hub verifies the token on every request.
 */
export function viewerFromToken(token: string): Viewer {
  const part = token.split('.')[1];
  if (!part) throw new Error(text().notJwt);
  let claims: { role?: unknown; region?: unknown; sub?: unknown };
  try {
    claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw new Error(text().unreadablePayload);
  }
  const role = typeof claims.role === 'string' ? claims.role : 'UNKNOWN';
  const region = typeof claims.region === 'string' && /^\d{0,6}$/.test(claims.region) ? claims.region : '';
  return {
    label: typeof claims.sub === 'string' ? claims.sub : 'token',
    role,
    regionPrefix: jurisdictionPrefix(region),
  };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Runs one named operation; a GraphQL error becomes an ApiError with the hub's error code. */
export async function graphql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const operationName = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': language(),
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ operationName, query, variables }),
  });
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(text().httpWithoutJson(response.status), 'HTTP_ERROR', response.status);
  }
  if (body.errors?.length) {
    const [first] = body.errors;
    throw new ApiError(first.message, first.extensions?.code ?? 'ERROR', response.status);
  }
  if (!body.data) throw new ApiError(text().httpWithoutData(response.status), 'HTTP_ERROR', response.status);
  return body.data;
}

export interface DevViewer extends Viewer {
  id: string;
  organization?: string;
}

/** The demo viewers of the development login, or null when the hub is not in development mode (404). */
export async function devViewers(): Promise<DevViewer[] | null> {
  const response = await fetch('/dashboard/dev/viewers');
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(text().devLoginFailed(response.status));
  return ((await response.json()) as { viewers: DevViewer[] }).viewers;
}

export async function devToken(id: string): Promise<Session> {
  const response = await fetch('/dashboard/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ viewer: id }),
  });
  const body = (await response.json()) as { token?: string; viewer?: DevViewer; error?: string };
  if (!response.ok || !body.token || !body.viewer)
    throw new Error(body.error ?? text().devLoginFailed(response.status));
  const { id: subject, organization, role, regionPrefix } = body.viewer;
  return { token: body.token, viewer: { label: organization ?? subject, role, regionPrefix } };
}
