import fs from 'node:fs';
import path from 'node:path';
import { allow, deny, type IRules } from 'graphql-shield';
import { CONDITIONS, describeCondition } from '../auth/conditions';
import { makePrincipal, PUBLIC_PRINCIPAL } from '../auth/principal';
import { ALL_ROLES, Role } from '../auth/roles';
import { PROJECT_ROOT } from '../common/paths';
import { SUBGRAPHS } from '../gateway/subgraphs';
import { loadListRules, type ListRules } from '../subgraphs/records/lists/list-rules';

/**
 * docs/permissions.md, generated from the permission tables themselves (`npm run schema`;
 * tests/schema/schema.test.ts fails when it is stale). Each entry's verdict per role is found
 * by running the rule with a probe context that holds only the caller's role (and the
 * configuration abilities read by role, see probeContext): a rule that
 * needs anything else (the object, the caller's own code, a loader) is marked as depending
 * on it, and its doc comment says who. Row rules come from doc comments tagged `@rowRule`.
 */
export const PERMISSIONS_DOC = path.join(PROJECT_ROOT, 'docs', 'permissions.md');
const SOURCE_ROOT = path.join(PROJECT_ROOT, 'src');

type Verdict = 'yes' | 'no' | 'depends';
/** graphql-shield exports its rule classes only as types: a rule is told apart by its shape. */
interface BaseRule {
  name?: string;
  func?: (...args: unknown[]) => unknown;
  getRules?: () => ShieldRule[];
}
type ShieldRule = BaseRule;
const logicOf = (rule: ShieldRule) => rule.constructor.name.replace(/^Rule/, '').toLowerCase();
const isRule = (value: unknown): value is ShieldRule =>
  typeof value === 'object' && value !== null && ('func' in value || 'getRules' in value);
const MARK: Record<Verdict, string> = { yes: '✓', no: '✗', depends: '○' };

class ProbeMiss extends Error {}

/** An object holding only `known`: reading anything else throws. */
function only(known: Record<string, unknown>): object {
  return new Proxy(known, {
    get(target, key) {
      if (typeof key === 'string' && key in target) return target[key];
      throw new ProbeMiss(String(key));
    },
  });
}

/**
 * A context holding only a caller of `role` (national jurisdiction, with or without an own
 * organization `org`, or no token for PUBLIC) and the configuration abilities read by role (the
 * list rules: who keeps a list, as the file in force says); reading anything else throws.
 */
function probeContext(role: Role, org?: string): object {
  const viewer =
    role === Role.PUBLIC ? PUBLIC_PRINCIPAL : makePrincipal({ sub: 'permission-matrix', role, region: '', org });
  return only({ viewer, services: only({ listRules: probeListRules() }), _shield: { cache: {} } });
}

let listRules: ListRules | undefined;
const probeListRules = () => (listRules ??= loadListRules());

const NO_PARENT = new Proxy(
  {},
  {
    get: () => {
      throw new ProbeMiss('parent');
    },
  },
);

async function probe(rule: ShieldRule, role: Role, org?: string): Promise<Verdict> {
  try {
    return (await rule.func!(NO_PARENT, {}, probeContext(role, org), undefined)) === true ? 'yes' : 'no';
  } catch {
    return 'depends';
  }
}

async function verdictOf(rule: ShieldRule, role: Role): Promise<Verdict> {
  if ((rule as unknown) === allow) return 'yes';
  if ((rule as unknown) === deny) return 'no';
  if (rule.func) {
    // A rule that asks whether the caller acts for its own organization holds for some tokens of
    // the role and not for others: it depends on who the caller is.
    const [without, withOrg] = await Promise.all([probe(rule, role), probe(rule, role, 'permission-matrix-org')]);
    return without === withOrg ? without : 'depends';
  }
  const parts = await Promise.all((rule.getRules?.() ?? []).map((part) => verdictOf(part, role)));
  switch (logicOf(rule)) {
    case 'not':
      return parts[0] === 'depends' ? 'depends' : parts[0] === 'yes' ? 'no' : 'yes';
    case 'or':
    case 'race':
      return parts.includes('yes') ? 'yes' : parts.includes('depends') ? 'depends' : 'no';
    default: // and, chain
      return parts.includes('no') ? 'no' : parts.includes('depends') ? 'depends' : 'yes';
  }
}

function nameOf(rule: ShieldRule): string {
  if ((rule as unknown) === allow) return 'allow';
  if ((rule as unknown) === deny) return 'deny';
  if (rule.func) return `\`${rule.name}\``;
  return `${logicOf(rule)}(${(rule.getRules?.() ?? []).map(nameOf).join(', ')})`;
}

interface DocComment {
  name: string;
  file: string;
  text: string;
  tags: string[];
  /** The first argument of the declaration's initializer call, when it is a string (a step right's name). */
  firstArgument?: string;
}

