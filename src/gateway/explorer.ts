import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import type { HubConfig } from '../config';
import { devLoginEnabled } from './dashboard';
import { loadExplorerExamples } from './explorer-examples';
import { sendJson, sendStaticFile } from './http-util';

/** URL path of the explorer's scripts, styles, workers and settings; the page itself is GET /graphql. */
export const EXPLORER_ASSETS = '/explorer';

/** The bundle `npm run build` writes (web/explorer/build.mjs), by extension. */
const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.[A-Za-z0-9]+$/;

// Everything from this origin. GraphiQL and its Monaco editor set inline styles (sizes, colours),
// hence 'unsafe-inline' for styles only; no script runs that is not a file served here.
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A browser opening /graphql: a GET whose Accept puts HTML first (API clients ask for JSON, curl for anything). */
export function wantsExplorer(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const first = (req.headers.accept ?? '').split(',')[0].split(';')[0].trim().toLowerCase();
  return url.pathname === '/graphql' && first === 'text/html';
}

/**
 * The query explorer (GraphiQL, bundled from npm at build time: nothing comes from another
 * origin, so it works on an offline network): the page at GET /graphql for browsers, its files
 * under /explorer/, and /explorer/config.json with the examples it opens with (the client
 * contract's operations, explorer-examples.ts) and whether the development token picker is
 * offered (development keys only; it uses the dashboard's /dashboard/dev/ routes). Undefined
 * where EXPLORER is off (production's default): /graphql then answers browsers as any client.
 */
export function createExplorerHandler(config: HubConfig, root: string = PROJECT_ROOT) {
  if (!config.explorer) return undefined;
  const page = path.join(root, 'web', 'explorer', 'index.html');
  const builtDir = path.join(root, 'dist', 'web', 'explorer');
  const settings = { endpoint: '/graphql', devLogin: devLoginEnabled(config), examples: loadExplorerExamples(root) };
  const notFound = (res: ServerResponse) => sendJson(res, 404, { error: 'not found' });
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, { error: 'method not allowed' });
    }
    if (url.pathname === '/graphql') {
      const headers = {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PAGE_POLICY,
        vary: 'accept',
      };
      if (!(await sendStaticFile(req, res, page, headers))) notFound(res);
      return;
    }
    const name = url.pathname.slice(EXPLORER_ASSETS.length + 1);
    if (name === 'config.json') {
      res.setHeader('cache-control', 'no-store');
      return sendJson(res, 200, settings);
    }
    const type = ASSET_NAME.test(name) ? ASSET_TYPES[path.extname(name)] : undefined;
    // Source maps are a development aid, as for the dashboard.
    if (!type || (config.production && name.endsWith('.map'))) return notFound(res);
    const file = path.resolve(builtDir, name);
    if (path.dirname(file) !== builtDir) return notFound(res);
    if (!(await sendStaticFile(req, res, file, { 'content-type': type }))) notFound(res);
  };
}
