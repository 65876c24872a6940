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

/** One invalid item of a batch input: which item, which field, and why (`reason`, without the path). */
export interface InvalidItem {
  index: number;
  field?: string;
  reason: string;
}

/** `input[3].title: must not be empty`: the one place a batch item's message is written. */
export function itemMessage(item: InvalidItem): string {
  return `input[${item.index}]${item.field ? `.${item.field}` : ''}: ${item.reason}`;
}

/** One invalid item; index, field and reason travel in extensions, so nobody parses the message back. */
export function itemError(item: InvalidItem): InputError {
  return new InputError(itemMessage(item), { index: item.index, field: item.field, reason: item.reason });
}

/** The item an error of one batch item names (from its extensions), or undefined for any other error. */
export function invalidItemOf(error: unknown): InvalidItem | undefined {
  if (!(error instanceof HubError) || typeof error.extensions.index !== 'number') return undefined;
  const { index, field, reason } = error.extensions;
  return {
    index,
    ...(typeof field === 'string' ? { field } : {}),
    reason: typeof reason === 'string' ? reason : error.message,
  };
}

/**
 * Every invalid item of a batch at once (the client fixes them in one round trip): `invalid`
 * lists them all; the first keeps today's `index`/`field`, so a client reading one still can.
 */
export function invalidItems(items: readonly InvalidItem[], code: 'BAD_USER_INPUT' | 'FORBIDDEN' = 'BAD_USER_INPUT') {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const [first] = sorted;
  const details = { index: first.index, field: first.field, reason: first.reason, invalid: sorted };
  const message = sorted.map(itemMessage).join('; ');
  return code === 'FORBIDDEN' ? new ForbiddenError(message, details) : new InputError(message, details);
}

/** Throws `invalidItems` when there are any. */
export function refuseInvalid(items: readonly InvalidItem[], code?: 'BAD_USER_INPUT' | 'FORBIDDEN'): void {
  if (items.length > 0) throw invalidItems(items, code);
}

/**
 * Checks every item with `check` (which throws an item error on the first problem of its item)
 * and collects the problems of all items instead of stopping at the first.
 */
export function checkEach<I, T>(inputs: readonly I[], check: (input: I, index: number) => T) {
  const valid: T[] = [];
  const invalid: InvalidItem[] = [];
  inputs.forEach((input, index) => {
    try {
      valid.push(check(input, index));
    } catch (error) {
      const item = invalidItemOf(error);
      if (!item || !(error instanceof InputError)) throw error;
      invalid.push(item);
    }
  });
  return { valid, invalid };
}
