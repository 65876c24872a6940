/**
 * Codes of a GraphQL request error raised by a well-formed GraphQL-over-HTTP request: the
 * document does not parse or validate, its variables do not coerce, the operation is not in it,
 * or it is over a query limit (graphql-armor's, the token limit, the list-length limit).
 */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_COMPLEX',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The HTTP status of a /graphql answer as the GraphQL-over-HTTP spec asks for its media type
 * (docs/http.md). Apollo answers a request error with 400 whatever the media type; that is
 * right for `application/graphql-response+json`, but a legacy `application/json` answer to a
 * well-formed request SHOULD be 200 with the errors in the body, as older clients expect. Other
 * statuses (401, 403, 405, 413, 429, a malformed request's 400) stay as they are.
 */
export function statusForMediaType(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.toLowerCase().startsWith('application/json')) return status;
  let parsed: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    return status;
  }
  const errors = parsed?.errors;
  if (!Array.isArray(errors) || errors.length === 0 || 'data' in parsed) return status;
  const requestErrors = errors.every((error) => REQUEST_ERROR_CODES.has(String(error?.extensions?.code)));
  return requestErrors ? 200 : status;
}
