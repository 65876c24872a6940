import { developmentTokens, type HubConfig } from '../config';
import { principalFor, type RegisteredClient } from './client-claims';
import type { ClientRegistry } from './client-registry';
import { developmentIdentity, type DevelopmentClaims } from './tokens';

/**
 * Development mode only (the built-in JWT secret, not production): registers the client a
 * development token names, unless that (iss, sub) is registered already, and checks the token's
 * claims would be accepted by it. Anywhere else clients are registered with `credit-hub client add`.
 */
export async function registerDevelopmentClient(
  clients: ClientRegistry,
  config: HubConfig,
  claims: DevelopmentClaims,
): Promise<RegisteredClient> {
  if (!developmentTokens(config)) {
    throw new Error(
      '只有开发模式才自动登记客户端，请用 credit-hub client add 登记 (clients register themselves in development mode only)',
    );
  }
  const { sub, issuer } = developmentIdentity(claims, config.jwt);
  const { role, region, org } = claims;
  const client = await clients.ensure({
    issuer,
    subject: sub,
    role,
    region,
    org,
    label: '开发令牌 (development token)',
  });
  principalFor(client, { iss: issuer, sub, role, region, org, exp: 0 });
  return client;
}
