// The query explorer: GraphiQL, bundled with everything it loads by build.mjs, so the page
// asks nothing of another origin. The hub serves it at GET /graphql (src/gateway/explorer.ts).
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import './explorer.css';

const ASSETS = '/explorer';
const TOKEN_KEY = 'credit-hub.explorer.token';
const VIEWER_KEY = 'credit-hub.explorer.viewer';

// Monaco's workers, built beside this file (classic scripts: no module workers needed).
globalThis.MonacoEnvironment = {
  getWorker(_id, label) {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(`${ASSETS}/${name}.worker.js`);
  },
};

/** Adds the picked development token unless the headers editor sets Authorization itself. */
function withToken(fetcher) {
  return (params, options = {}) => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const typed = Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
    const headers = token && !typed ? { ...options.headers, authorization: `Bearer ${token}` } : options.headers;
    return fetcher(params, { ...options, headers });
  };
}

function showViewer(label, id) {
  const shown = document.getElementById('explorer-viewer');
  shown.textContent = `当前身份：${label}`;
  shown.dataset.viewer = id;
  for (const button of document.querySelectorAll('#dev-viewers button'))
    button.setAttribute('aria-pressed', String(button.dataset.viewer === id));
}

async function pick(id, label) {
  if (id === '') {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(VIEWER_KEY);
    return showViewer(label, '');
  }
  const response = await fetch('/dashboard/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ viewer: id }),
  });
  if (!response.ok) throw new Error(`development token refused: HTTP ${response.status}`);
  const { token } = await response.json();
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(VIEWER_KEY, JSON.stringify({ id, label }));
  showViewer(label, id);
}

function viewerButton(id, label) {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.viewer = id;
  button.textContent = label;
  button.addEventListener('click', () => pick(id, label).catch((error) => showViewer(String(error), '')));
  return button;
}

/** The demo viewers of development mode (the dashboard's picker routes), one click each. */
async function offerDevelopmentTokens() {
  const response = await fetch('/dashboard/dev/viewers');
  if (!response.ok) return;
  const { viewers } = await response.json();
  const nav = document.getElementById('dev-viewers');
  nav.append(viewerButton('', '匿名 (PUBLIC)'), ...viewers.map((viewer) => viewerButton(viewer.id, viewer.label)));
  nav.hidden = false;
  const saved = JSON.parse(sessionStorage.getItem(VIEWER_KEY) ?? 'null');
  showViewer(saved?.label ?? '匿名 (PUBLIC)', saved?.id ?? '');
}

/** The tabs it opens with: `?query=` first (a shared link), then the examples. */
function defaultTabs(examples) {
  const query = new URLSearchParams(location.search).get('query');
  const tabs = examples.map((example) => ({ query: example.query }));
  return query ? [{ query }, ...tabs] : tabs;
}

async function main() {
  const settings = await (await fetch(`${ASSETS}/config.json`)).json();
  if (settings.devLogin) await offerDevelopmentTokens();
  const fetcher = withToken(createGraphiQLFetcher({ url: settings.endpoint }));
  const root = document.getElementById('graphiql');
  root.textContent = '';
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      defaultTabs: defaultTabs(settings.examples),
      defaultEditorToolsVisibility: true,
    }),
  );
}

main().catch((error) => {
  document.getElementById('graphiql').textContent = `查询浏览器无法启动 (the explorer failed to start): ${error}`;
});
