import type { GraphQLFormattedError } from 'graphql';
import { DEVELOPMENT_ISSUER, loadConfig } from '../../src/config';
import { issueDevelopmentToken } from '../../src/auth/tokens';
import { makePrincipal, PUBLIC_PRINCIPAL, type Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import { createLogger, type Logger } from '../../src/common/logger';
import type { HubServices } from '../../src/services';
import { createHub, type Hub } from '../../src/gateway/hub';
import { openRuntime, type Runtime } from '../../src/runtime';
import { loadDemoData } from '../../src/seed/demo';
import { demoSubjects, type DemoSubjects } from '../../src/seed/demo-subjects';
import { countStatements } from '../../src/db/sql-statements';
import { emptyHubTables } from '../../src/db/reset';
import { TEST_AUDIT_ENV } from './audit-keys';

export const TEST_JWT_SECRET = 'test-only-secret';

export interface OperationResult<T = any> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

export interface TestHub {
  hub: Hub;
  runtime: Runtime;
  services: HubServices;
  demo: DemoSubjects;
  /** Executes an operation through the gateway, as `viewer`. */
  run<T = any>(query: string, variables?: Record<string, unknown>, viewer?: Principal): Promise<OperationResult<T>>;
  /** Same, and counts the SQL statements it caused. */
  counted<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Principal,
  ): Promise<OperationResult<T> & { statements: number }>;
  /** SQL as the schema owner (fixtures, tampering): MIGRATION_DATABASE_URL's role. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** SQL as the hub's own role (DATABASE_URL), e.g. to show what it may not do. */
  appSql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** A real token (TEST_JWT_SECRET) for HTTP tests, its client registered first (see registerTestClient). */
  token(role: Role, claims?: TestTokenClaims): Promise<string>;
  close(): Promise<void>;
}

export interface TestTokenClaims {
  region?: string;
  org?: string;
  sub?: string;
  /** Token `iss`; default the development issuer. */
  issuer?: string;
  /** Registered client id; default the sub. */
  clientId?: string;
  expiresIn?: string;
}

/**
 * Registers the client a test token names, unless its (iss, sub) already is: id = the sub
 * unless given, the token's role, region and organization (none for SUBJECT: a self-service
 * portal, so one sub can speak for several persons).
 */
export async function registerTestClient(services: HubServices, role: Role, claims: TestTokenClaims = {}) {
  return services.clients.ensure({
    id: claims.clientId,
    issuer: claims.issuer ?? DEVELOPMENT_ISSUER,
    subject: claims.sub ?? `test-${role.toLowerCase()}`,
    role,
    region: claims.region,
    org: role === Role.SUBJECT ? undefined : claims.org,
  });
}

/** Registers the client, then issues its token. */
export async function registeredToken(
  services: HubServices,
  role: Role,
  claims: TestTokenClaims = {},
): Promise<string> {
  await registerTestClient(services, role, claims);
  const sub = claims.sub ?? `test-${role.toLowerCase()}`;
  return issueDevelopmentToken(services.config.jwt.secret!, {
    role,
    region: claims.region,
    org: claims.org,
    sub,
    issuer: claims.issuer,
    expiresIn: claims.expiresIn,
  });
}

export { emptyHubTables as truncateAll } from '../../src/db/reset';

/**
 * A hub on the test database with the demo data loaded fresh: every test file starts
 * from the same known state. `as: 'owner'` runs its services as the schema owner, for
 * what only the owner may do (bulk loads set constraints aside and move sequences).
 */
export async function startTestHub(
  options: { env?: Record<string, string>; logger?: Logger; as?: 'app' | 'owner' } = {},
): Promise<TestHub> {
  const config = loadConfig({
    ...process.env,
    JWT_SECRET: TEST_JWT_SECRET,
    PII_SECRET: 'test-pii-secret',
    GATEWAY_SECRET: 'test-gateway-secret',
    ...TEST_AUDIT_ENV,
    ...options.env,
  });
  const runtime = await openRuntime(config, { logger: options.logger ?? createLogger('silent'), as: options.as });
  const { services } = runtime;
  await emptyHubTables(runtime);
  const owner = await runtime.ownerOrm();
  await loadDemoData(services);
  const hub = await createHub(services);
  const run = async (query: string, variables?: Record<string, unknown>, viewer: Principal = PUBLIC_PRINCIPAL) => {
    const response = await hub.server.executeOperation({ query, variables }, { contextValue: hub.contextFor(viewer) });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors, extensions } = response.body.singleResult;
    return { data, errors, extensions } as OperationResult;
  };
  return {
    hub,
    runtime,
    services,
    demo: demoSubjects().named,
    run,
    async counted(query, variables, viewer) {
      const { result, count } = await countStatements(() => run(query, variables, viewer));
      return { ...result, statements: count };
    },
    sql: (text, params) => owner.em.fork().execute(text, params ?? []),
    appSql: (text, params) => services.orm.em.fork().execute(text, params ?? []),
    token: (role, claims) => registeredToken(services, role, claims),
    async close() {
      await hub.stop();
      await runtime.close();
    },
  };
}

/** A principal as a verified token would give it (client id = sub, as registerTestClient registers it). */
export function as(role: Role, claims: { region?: string; org?: string; sub?: string } = {}): Principal {
  return makePrincipal({
    sub: claims.sub ?? `test-${role.toLowerCase()}`,
    role,
    region: claims.region ?? '',
    org: claims.org,
  });
}

export { Role, PUBLIC_PRINCIPAL };

export function codes(result: OperationResult): string[] {
  return (result.errors ?? []).map((error) => String(error.extensions?.code));
}
