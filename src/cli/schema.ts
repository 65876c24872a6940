import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import { composeSupergraph } from '../gateway/compose';
import { buildSubgraphs } from '../gateway/hub';

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');

/** The SDL files schema/ must hold: one per subgraph and the composed supergraph. */
export async function generateSchemaFiles(): Promise<Map<string, string>> {
  const subgraphs = await buildSubgraphs();
  const files = new Map<string, string>();
  for (const { module, sdl } of subgraphs) files.set(`${module.name}.graphql`, `${sdl.trim()}\n`);
  const supergraph = composeSupergraph(subgraphs.map(({ module, sdl }) => ({ name: module.name, sdl })));
  files.set('supergraph.graphql', `${supergraph.trim()}\n`);
  return files;
}

export async function writeSchemaFiles(dir = SCHEMA_DIR): Promise<string[]> {
  const files = await generateSchemaFiles();
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) fs.writeFileSync(path.join(dir, name), content);
  return [...files.keys()];
}
