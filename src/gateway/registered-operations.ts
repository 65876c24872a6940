import type { ApolloServerPlugin } from '@apollo/server';
import { documentHash } from '../auth/client-registry';
import type { TokenVerifier } from '../auth/tokens';
import { ForbiddenError } from '../common/errors';
import type { GatewayContext } from './context';
import { bilingual } from '../common/language';

/** The stable refusal reason in `extensions.reason`, for clients to tell this FORBIDDEN from a field rule's. */
export const OPERATION_NOT_REGISTERED = 'OPERATION_NOT_REGISTERED';

/**
 * Clients restricted to registered operations (`credit-hub client allow`, docs/clients.md) may
 * run only those documents, matched by the SHA-256 of the exact text sent, as X-Road grants
 * access per service. Checked before execution; the registry entry is the verifier's cached one.
 */
export function registeredOperations(tokens: TokenVerifier): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, contextValue }) {
          const allowed = await tokens.operationsOf(contextValue.viewer);
          if (!allowed || allowed.has(documentHash(request.query ?? ''))) return;
          throw new ForbiddenError(bilingual('该客户端系统未登记此操作', 'operation not registered for this client'), {
            reason: OPERATION_NOT_REGISTERED,
            http: { status: 403 },
          });
        },
      };
    },
  };
}