/** Doc comments of the exported declarations under src/, read with the TypeScript parser. */
function exportedDocComments(): DocComment[] {
  // Loaded here only: the generator runs in development (npm run schema, tests), where typescript is installed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts: typeof import('typescript') = require('typescript');
  const files = (fs.readdirSync(SOURCE_ROOT, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  const comments: DocComment[] = [];
  for (const relative of files) {
    const text = fs.readFileSync(path.join(SOURCE_ROOT, relative), 'utf8');
    if (!text.includes('rule(') && !text.includes('@rowRule') && !text.includes('@stepRight')) continue;
    const source = ts.createSourceFile(relative, text, ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      const names = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.map((d) => d.name.getText(source))
        : (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name
          ? [statement.name.text]
          : [];
      const docs = ts.getJSDocCommentsAndTags(statement).filter(ts.isJSDoc);
      if (names.length === 0 || docs.length === 0) continue;
      const doc = docs[docs.length - 1];
      const body = ts.getTextOfJSDocComment(doc.comment) ?? '';
      const tags = (doc.tags ?? []).map((tag) => tag.tagName.text);
      const initializer = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations[0].initializer
        : undefined;
      const [first] = initializer && ts.isCallExpression(initializer) ? initializer.arguments : [];
      comments.push({
        name: names[0],
        file: `src/${relative.split(path.sep).join('/')}`,
        text: body.replace(/\s*\n\s*/g, '\n').trim(),
        tags,
        ...(first && ts.isStringLiteral(first) ? { firstArgument: first.text } : {}),
      });
    }
  }
  return comments;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

async function tableRows(table: IRules): Promise<string[]> {
  const rows: string[] = [];
  for (const [typeName, entry] of Object.entries(table)) {
    const fields: [string, ShieldRule][] = isRule(entry)
      ? [['', entry]]
      : Object.entries(entry as Record<string, ShieldRule>);
    for (const [field, rule] of fields) {
      const verdicts = await Promise.all(ALL_ROLES.map((role) => verdictOf(rule, role)));
      const where =
        field === '' ? typeName : field === '*' ? `${typeName}.* (every other field)` : `${typeName}.${field}`;
      rows.push(`| ${where} | ${nameOf(rule)} | ${verdicts.map((v) => MARK[v]).join(' | ')} |`);
    }
  }
  return rows;
}

/** The step rights (tagged @stepRight), with the name a refusal carries in `extensions.reason`. */
function stepRightsSection(comments: DocComment[]): string[] {
  return [
    '## Step rights (on the locked row)',
    '',
    'A mutation the ability lets through still acts only on a row the caller may act on: its step right is checked',
    'in the same transaction, on the row the step locks (src/auth/step-rights.ts). A refusal is FORBIDDEN with',
    "the right's name in `extensions.reason`.",
    '',
    '| step right | `extensions.reason` | who may | defined in |',
    '|---|---|---|---|',
    ...comments
      .filter((c) => c.tags.includes('stepRight'))
      .map((c) => `| \`${c.name}\` | \`${c.firstArgument}\` | ${oneLine(c.text)} | \`${c.file}\` |`),
    '',
  ];
}

export async function generatePermissionMatrix(): Promise<string> {
  const comments = exportedDocComments();
  const used = new Set<string>();
  const header = `| type / field | ability | ${ALL_ROLES.join(' | ')} |\n|---|---|${ALL_ROLES.map(() => ':-:').join('|')}|`;
  const sections: string[] = [];
  for (const subgraph of SUBGRAPHS) {
    const rows = await tableRows(subgraph.permissions);
    rows.forEach((row) => row.match(/`(\w+)`/g)?.forEach((name) => used.add(name.slice(1, -1))));
    sections.push(`## Subgraph \`${subgraph.name}\`\n\n${header}\n${rows.join('\n')}`);
  }
  const abilities = comments
    .filter((c) => used.has(c.name))
    .map((c) => `| \`${c.name}\` | ${oneLine(c.text)} | \`${c.file}\` |`);
  const rowRules = comments
    .filter((c) => c.tags.includes('rowRule'))
    .map((c) => `### \`${c.name}\` (\`${c.file}\`)\n\n${c.text}`);
  return [
    '# Permission matrix',
    '',
    "<!-- Generated by `npm run schema` from the permission tables (src/subgraphs/*/permissions.ts), the abilities' doc",
    '     comments and the finders tagged @rowRule. Do not edit by hand: tests/schema/schema.test.ts fails when stale. -->',
    '',
    'Who may reach each type, field and operation of the supergraph. Deny by default: anything not listed is refused.',
    '✓ the role alone is enough; ✗ the role is refused; ○ it depends on the object or on who the caller is',
    '(jurisdiction, own code, management) — the ability below says how. A field that is reachable still returns',
    'only the rows its finder lets the caller see (row rules, at the end). Roles as tokens carry them',
    '(README, "Identity and roles"); the rules for derived data are in docs/credit-status.md.',
    '',
    ...sections.flatMap((s) => [s, '']),
    '## Abilities',
    '',
    '| ability | who may, and why | defined in |',
    '|---|---|---|',
    ...abilities,
    '',
    '## Conditions (`src/auth/conditions.ts`)',
    '',
    'Each access condition is written once; abilities and finders above use these by name.',
    '',
    '| condition | meaning | holds for |',
    '|---|---|---|',
    ...Object.values(CONDITIONS).map(
      (c) => `| \`${c.name}\` | ${oneLine(c.description)} | ${oneLine(describeCondition(c))} |`,
    ),
    '',
    '## Row rules (finders)',
    '',
    ...rowRules.flatMap((r) => [r, '']),
    ...stepRightsSection(comments),
  ].join('\n');
}

export async function writePermissionMatrix(file = PERMISSIONS_DOC): Promise<void> {
  fs.writeFileSync(file, await generatePermissionMatrix());
}
