import { GraphQLError } from 'graphql';
import { bilingual, type Bilingual } from './language';

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

/**
 * An error's words: Chinese and English (`bilingual(zh, en)`), or one string for both. The
 * message is the Chinese text; the English one travels in `extensions.messageEn` to the
 * gateway, which answers in the caller's language and drops the carrier
 * (src/gateway/language.ts; docs/codes.md "Language of messages").
 */
export type ErrorText = string | Bilingual;

/** The extension that carries an error's English text from where it is thrown to the gateway. */
export const ENGLISH_MESSAGE = 'messageEn';

export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: ErrorText, details: Record<string, unknown> = {}) {
    const text = typeof message === 'string' ? { zh: message, en: message } : message;
    super(text.zh, {
      extensions: { code, ...details, ...(text.en !== text.zh ? { [ENGLISH_MESSAGE]: text.en } : {}) },
    });
  }
}

export class AuthenticationError extends HubError {
  constructor(message: ErrorText = bilingual('未认证', 'Not authenticated')) {
    super('UNAUTHENTICATED', message, { http: { status: 401 } });
  }
}

export class ForbiddenError extends HubError {
  constructor(
    message: ErrorText = bilingual('无权访问该字段', 'Not authorized to access this field'),
    details?: Record<string, unknown>,
  ) {
    super('FORBIDDEN', message, details);
  }
}

/** `index` and `field` point into a batch input, so a client can fix the exact item. */
export class InputError extends HubError {
  constructor(message: ErrorText, details: { index?: number; field?: string; [key: string]: unknown } = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class ConflictError extends HubError {
  constructor(message: ErrorText, details?: Record<string, unknown>) {
    super('CONFLICT', message, details);
  }
}

export class NotFoundError extends HubError {
  constructor(message: ErrorText, details?: Record<string, unknown>) {
    super('NOT_FOUND', message, details);
  }
}

/** A business cap reached (e.g. complaints per subject and day); retry later. */
export class RateLimitedError extends HubError {
  constructor(message: ErrorText, details?: Record<string, unknown>) {
    super('RATE_LIMITED', message, details);
  }
}
