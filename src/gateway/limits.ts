import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type GraphQLError, type ValidationContext, type ValueNode } from 'graphql';
import { HubError } from '../common/errors';

/**
 * Query limits, checked before anything executes (so before any SQL): tokens (graphql-js's
 * parser), depth, aliases, directives and cost (graphql-armor), and the length of every list
 * argument. Each refusal is QUERY_TOO_COMPLEX, a request error (HTTP 400, docs/http.md).
 */
export const QUERY_LIMITS = { maxDepth: 12, maxAliases: 15, maxTokens: 20000, maxCost: 20000, maxDirectives: 20 };

/**
 * The token limit, as Apollo's `parseOptions`: the parser stops at the limit and Apollo answers
 * the syntax error it raises with 400. graphql-armor's own token plugin parses in
 * `parsingDidStart`, where a throw (a refusal, or any syntax error) escapes Apollo's request
 * pipeline as an HTTP 500.
 */
export const PARSE_OPTIONS = { maxTokens: QUERY_LIMITS.maxTokens };

// graphql-js's wording (sic) of that refusal; tests/gateway/http-spec.test.ts fails if it changes.
const TOKEN_LIMIT_MESSAGE = `Document contains more that ${QUERY_LIMITS.maxTokens} tokens`;

/** Whether a parse failure is the token limit's refusal rather than a syntax error. */
export function isTokenLimitRefusal(message: string): boolean {
  return message.includes(TOKEN_LIMIT_MESSAGE);
}

/** The refusal's text for clients. */
export const TOKEN_LIMIT_REFUSAL = `查询超过 ${QUERY_LIMITS.maxTokens} 个词法单元的上限 (document exceeds ${QUERY_LIMITS.maxTokens} tokens)`;

function refuse(context: ValidationContext | null, error: GraphQLError): void {
  const refusal = new HubError('QUERY_TOO_COMPLEX', error.message.replace(/^Syntax Error: /, ''));
  if (context) context.reportError(refusal);
  else throw refusal;
}

export function armor(production: boolean) {
  const reject = { onReject: [refuse], propagateOnRejection: false };
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ...reject },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...reject },
    maxTokens: { enabled: false }, // PARSE_OPTIONS instead
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reject },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ...reject },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

function literalLength(value: ValueNode, variables: Record<string, unknown>): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const bound = variables[value.name.value];
    return Array.isArray(bound) ? bound.length : 0;
  }
  return 0;
}

/** Refuses any list argument longer than `maxLength` before execution (resolvers keep their own, smaller limits). */
export function listLengthLimit(maxLength: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) return;
          const variables = (request.variables ?? {}) as Record<string, unknown>;
          const stack = [...operation.selectionSet.selections];
          while (stack.length > 0) {
            const node = stack.pop()!;
            if (node.kind === Kind.FIELD) {
              for (const argument of node.arguments ?? []) {
                const length = literalLength(argument.value, variables);
                if (length > maxLength) {
                  throw new HubError(
                    'QUERY_TOO_COMPLEX',
                    `argument ${argument.name.value} of ${node.name.value} has ${length} items; at most ${maxLength}`,
                    { http: { status: 400 } },
                  );
                }
              }
            }
            if ('selectionSet' in node && node.selectionSet) stack.push(...node.selectionSet.selections);
          }
        },
      };
    },
  };
}
