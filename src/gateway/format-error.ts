import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES, HubError } from '../common/errors';
import type { Logger } from '../common/logger';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../db/availability';

/**
 * The one place that decides what an error looks like to a client. Errors with a
 * contract code pass through; anything else is logged with its stack and becomes
 * INTERNAL_SERVER_ERROR, with the detail hidden in production.
 */
export function formatClientError(
  formatted: GraphQLFormattedError,
  original: unknown,
  options: { production: boolean; logger?: Logger },
): GraphQLFormattedError {
  // A hub error wrapped by Apollo (e.g. a validation rule's refusal) keeps its own code.
  const hubError = findHubError(original);
  if (hubError) formatted = { ...formatted, message: hubError.message, extensions: { ...formatted.extensions, ...hubError.extensions } };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (CLIENT_ERROR_CODES.has(code) || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'OPERATION_RESOLUTION_FAILURE')) {
    const { serviceName: _service, stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: options.production ? extensions : { ...extensions, stacktrace } };
  }
  if (code === 'BAD_REQUEST' || code === 'BAD_USER_INPUT') return formatted;
  if (formatted.extensions?.retryable === true) {
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true } };
  }
  options.logger?.error({ err: original, path: formatted.path }, 'internal error');
  return {
    message: options.production ? 'Internal server error' : formatted.message,
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
    return new GraphQLError(DATABASE_UNAVAILABLE, { path: error.path, nodes: error.nodes, extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true } });
  }
  logger?.error({ err: error.originalError ?? error, path: error.path }, 'subgraph error');
  return new GraphQLError(error.message, {
    path: error.path,
    nodes: error.nodes,
    originalError: error.originalError ?? undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

function findHubError(error: unknown): HubError | undefined {
  for (let current = error as { originalError?: unknown } | undefined, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof HubError) return current;
    current = current.originalError as typeof current;
  }
  return undefined;
}
