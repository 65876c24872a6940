import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ENGLISH_MESSAGE, HubError, type ErrorCode } from '../common/errors';
import { preferredLanguage, type Language } from '../common/language';
import type { GatewayContext } from './context';

/** An error in the caller's language; the English carriers (message, batch items) never reach a client. */
export function localizeError(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  if (!error.extensions) return error;
  const { [ENGLISH_MESSAGE]: english, ...extensions } = error.extensions;
  if (Array.isArray(extensions.invalid))
    extensions.invalid = extensions.invalid.map((item) => localized(item, language));
  if (english === undefined && !Array.isArray(error.extensions.invalid)) return error;
  const message = language === 'en' && typeof english === 'string' ? english : error.message;
  return { ...error, message, extensions };
}

/** One `{ message, messageEn }` object (a batch item) with the message in `language` and no carrier. */
function localized(item: Record<string, unknown>, language: Language): Record<string, unknown> {
  const { [ENGLISH_MESSAGE]: english, ...rest } = item;
  return language === 'en' && typeof english === 'string' ? { ...rest, message: english } : rest;
}

/**
 * The one step that picks the language of a response: `Accept-Language` (Chinese by default)
 * decides the request context's `language`, which subgraph contexts inherit (texts computed
 * in resolvers: score explanations, code problems), and each error's message, picked from
 * the two its thrower gave. The response says which in `Content-Language`.
 */
export function responseLanguage(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const language = preferredLanguage(request.http?.headers.get('accept-language'));
      // Set before execution, so the subgraph contexts built on the first fetch inherit it.
      if (contextValue) contextValue.language = language;
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('content-language', language);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) result.errors = result.errors.map((error) => localizeError(error, language));
        },
      };
    },
  };
}

/**
 * Errors raised while the request context is built (a refused token) never reach the plugin:
 * they are put in the caller's language here, without the English carrier.
 */
export async function inCallerLanguage<T>(acceptLanguage: string | undefined, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (!(error instanceof HubError) || typeof error.extensions[ENGLISH_MESSAGE] !== 'string') throw error;
    const { [ENGLISH_MESSAGE]: english, code, ...details } = error.extensions;
    const message = preferredLanguage(acceptLanguage) === 'en' ? String(english) : error.message;
    throw new HubError(code as ErrorCode, message, details);
  }
}
