import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES, HubError } from '../common/errors';
import type { Logger } from '../common/logger';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../db/availability';
import { databaseErrorIn, databaseErrorMessage } from '../db/error-report';
import { isTokenLimitRefusal, TOKEN_LIMIT_REFUSAL } from './limits';

/** What a client is told of an unexpected error in production. */
export const INTERNAL_MESSAGE = '服务器内部错误 (internal server error)';

/**
 * The one place that decides what an error looks like to a client. Errors with a
 * contract code pass through; anything else is logged with its stack and becomes
 * INTERNAL_SERVER_ERROR, with the detail hidden in production (and a database error's text,
 * which quotes the statement's values, hidden in every mode).
 */
export function formatClientError(
  formatted: GraphQLFormattedError,
  original: unknown,
  options: { production: boolean; logger?: Logger },
): GraphQLFormattedError {
  // A hub error wrapped by Apollo (e.g. a validation rule's refusal) keeps its own code.
  const hubError = findHubError(original);
  if (hubError)
    formatted = {
      ...formatted,
      message: hubError.message,
      extensions: { ...formatted.extensions, ...hubError.extensions },
    };
  formatted = withRequestErrorCode(formatted, original);
  if (options.production) formatted = { ...formatted, message: withoutSuggestions(formatted.message) };
  const code = formatted.extensions?.code;
  if (
    typeof code === 'string' &&
    (CLIENT_ERROR_CODES.has(code) ||
      code === 'GRAPHQL_VALIDATION_FAILED' ||
      code === 'GRAPHQL_PARSE_FAILED' ||
      code === 'PERSISTED_QUERY_NOT_FOUND' ||
      code === 'OPERATION_RESOLUTION_FAILURE')
  ) {
    const { serviceName: _service, stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: options.production ? extensions : { ...extensions, stacktrace } };
  }
  if (code === 'BAD_REQUEST' || code === 'BAD_USER_INPUT') return formatted;
  if (formatted.extensions?.retryable === true) {
    return {
      message: formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
    };
  }
  options.logger?.error({ err: original, path: formatted.path }, 'internal error');
  const database = databaseErrorIn(original);
  return {
    // Development shows what went wrong, except a database error's text, which holds the statement and its values.
    message: options.production ? INTERNAL_MESSAGE : database ? databaseErrorMessage(database) : formatted.message,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Inside a subgraph: keep coded errors, log and wrap the rest before they reach the gateway. */
export function normalizeSubgraphError(error: GraphQLError, logger?: Logger): GraphQLError {
  const code = error.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return error;
  if (isDatabaseUnavailable(error.originalError)) {
    logger?.warn({ path: error.path }, DATABASE_UNAVAILABLE);
    return new GraphQLError(DATABASE_UNAVAILABLE, {
      path: error.path,
      nodes: error.nodes,
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
    });
  }
  logger?.error({ err: error.originalError ?? error, path: error.path }, 'subgraph error');
  const database = databaseErrorIn(error);
  return new GraphQLError(database ? databaseErrorMessage(database) : error.message, {
    path: error.path,
    nodes: error.nodes,
    originalError: error.originalError ?? undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/**
 * graphql-js appends "Did you mean …?" to unknown fields, types, arguments and enum values
 * ("Did you mean the enum value \"GOVERNMENT\"?"), in validation and in variable coercion
 * alike; graphql-armor's mask catches only the `Did you mean "x"` form. Production tells a
 * caller nothing of the schema it was not given (introspection is off there too).
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}

/**
 * Request errors Apollo raises without a contract code get one: the token limit's parse
 * refusal is QUERY_TOO_COMPLEX like the other limits, and Apollo's own 4xx refusals without a
 * code (an APQ hash that does not match its query, an unsupported APQ version) are
 * BAD_REQUEST, a client's mistake — not an internal error.
 */
function withRequestErrorCode(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitRefusal(formatted.message))
    return {
      ...formatted,
      message: TOKEN_LIMIT_REFUSAL,
      extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX' },
    };
  // Apollo fills in INTERNAL_SERVER_ERROR for an error without a code; the original has none.
  const raised = (original as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null)?.extensions;
  const status = raised?.http?.status;
  if (raised && raised.code === undefined && typeof status === 'number' && status >= 400 && status < 500)
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
  return formatted;
}

function findHubError(error: unknown): HubError | undefined {
  for (let current = error as { originalError?: unknown } | undefined, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof HubError) return current;
    current = current.originalError as typeof current;
  }
  return undefined;
}
