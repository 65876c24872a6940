import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, visit, type DocumentNode } from 'graphql';

/** One tab the explorer opens with: a title and a document GraphiQL can run as it is. */
export interface ExplorerExample {
  title: string;
  query: string;
}

/** README examples shown while there is no client contract folder; enough to start, not a catalogue. */
const README_EXAMPLES = 12;

function graphqlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return graphqlFiles(full);
      return entry.isFile() && entry.name.endsWith('.graphql') ? [full] : [];
    });
}

function parsed(text: string): DocumentNode | undefined {
  try {
    return parse(text);
  } catch {
    return undefined; // a file that does not parse is shown as written: GraphiQL marks the error
  }
}

/** Names of the fragments `document` spreads but does not define. */
function missingFragments(document: DocumentNode, available: Map<string, string>, seen = new Set<string>()): string[] {
  const defined = new Set<string>();
  const spread: string[] = [];
  visit(document, {
    FragmentDefinition: (node) => void defined.add(node.name.value),
    FragmentSpread: (node) => void spread.push(node.name.value),
  });
  const missing = spread.filter((name) => !defined.has(name) && !seen.has(name) && available.has(name));
  for (const name of missing) seen.add(name);
  // A fragment brought in may spread further fragments of its own.
  const nested = missing.flatMap((name) => missingFragments(parse(available.get(name)!), available, seen));
  return [...missing, ...nested];
}

/**
 * The client contract's operations (`clients/**\/*.graphql`), one tab per file, each with the
 * fragments of other files it uses appended so the tab runs on its own. Files holding only
 * fragments give no tab of their own.
 */
export function contractExamples(dir: string): ExplorerExample[] {
  const files = graphqlFiles(dir).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  const fragments = new Map<string, string>();
  for (const { text } of files) {
    for (const definition of parsed(text)?.definitions ?? []) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION && definition.loc)
        fragments.set(definition.name.value, text.slice(definition.loc.start, definition.loc.end));
    }
  }
  return files.flatMap(({ file, text }) => {
    const document = parsed(text);
    if (document && !document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) return [];
    const title = path.relative(dir, file);
    const appended = document ? missingFragments(document, fragments).map((name) => fragments.get(name)!) : [];
    return [{ title, query: [`# ${title}`, text.trimEnd(), ...appended].join('\n\n') + '\n' }];
  });
}

/** The fenced GraphQL examples of the README, in their order. */
export function readmeExamples(readme: string, limit = README_EXAMPLES): ExplorerExample[] {
  const blocks = [...readme.matchAll(/^```graphql\n([\s\S]*?)^```/gm)].map((match) => match[1].trim());
  return blocks.slice(0, limit).map((query, index) => ({ title: `README #${index + 1}`, query: `${query}\n` }));
}

/** What the explorer preloads: the client contract once `clients/` exists, else the README's examples. */
export function loadExplorerExamples(root: string): ExplorerExample[] {
  const clients = path.join(root, 'clients');
  if (fs.existsSync(clients) && fs.statSync(clients).isDirectory()) {
    const examples = contractExamples(clients);
    if (examples.length > 0) return examples;
  }
  const readme = path.join(root, 'README.md');
  return fs.existsSync(readme) ? readmeExamples(fs.readFileSync(readme, 'utf8')) : [];
}
