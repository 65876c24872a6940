import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print } from 'graphql';
import { demoTokenClaims } from '../../src/seed/demo';
import { isRole } from '../../src/auth/roles';
import { as, PUBLIC_PRINCIPAL, type TestHub } from './test-hub';

/**
 * The ```graphql blocks of a document, to run as printed against the demo data, with the token
 * their first line names: `# token: ROLE` is the token `npm start` prints for that role,
 * `# token: ROLE org=… sub=…` the one `npm run token -- --role ROLE --org … --sub …` gives,
 * `# token: none` is PUBLIC. Each operation of a block runs in turn (as a reader pastes them),
 * and must answer without errors and with every root field non-null; `"{{name}}"` in a block is
 * the value named `name` in an earlier answer (as a reader copies it from the answer above).
 */
export interface Example {
  line: number;
  token: string;
  operations: string[];
}

/** The blocks of `file` (from the repository root), or of its section under the heading `section`. */
export function graphqlBlocks(file: string, section?: string): Example[] {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8');
  const start = section ? text.indexOf(`\n${section}\n`) : 0;
  if (start < 0) throw new Error(`${file}: no heading "${section}"`);
  const end = section ? text.indexOf('\n## ', start + section.length + 1) : -1;
  const found: Example[] = [];
  const fence = /^```graphql\n([\s\S]*?)^```/gm;
  fence.lastIndex = start;
  for (let match = fence.exec(text); match && (end < 0 || match.index < end); match = fence.exec(text)) {
    const line = text.slice(0, match.index).split('\n').length;
    const token = /^# token: (.+)$/m.exec(match[1])?.[1]?.trim() ?? '(none given)';
    const operations = parse(match[1]).definitions.map((definition) => print(definition));
    found.push({ line, token, operations });
  }
  return found;
}

/** Runs blocks in order on one hub, carrying the values answered so far from block to block. */
export class DocRunner {
  private readonly answered = new Map<string, string>();

  constructor(
    private readonly hub: () => TestHub,
    private readonly file: string,
  ) {}

  /** The viewer a `# token:` line names: a printed demo token's claims, or the claims given. */
  viewerOf(token: string) {
    if (token === 'none') return PUBLIC_PRINCIPAL;
    const [role, ...pairs] = token.split(/\s+/);
    if (!isRole(role)) throw new Error(`${this.file}: unknown role in "# token: ${token}"`);
    const printed = demoTokenClaims(this.hub().demo).find((claims) => claims.role === role);
    const given = Object.fromEntries(pairs.map((pair) => pair.split('=') as [string, string]));
    const claims = pairs.length > 0 ? { sub: `dev-${role.toLowerCase()}`, ...given } : printed;
    if (!claims) throw new Error(`${this.file}: no printed token for ${role}; give its claims`);
    return as(role, claims);
  }

  /** Runs every operation of the block, checks it answered without errors and with every root field; the answers. */
  async run(example: Example): Promise<Record<string, any>[]> {
    const answers: Record<string, any>[] = [];
    for (const printed of example.operations) {
      const operation = this.filled(printed);
      const result = await this.hub().run(operation, undefined, this.viewerOf(example.token));
      this.remember(result.data);
      answers.push(result.data ?? {});
      expect({ operation, errors: result.errors ?? [] }).toEqual({ operation, errors: [] });
      const definition = parse(operation).definitions[0];
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const selection of definition.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const key = selection.alias?.value ?? selection.name.value;
        expect({ operation, key, value: result.data?.[key] ?? null }).not.toMatchObject({ value: null });
      }
    }
    return answers;
  }

  private remember(value: unknown): void {
    if (Array.isArray(value)) value.forEach((item) => this.remember(item));
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (typeof inner === 'string' || typeof inner === 'number') this.answered.set(key, String(inner));
        else this.remember(inner);
      }
  }

  private filled(operation: string): string {
    return operation.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
      const value = this.answered.get(name);
      if (value === undefined) throw new Error(`${this.file}: "{{${name}}}" comes before any answer names ${name}`);
      return value;
    });
  }
}
