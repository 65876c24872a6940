import { InvalidArgumentError } from 'commander';
import { decodeJwt } from 'jose';
import { developmentTokens, loadConfig, type HubConfig } from '../config';
import { claimsFromPayload } from '../auth/client-claims';
import { CLIENT_ENTITIES } from '../auth/client.entity';
import { ClientRegistry } from '../auth/client-registry';
import { registerDevelopmentClient } from '../auth/development-clients';
import { isRole } from '../auth/roles';
import { issueDevelopmentToken, type DevelopmentClaims } from '../auth/tokens';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/database';
import { migrate, openOrm } from '../db/orm';

export interface TokenOptions {
  role: string;
  region?: string;
  org?: string;
  sub?: string;
  expires: string;
}

/**
 * Registers the token's client in the registry (schema `access`) and nothing else: the ORM
 * knows only the registry's two entities, so `token` does not load the subgraphs. The database
 * is migrated first when this process may (a fresh embedded cluster has no registry yet).
 */
async function registerClient(config: HubConfig, claims: DevelopmentClaims): Promise<void> {
  // stdout is the token alone (`TOKEN=$(credit-hub token …)`): only warnings are logged.
  const database = await openDatabase(config, createLogger('warn'));
  try {
    if (database.ownerUrl) {
      const owner = await openOrm(database.ownerUrl, CLIENT_ENTITIES, { pool: { min: 0, max: 1 } });
      await migrate(owner).finally(() => owner.close(true));
    }
    const orm = await openOrm(database.url, CLIENT_ENTITIES, { pool: { min: 0, max: 1 } });
    await registerDevelopmentClient(new ClientRegistry(orm), config, claims).finally(() => orm.close(true));
  } finally {
    await database.stop();
  }
}

/** `credit-hub token`: a development token (HS256), its client registered in development mode. */
export async function tokenCommand(options: TokenOptions): Promise<void> {
  const config = loadConfig();
  if (!config.jwt.secret)
    throw new Error(
      'token needs JWT_SECRET (HS256); with a public key or JWKS, tokens come from your identity provider',
    );
  if (!isRole(options.role)) throw new InvalidArgumentError('unknown role');
  if (options.region && !/^\d{1,6}$/.test(options.region))
    throw new InvalidArgumentError('--region must be 1 to 6 digits');
  const claims: DevelopmentClaims = {
    role: options.role,
    region: options.region,
    org: options.org,
    sub: options.sub,
    issuer: config.jwt.issuer,
    expiresIn: options.expires,
  };
  const token = await issueDevelopmentToken(config.jwt.secret, claims);
  claimsFromPayload(decodeJwt(token), config.jwt.maxLifetimeSeconds);
  if (developmentTokens(config)) await registerClient(config, claims);
  else
    process.stderr.write(
      'note: outside development mode the client is not registered here: use `credit-hub client add` (docs/clients.md)\n',
    );
  process.stdout.write(`${token}\n`);
}
