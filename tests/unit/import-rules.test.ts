import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The one-way dependencies drawn in docs/architecture.md, checked on every relative import of
 * src/ (type-only imports included: a type is a dependency too).
 */
const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const RECORDS = 'src/subgraphs/records';

/** Shared infrastructure: imports nothing of the subgraphs, the gateway, the CLI or the seeds. */
const INFRASTRUCTURE = ['src/common', 'src/db', 'src/identity', 'src/auth', 'src/audit', 'src/config'];
const COMPOSITION = ['src/subgraphs', 'src/gateway', 'src/cli', 'src/seed', 'src/runtime.ts'];

/** Which records capabilities each may import (besides itself and the subgraph's shell files). */
const CAPABILITY_DEPENDENCIES: Record<string, string[]> = {
  policy: [],
  findings: ['policy'],
  lists: ['findings', 'policy', 'lifecycle', 'consequences'],
  status: ['findings', 'lists', 'policy'],
  disclosure: ['findings', 'policy'],
  lifecycle: [],
  workflows: ['findings', 'lists', 'status', 'policy', 'lifecycle', 'consequences'],
  monitoring: ['findings', 'lists', 'status', 'policy', 'lifecycle'],
  webhooks: ['findings', 'lists', 'policy', 'lifecycle'],
  cadre: ['findings', 'lists', 'status', 'policy', 'workflows'],
  supervision: ['lists', 'policy'],
  consequences: ['lifecycle', 'policy'],
  reports: ['findings', 'lists', 'status', 'policy', 'workflows', 'monitoring'],
};
/** What the core and the workflows may call to notify in the writer's own transaction. */
const SAME_TRANSACTION_NOTIFIERS = [
  `${RECORDS}/webhooks/outbox.ts`,
  `${RECORDS}/webhooks/events.ts`,
  `${RECORDS}/webhooks/watch-scope.ts`,
  `${RECORDS}/monitoring/warning.raise.ts`,
];
const NOTIFYING_CAPABILITIES = ['findings', 'lists', 'workflows', 'supervision', 'consequences'];
/** The subgraph's shell: vocabulary every capability uses, and the files that compose them. */
const SHELL_VOCABULARY = ['enums.ts', 'subject.stub.ts', 'capability.ts', 'context.ts', 'loaders.ts'];

interface Import {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function resolveImport(fromFile: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(ROOT, candidate);
  }
  return null;
}

function allImports(): Import[] {
  return sourceFiles(SRC).flatMap((file) =>
    ts
      .preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
      .importedFiles.filter((imported) => imported.fileName.startsWith('.'))
      .map((imported) => ({ from: path.relative(ROOT, file), to: resolveImport(file, imported.fileName) }))
      .filter((edge): edge is Import => edge.to !== null),
  );
}

const within = (file: string, area: string) => file === area || file.startsWith(`${area}/`);
const capabilityOf = (file: string): string | null =>
  within(file, RECORDS) ? (path.relative(RECORDS, file).split('/').length > 1 ? file.split('/')[3] : null) : null;
const subgraphOf = (file: string): string | null => (within(file, 'src/subgraphs') ? file.split('/')[2] : null);

/** The import breaks a rule: returns the rule, or null when it is allowed. */
function brokenRule({ from, to }: Import): string | null {
  if (INFRASTRUCTURE.some((area) => within(from, area)) && COMPOSITION.some((area) => within(to, area)))
    return 'shared infrastructure imports nothing of the subgraphs, gateway, CLI or seeds';
  const [fromSubgraph, toSubgraph] = [subgraphOf(from), subgraphOf(to)];
  if (fromSubgraph && (within(to, 'src/gateway') || within(to, 'src/cli') || within(to, 'src/seed')))
    return 'a subgraph does not import the gateway, the CLI or the seeds';
  if (fromSubgraph && toSubgraph && fromSubgraph !== toSubgraph)
    return 'subgraphs meet only through federation and src/common';
  const [fromCapability, toCapability] = [capabilityOf(from), capabilityOf(to)];
  if (!fromCapability || !toCapability || fromCapability === toCapability) return null;
  if (CAPABILITY_DEPENDENCIES[fromCapability]?.includes(toCapability)) return null;
  if (NOTIFYING_CAPABILITIES.includes(fromCapability) && SAME_TRANSACTION_NOTIFIERS.includes(to)) return null;
  return `records/${fromCapability} may import only ${CAPABILITY_DEPENDENCIES[fromCapability]?.join(', ') || 'nothing'} of the other capabilities`;
}

describe('import rules (docs/architecture.md)', () => {
  const imports = allImports();

  it('reads the imports of every source file', () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some((edge) => edge.from === `${RECORDS}/findings/record.service.ts`)).toBe(true);
  });

  it('every capability folder of records is in the dependency table', () => {
    const folders = fs
      .readdirSync(path.join(ROOT, RECORDS), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(Object.keys(CAPABILITY_DEPENDENCIES).sort());
  });

  it('the shell of the records subgraph is what the table says', () => {
    const files = fs
      .readdirSync(path.join(ROOT, RECORDS), { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
    expect(files.sort()).toEqual([...SHELL_VOCABULARY, 'index.ts', 'permissions.ts', 'README.md'].sort());
  });

  it('no import breaks a rule', () => {
    const broken = imports.flatMap((edge) => {
      const rule = brokenRule(edge);
      return rule ? [`${edge.from} -> ${edge.to}: ${rule}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('the rule catches an import against the direction', () => {
    expect(
      brokenRule({ from: `${RECORDS}/findings/record.service.ts`, to: `${RECORDS}/status/standing.ts` }),
    ).not.toBeNull();
    expect(
      brokenRule({ from: `${RECORDS}/workflows/context.ts`, to: `${RECORDS}/monitoring/warning.entity.ts` }),
    ).not.toBeNull();
    expect(
      brokenRule({ from: 'src/common/context.ts', to: 'src/subgraphs/subjects/subject.entity.ts' }),
    ).not.toBeNull();
    expect(brokenRule({ from: 'src/subgraphs/archives/archive.service.ts', to: `${RECORDS}/enums.ts` })).not.toBeNull();
    expect(
      brokenRule({ from: `${RECORDS}/findings/record.service.ts`, to: `${RECORDS}/webhooks/outbox.ts` }),
    ).toBeNull();
  });
});
