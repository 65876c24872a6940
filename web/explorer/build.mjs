// Bundles the query explorer (main.mjs: GraphiQL, React, Monaco) and Monaco's workers into
// dist/web/explorer, from node_modules only: the page then loads nothing from another origin.
// Run by `npm run build`; the hub serves the result (src/gateway/explorer.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = path.join(root, 'dist', 'web', 'explorer');
const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  target: 'es2022',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { explorer: 'web/explorer/main.mjs' },
    format: 'esm',
    outdir,
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl', '.png': 'dataurl' },
  }),
  build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    format: 'iife',
    outdir,
  }),
]);
