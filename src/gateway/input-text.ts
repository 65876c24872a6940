import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { HubError } from '../common/errors';
import { unsafeTextProblem } from '../common/safe-text';

export interface UnsafeText {
  /** The argument (`submitRecords.input`, or `@include.if`) or variable (`$rows`) the text is in. */
  argument: string;
  /** Where inside it: list indexes and input field names. */
  inputPath: (string | number)[];
  problem: string;
}

/** The first unsafe string in a JSON value (variables), depth first. */
function inValue(value: unknown, at: (string | number)[]): { inputPath: (string | number)[]; problem: string } | null {
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value);
    return problem ? { inputPath: at, problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = inValue(value[i], [...at, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = inValue(inner, [...at, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The same for a literal in the document (arguments and default values, nested objects and lists). */
function inLiteral(
  node: ValueNode,
  at: (string | number)[],
): { inputPath: (string | number)[]; problem: string } | null {
  if (node.kind === Kind.STRING) return inValue(node.value, at);
  if (node.kind === Kind.LIST) {
    for (let i = 0; i < node.values.length; i++) {
      const found = inLiteral(node.values[i], [...at, i]);
      if (found) return found;
    }
  } else if (node.kind === Kind.OBJECT) {
    for (const field of node.fields) {
      const found = inLiteral(field.value, [...at, field.name.value]);
      if (found) return found;
    }
  }
  return null;
}

/** The first unsafe string of a request: literals anywhere in the document (fragments included), then variables. */
export function findUnsafeText(document: DocumentNode, variables: Record<string, unknown> = {}): UnsafeText | null {
  const found = inLiterals(document);
  if (found) return found;
  for (const [name, value] of Object.entries(variables)) {
    const hit = inValue(value, []);
    if (hit) return { argument: `$${name}`, ...hit };
  }
  return null;
}

/**
 * What the document's literals hold, found once per parsed document: Apollo Server hands every request of one query
 * text the same cached DocumentNode, so only its variables are new.
 */
const literalFindings = new WeakMap<DocumentNode, UnsafeText | null>();

function inLiterals(document: DocumentNode): UnsafeText | null {
  let found = literalFindings.get(document);
  if (found === undefined) {
    found = scanLiterals(document);
    literalFindings.set(document, found);
  }
  return found;
}

function scanLiterals(document: DocumentNode): UnsafeText | null {
  let found: UnsafeText | null = null;
  let owner = '';
  visit(document, {
    Field: (node) => void (owner = node.name.value),
    Directive: (node) => void (owner = `@${node.name.value}`),
    Argument(node) {
      const hit = found ? null : inLiteral(node.value, []);
      if (hit) found = { argument: `${owner}.${node.name.value}`, ...hit };
    },
    VariableDefinition(node) {
      const hit = found || !node.defaultValue ? null : inLiteral(node.defaultValue, []);
      if (hit) found = { argument: `$${node.variable.name.value}`, ...hit };
    },
  });
  return found;
}

/**
 * NUL bytes and unpaired surrogates (src/common/safe-text.ts) in any string argument are
 * BAD_USER_INPUT at the gateway — not an INTERNAL_SERVER_ERROR from PostgreSQL — once for
 * every operation, before anything executes, so before any SQL.
 * One check per request, after parsing and validation (didResolveOperation).
 */
export function unsafeTextGuard(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const found = findUnsafeText(document, (request.variables ?? {}) as Record<string, unknown>);
          if (!found) return;
          const where = `${found.argument}${found.inputPath.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('')}`;
          throw new HubError('BAD_USER_INPUT', `参数 ${where} ${found.problem}`, {
            argument: found.argument,
            inputPath: found.inputPath,
            http: { status: 400 },
          });
        },
      };
    },
  };
}
