import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type DefinitionNode } from 'graphql';
import { PROJECT_ROOT } from '../common/paths';
import { composeSupergraph } from '../gateway/compose';
import { buildSubgraphs } from '../gateway/hub';

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');

const TYPE_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
]);
const nameOf = (definition: DefinitionNode): string => ('name' in definition && definition.name?.value) || '';

/**
 * The SDL with its type definitions in name order, each as printed (schema and directive
 * definitions first): type-graphql prints types in the order their classes were loaded, so without this
 * moving a file would rewrite schema/ although the schema is the same.
 */
export function canonicalSdl(sdl: string): string {
  const definitions = parse(sdl).definitions;
  const head = definitions.filter((definition) => !TYPE_KINDS.has(definition.kind));
  const types = definitions
    .filter((definition) => TYPE_KINDS.has(definition.kind))
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const text = (definition: DefinitionNode) => sdl.slice(definition.loc?.start, definition.loc?.end);
  return `${[...head, ...types].map(text).join('\n\n')}\n`;
}

/** The SDL files schema/ must hold: one per subgraph and the composed supergraph. */
export async function generateSchemaFiles(): Promise<Map<string, string>> {
  const subgraphs = await buildSubgraphs();
  const files = new Map<string, string>();
  for (const { module, sdl } of subgraphs) files.set(`${module.name}.graphql`, canonicalSdl(sdl));
  const supergraph = composeSupergraph(subgraphs.map(({ module, sdl }) => ({ name: module.name, sdl })));
  files.set('supergraph.graphql', canonicalSdl(supergraph));
  return files;
}

export async function writeSchemaFiles(dir = SCHEMA_DIR): Promise<string[]> {
  const files = await generateSchemaFiles();
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) fs.writeFileSync(path.join(dir, name), content);
  return [...files.keys()];
}
