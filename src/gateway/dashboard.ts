import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Role } from '../auth/roles';
import { issueDevelopmentToken } from '../auth/tokens';
import { PROJECT_ROOT } from '../common/paths';
import { developmentTokens, type HubConfig } from '../config';
import { jurisdictionPrefix } from '../identity';
import { demoTokenClaims } from '../seed/demo';
import { demoSubjects } from '../seed/demo-subjects';
import { BodyTooLarge, readBody, sendJson, sendStaticFile } from './http-util';

export const DASHBOARD_PATH = '/dashboard';

/**
 * Where the page's files come from: HTML, CSS and images as written (web/dashboard), the
 * scripts as `npm run build` compiles them (dist/web/dashboard). The extension decides the
 * directory, so sources (.mts) are never served.
 */
const FILE_TYPES: Record<string, { type: string; built: boolean }> = {
  '.html': { type: 'text/html; charset=utf-8', built: false },
  '.css': { type: 'text/css; charset=utf-8', built: false },
  '.svg': { type: 'image/svg+xml', built: false },
  '.png': { type: 'image/png', built: false },
  '.mjs': { type: 'text/javascript; charset=utf-8', built: true },
  '.map': { type: 'application/json; charset=utf-8', built: true },
};

/** A single file name: no directory part, no leading dot. Anything else is not ours. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)+$/;

// The page loads its scripts, styles and data from this origin only.
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The development login picker is offered only while tokens are signed with the built-in, public development key. */
export function devLoginEnabled(config: HubConfig): boolean {
  return developmentTokens(config);
}

const ROLE_LABELS: Record<Role, string> = {
  [Role.PUBLIC]: 'Public',
  [Role.PROCUREMENT]: 'Procurement',
  [Role.TENDERING]: 'Tendering and bidding',
  [Role.INVESTMENT]: 'Investment promotion',
  [Role.DEBT]: 'Government debt (DEBT)',
  [Role.ORG_DEPT]: 'Organization department',
  [Role.DISCIPLINE]: 'Discipline inspection',
  [Role.COURT]: 'Court',
  [Role.CREDIT_OFFICE]: 'Credit office',
  [Role.SUBJECT]: 'Subject self-service',
};

export interface DevViewer {
  id: string;
  role: Role;
  label: string;
  organization?: string;
  region?: string;
  regionPrefix: string;
}

/** The demo viewers the picker offers: the same claims as the start-up banner's development tokens. */
export function devViewers(): {
  viewers: DevViewer[];
  claims: Map<string, ReturnType<typeof demoTokenClaims>[number]>;
} {
  const { all, named } = demoSubjects();
  const names = new Map(all.map((subject) => [subject.code, subject.name]));
  const claims = demoTokenClaims(named);
  return {
    viewers: claims.map((c) => ({
      id: c.sub,
      role: c.role,
      label: `${ROLE_LABELS[c.role]} · ${(c.org && names.get(c.org)) ?? c.sub}`,
      organization: c.org && names.get(c.org),
      region: c.region,
      regionPrefix: jurisdictionPrefix(c.region ?? ''),
    })),
    claims: new Map(claims.map((c) => [c.sub, c])),
  };
}

function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: 'not found' });
}

async function devLogin(req: IncomingMessage, res: ServerResponse, config: HubConfig, endpoint: string): Promise<void> {
  if (!devLoginEnabled(config)) return notFound(res);
  const { viewers, claims } = devViewers();
  if (endpoint === 'viewers') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
    res.setHeader('cache-control', 'no-store');
    return sendJson(res, 200, { viewers });
  }
  if (endpoint !== 'token') return notFound(res);
  if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
  let viewerId: unknown;
  try {
    viewerId = (JSON.parse(await readBody(req, 4096)) as { viewer?: unknown }).viewer;
  } catch (error) {
    if (error instanceof BodyTooLarge) throw error;
    return sendJson(res, 400, { error: 'body must be JSON: {"viewer": "<id>"}' });
  }
  const chosen = typeof viewerId === 'string' ? claims.get(viewerId) : undefined;
  if (!chosen) return sendJson(res, 400, { error: `unknown viewer; one of ${[...claims.keys()].join(', ')}` });
  const token = await issueDevelopmentToken(config.jwt.secret!, {
    ...chosen,
    issuer: config.jwt.issuer,
    expiresIn: '8h',
  });
  res.setHeader('cache-control', 'no-store');
  sendJson(res, 200, { token, viewer: viewers.find((v) => v.id === chosen.sub) });
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow);
  sendJson(res, 405, { error: 'method not allowed' });
}

/**
 * Serves the monitoring page under /dashboard: its static files, and in development the
 * demo-viewer login (`dev/viewers`, `dev/token`), which answers 404 otherwise (the query
 * explorer's token picker uses it too). Files are revalidated on every load (sendStaticFile).
 */
export function createDashboardHandler(config: HubConfig, root: string = PROJECT_ROOT) {
  const sourceDir = path.join(root, 'web', 'dashboard');
  const builtDir = path.join(root, 'dist', 'web', 'dashboard');
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (url.pathname === DASHBOARD_PATH) {
      res.writeHead(301, { location: `${DASHBOARD_PATH}/${url.search}` });
      res.end();
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(DASHBOARD_PATH.length + 1));
    } catch {
      return sendJson(res, 400, { error: 'malformed path' });
    }
    if (name.startsWith('dev/')) return devLogin(req, res, config, name.slice('dev/'.length));
    if (name === '') name = 'index.html';
    const kind = FILE_NAME.test(name) ? FILE_TYPES[path.extname(name)] : undefined;
    // Source maps are a development aid: production serves none (the Docker image has none either).
    if (!kind || (config.production && name.endsWith('.map'))) return notFound(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
    const dir = kind.built ? builtDir : sourceDir;
    const file = path.resolve(dir, name);
    if (path.dirname(file) !== dir) return notFound(res); // belt and braces: FILE_NAME already allows no separator
    const headers: Record<string, string> = { 'content-type': kind.type };
    if (name.endsWith('.html')) headers['content-security-policy'] = PAGE_POLICY;
    if (!(await sendStaticFile(req, res, file, headers))) notFound(res);
  };
}
