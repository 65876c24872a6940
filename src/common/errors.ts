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
    const text = textOf(message);
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

/** One invalid item of a batch input: which item, which field, and what is wrong (without the path). */
export interface InvalidItem {
  index: number;
  field?: string;
  message: ErrorText;
  /** Structured facts of the problem (a code check's `check`, `readAs`…), kept beside the item. */
  details?: Record<string, unknown>;
}

/** An error text as both languages (one string serves as both). */
export function textOf(text: ErrorText): Bilingual {
  return typeof text === 'string' ? bilingual(text, text) : text;
}

/** `input[3].title：不能为空`: the one place a batch item's path is written before its message. */
export function itemMessage(item: InvalidItem): Bilingual {
  const at = `input[${item.index}]${item.field ? `.${item.field}` : ''}`;
  const text = textOf(item.message);
  return bilingual(`${at}：${text.zh}`, `${at}: ${text.en}`);
}

/** An item as `extensions.invalid[]` carries it: index, field, message (Chinese; the English in the same carrier). */
function itemExtension(item: InvalidItem): Record<string, unknown> {
  const text = textOf(item.message);
  return {
    index: item.index,
    ...(item.field ? { field: item.field } : {}),
    message: text.zh,
    ...(text.en !== text.zh ? { [ENGLISH_MESSAGE]: text.en } : {}),
    ...item.details,
  };
}

/** One invalid item; index, field and message travel in extensions, so nobody parses the message back. */
export function itemError(item: InvalidItem): InputError {
  return invalidItems([item]);
}

/** The items an error of batch items names (from `extensions.invalid`), or undefined for any other error. */
export function invalidItemsOf(error: unknown): InvalidItem[] | undefined {
  if (!(error instanceof HubError) || !Array.isArray(error.extensions.invalid)) return undefined;
  return error.extensions.invalid.map((item: Record<string, unknown>) => {
    const { index, field, message, [ENGLISH_MESSAGE]: english, ...details } = item;
    return {
      index: index as number,
      ...(typeof field === 'string' ? { field } : {}),
      message: bilingual(String(message), typeof english === 'string' ? english : String(message)),
      ...(Object.keys(details).length > 0 ? { details } : {}),
    };
  });
}

/** The one item an error of one batch item names, or undefined for any other error. */
export function invalidItemOf(error: unknown): InvalidItem | undefined {
  const items = invalidItemsOf(error);
  return items?.length === 1 ? items[0] : undefined;
}

/**
 * Every invalid item of a batch at once (the client fixes them in one round trip): `invalid`
 * lists them all; the first's `index`/`field` stay at the top, so a client reading one still can.
 */
export function invalidItems(items: readonly InvalidItem[], code: 'BAD_USER_INPUT' | 'FORBIDDEN' = 'BAD_USER_INPUT') {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const [first] = sorted;
  const details = { index: first.index, field: first.field, invalid: sorted.map(itemExtension) };
  const messages = sorted.map(itemMessage);
  const message = bilingual(messages.map((m) => m.zh).join('；'), messages.map((m) => m.en).join('; '));
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
