import { GraphQLError } from 'graphql';

/**
 * The error codes of the client contract, in `extensions.code`. Resolvers throw these;
 * nothing else compares error strings. Unknown errors become INTERNAL_SERVER_ERROR in
 * `formatError` (src/gateway/format-error.ts).
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'CONFLICT',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
]);

export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export class AuthenticationError extends HubError {
  constructor(message = 'Not authenticated') {
    super('UNAUTHENTICATED', message, { http: { status: 401 } });
  }
}

export class ForbiddenError extends HubError {
  constructor(message = 'Not authorized to access this field', details?: Record<string, unknown>) {
    super('FORBIDDEN', message, details);
  }
}

/** `index` and `field` point into a batch input, so a client can fix the exact item. */
export class InputError extends HubError {
  constructor(message: string, details: { index?: number; field?: string; [key: string]: unknown } = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class ConflictError extends HubError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CONFLICT', message, details);
  }
}

export class NotFoundError extends HubError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('NOT_FOUND', message, details);
  }
}

/** A business cap reached (e.g. complaints per subject and day); retry later. */
export class RateLimitedError extends HubError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('RATE_LIMITED', message, details);
  }
}
