import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print } from 'graphql';
import { demoTokenClaims } from '../../src/seed/demo';
import { isRole } from '../../src/auth/roles';
import { as, PUBLIC_PRINCIPAL, startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * Every ```graphql block of README.md runs as printed against the demo data, with the token
 * its first line names: `# token: ROLE` is the token `npm start` prints for that role,
 * `# token: ROLE org=… sub=…` the one `npm run token -- --role ROLE --org … --sub …` gives,
 * `# token: none` is PUBLIC. Each operation of a block runs in turn (as a reader pastes them),
 * and must answer without errors and with every root field non-null; `"{{name}}"` in a block is the value
 * named `name` in an earlier answer.
 */
const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

interface Example {
  line: number;
  token: string;
  operations: string[];
}

function examples(): Example[] {
  const found: Example[] = [];
  const fence = /^```graphql\n([\s\S]*?)^```/gm;
  for (let match = fence.exec(README); match; match = fence.exec(README)) {
    const line = README.slice(0, match.index).split('\n').length;
    const token = /^# token: (.+)$/m.exec(match[1])?.[1]?.trim() ?? '(none given)';
    const operations = parse(match[1]).definitions.map((definition) => print(definition));
    found.push({ line, token, operations });
  }
  return found;
}

let t: TestHub;

/**
 * Values answered so far, by field name: a later block writes one as "{{name}}" (the checkId of the check it
 * reports on), as a reader copies it from the answer above.
 */
const answered = new Map<string, string>();

function remember(value: unknown): void {
  if (Array.isArray(value)) value.forEach(remember);
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string' || typeof inner === 'number') answered.set(key, String(inner));
      else remember(inner);
    }
}

function filled(operation: string): string {
  return operation.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = answered.get(name);
    if (value === undefined) throw new Error(`README: "{{${name}}}" comes before any answer names ${name}`);
    return value;
  });
}

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

/** The viewer a `# token:` line names: a printed demo token's claims, or the claims given. */
function viewerOf(token: string) {
  if (token === 'none') return PUBLIC_PRINCIPAL;
  const [role, ...pairs] = token.split(/\s+/);
  if (!isRole(role)) throw new Error(`README: unknown role in "# token: ${token}"`);
  const printed = demoTokenClaims(t.demo).find((claims) => claims.role === role);
  const given = Object.fromEntries(pairs.map((pair) => pair.split('=') as [string, string]));
  const claims = pairs.length > 0 ? { sub: `dev-${role.toLowerCase()}`, ...given } : printed;
  if (!claims) throw new Error(`README: no printed token for ${role}; give its claims`);
  return as(role, claims);
}

describe('README.md examples', () => {
  const all = examples();

  it('every block says which token it runs with', () => {
    expect(all.filter((example) => example.token === '(none given)').map((example) => example.line)).toEqual([]);
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(all.map((example) => [example.line, example] as const))(
    'the block at README.md line %i runs without errors',
    async (_line, example) => {
      for (const printed of example.operations) {
        const operation = filled(printed);
        const result = await t.run(operation, undefined, viewerOf(example.token));
        remember(result.data);
        expect({ operation, errors: result.errors ?? [] }).toEqual({ operation, errors: [] });
        const definition = parse(operation).definitions[0];
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const selection of definition.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD) continue;
          const key = selection.alias?.value ?? selection.name.value;
          expect({ operation, key, value: result.data?.[key] ?? null }).not.toMatchObject({ value: null });
        }
      }
    },
  );
});
