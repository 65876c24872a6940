import path from 'node:path';
import { AuditConfigError, loadAuditSettings, type AuditSettings } from './audit';
import { parseTrustedProxies, type TrustedProxy } from '../common/forwarded';
import { loadReportSettings, ReportConfigError, type ReportSettings } from './report';
import { parseReplicaSettings, type ReplicaSettings } from './replicas';
import { parseDatabaseSettings, type DatabaseSettings } from './databases';

/**
 * All configuration comes from the environment, read once at start-up. Development
 * defaults exist so `npm start` works on a fresh machine; each one is flagged so the
 * hub can say loudly that it runs with them, and `NODE_ENV=production` refuses them.
 */
export interface HubConfig {
  production: boolean;
  port: number;
  host: string;
  /** The hub's own, least-privileged role (docs/audit.md). Unset: the hub starts an embedded PostgreSQL. */
  databaseUrl?: string;
  /** The schema owner's connection, for migrations and maintenance; unset = DATABASE_URL (outside production). */
  migrationDatabaseUrl?: string;
  embeddedPg: { dataDir: string; port: number };
  jwt: JwtSettings;
  /** Keys the look-up hash and the encryption of resident ID numbers. */
  piiSecret: string;
  /** Signs the principal the gateway forwards to subgraph services. */
  gatewaySecret: string;
  limits: {
    maxBodyBytes: number;
    ratePerMinute: number;
    maxListLength: number;
    /** Failed authentications (UNAUTHENTICATED) one address may cause per minute before it is RATE_LIMITED. */
    authFailuresPerMinute: number;
    /** Proxies whose X-Forwarded-For names the client (TRUSTED_PROXIES); none = the socket's peer is the client. */
    trustedProxies: TrustedProxy[];
    /** RATE_LIMIT_STORE: where both limits count (this process, or PostgreSQL shared by every gateway replica). */
    store: RateLimitStore;
    /** RATE_LIMIT_STORE_TIMEOUT_MS: how long a request waits for the shared store before this process counts alone. */
    storeTimeoutMs: number;
  };
  /** Prometheus metrics: on their own port, or behind a bearer token; production serves neither by default. */
  metrics: { port?: number; token?: string };
  /** Limits on 双公示 files (docs/sgs.md), checked before anything is read into memory or written. */
  imports: ImportLimits;
  /** HMAC keys and signed checkpoints of the access log. */
  audit: AuditSettings;
  /** Webhook dispatcher (docs/webhooks.md); runs in the process that serves the records subgraph. */
  webhooks: WebhookSettings;
  /** LIST_EXPIRY_INTERVAL_SECONDS: how often the dispatcher's process ends past listings (docs/lists.md); 0 = off. */
  listExpiryIntervalSeconds: number;
  /** The Ed25519 key that signs credit reports, and the public keys the JWKS publishes (docs/credit-report.md). */
  report: ReportSettings;
  /** The query explorer (GraphiQL at GET /graphql for browsers, src/gateway/explorer.ts): on outside production. */
  explorer: boolean;
  loadDemoData: boolean;
  logLevel: string;
  /** Names of settings that fell back to a development default. */
  developmentDefaults: string[];
  /** Read replicas and read-your-writes (DATABASE_REPLICA_URLS, REPLICA_STICKY_SECONDS). */
  replicas: ReplicaSettings;
  /** A database per subgraph (SUBJECTS_/RECORDS_/ARCHIVES_DATABASE_URL, each defaulting to DATABASE_URL). */
  databases: DatabaseSettings;
  /** GATEWAY_PASS_THROUGH: single-fetch queries and entity chains skip the gateway's re-shaping (pass-through.ts). */
  gatewayPassThrough: boolean;
}

/** `memory`: per gateway process (the single-process default); `postgres`: table access.rate_limit. */
export type RateLimitStore = 'memory' | 'postgres';

export interface JwtSettings {
  secret?: string;
  publicKeyPem?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** JWT_MAX_LIFETIME: the longest `exp - iat` a token may have. */
  maxLifetimeSeconds: number;
  /** CLIENT_CACHE_TTL: how long a registry look-up is reused (a revocation takes effect within it). */
  clientCacheMs: number;
}

export interface WebhookSettings {
  /** WEBHOOK_DISPATCHER=false: this process writes the outbox but sends nothing (another one does). */
  dispatcher: boolean;
  /** How often an idle dispatcher looks for due deliveries. */
  pollIntervalMs: number;
  /** Deliveries claimed (and sent concurrently) per round. */
  batchSize: number;
  /** Time a receiver has to answer one POST. */
  timeoutMs: number;
  /** Attempts before a delivery is FAILED. */
  maxAttempts: number;
  /** First retry delay; doubled per failed attempt, capped at retryMaxMs, with jitter. */
  retryBaseMs: number;
  /** Whether webhooks may target loopback, private and link-local addresses (default: outside production only). */
  allowPrivateTargets: boolean;
  retryMaxMs: number;
}

export interface ImportLimits {
  /** A CSV's size; an XLSX's unpacked size, all parts together. */
  maxBytes: number;
  /** Rows of a file (header included; for an XLSX, of all worksheets together). */
  maxRows: number;
  /** Unpacked size of an XLSX's shared strings, and of any other part (except worksheets) kept in memory. */
  maxSharedStringsBytes: number;
  /** Entries in an XLSX's shared strings table. */
  maxSharedStrings: number;
}

/** `iss` of development tokens when JWT_ISSUER is unset (docs/clients.md). */
export const DEVELOPMENT_ISSUER = 'credit-hub-development';

// Development-only values: never used when NODE_ENV=production.
const DEV_JWT_SECRET = 'credit-hub-development-secret-do-not-use-in-production';
const DEV_PII_SECRET = 'credit-hub-development-pii-key-do-not-use-in-production';
const DEV_GATEWAY_SECRET = 'credit-hub-development-gateway-key-do-not-use-in-production';

export class ConfigError extends Error {}

function trustedProxies(list: string | undefined): TrustedProxy[] {
  try {
    return parseTrustedProxies(list);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function rateLimitStore(raw: string | undefined): RateLimitStore {
  if (!raw || raw === 'memory') return 'memory';
  if (raw === 'postgres') return raw;
  throw new ConfigError(`RATE_LIMIT_STORE must be memory or postgres, got "${raw}"`);
}

function replicaSettings(env: NodeJS.ProcessEnv): ReplicaSettings {
  try {
    return parseReplicaSettings(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function databaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  try {
    return parseDatabaseSettings(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be an integer port number, got "${raw}"`);
  }
  return value;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A duration as `90`, `90s`, `30m`, `24h` or `7d`, in seconds. */
export function durationSeconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)([smhd]?)$/.exec(raw.trim());
  if (!match || Number(match[1]) <= 0)
    throw new ConfigError(`${name} must be a duration such as 3600, 30m, 24h or 7d, got "${raw}"`);
  return Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
}

/**
 * Development mode as far as tokens go: the built-in JWT secret outside production. Only
 * then may the hub hand out tokens (`credit-hub token`, the start-up banner, the dashboard's
 * demo login) and register their clients by itself.
 */
export function developmentTokens(config: HubConfig): boolean {
  return !config.production && config.developmentDefaults.includes('JWT_SECRET') && Boolean(config.jwt.secret);
}

function jwtSettings(env: NodeJS.ProcessEnv, developmentDefaults: string[]): JwtSettings {
  const jwt = {
    secret: env.JWT_SECRET || undefined,
    publicKeyPem: env.JWT_PUBLIC_KEY || undefined,
    jwksUrl: env.JWT_JWKS_URL || undefined,
    issuer: env.JWT_ISSUER || undefined,
    audience: env.JWT_AUDIENCE || undefined,
    maxLifetimeSeconds: durationSeconds(env, 'JWT_MAX_LIFETIME', 24 * 3600),
    clientCacheMs: durationSeconds(env, 'CLIENT_CACHE_TTL', 10) * 1000,
  };
  if (jwt.clientCacheMs > 30_000)
    throw new ConfigError('CLIENT_CACHE_TTL must be at most 30s: a revoked client is refused only once it expires');
  if (!jwt.secret && !jwt.publicKeyPem && !jwt.jwksUrl) {
    jwt.secret = DEV_JWT_SECRET;
    developmentDefaults.push('JWT_SECRET');
  }
  return jwt;
}

/** The variable's value, or the development default (and its name noted in developmentDefaults). */
function secretOrDefault(env: NodeJS.ProcessEnv, name: string, fallback: string, developmentDefaults: string[]) {
  if (env[name]) return env[name];
  developmentDefaults.push(name);
  return fallback;
}

function keySettings(env: NodeJS.ProcessEnv, developmentDefaults: string[]) {
  try {
    return { audit: loadAuditSettings(env, developmentDefaults), report: loadReportSettings(env, developmentDefaults) };
  } catch (error) {
    if (error instanceof AuditConfigError || error instanceof ReportConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

function webhookSettings(env: NodeJS.ProcessEnv, production: boolean): WebhookSettings {
  return {
    dispatcher: env.WEBHOOK_DISPATCHER !== 'false',
    pollIntervalMs: positive(env, 'WEBHOOK_POLL_INTERVAL_MS', 1000),
    batchSize: positive(env, 'WEBHOOK_BATCH_SIZE', 20),
    timeoutMs: positive(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    maxAttempts: positive(env, 'WEBHOOK_MAX_ATTEMPTS', 12),
    retryBaseMs: positive(env, 'WEBHOOK_RETRY_BASE_MS', 10_000),
    retryMaxMs: positive(env, 'WEBHOOK_RETRY_MAX_MS', 3_600_000),
    // Development and tests deliver to receivers on this machine; production refuses them unless told.
    allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS ? env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true' : !production,
  };
}

function importLimits(env: NodeJS.ProcessEnv): ImportLimits {
  return {
    maxBytes: positive(env, 'IMPORT_MAX_BYTES', 1024 * 1024 * 1024),
    maxRows: positive(env, 'IMPORT_MAX_ROWS', 1_000_000),
    maxSharedStringsBytes: positive(env, 'IMPORT_MAX_SHARED_STRINGS_BYTES', 64 * 1024 * 1024),
    maxSharedStrings: positive(env, 'IMPORT_MAX_SHARED_STRINGS', 1_000_000),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const production = env.NODE_ENV === 'production';
  const developmentDefaults: string[] = [];
  const jwt = jwtSettings(env, developmentDefaults);
  const piiSecret = secretOrDefault(env, 'PII_SECRET', DEV_PII_SECRET, developmentDefaults);
  const gatewaySecret = secretOrDefault(env, 'GATEWAY_SECRET', DEV_GATEWAY_SECRET, developmentDefaults);
  const { audit, report } = keySettings(env, developmentDefaults);
  if (production && developmentDefaults.length > 0) {
    throw new ConfigError(
      `NODE_ENV=production needs ${developmentDefaults.join(' and ')} to be set; refusing development defaults`,
    );
  }
  return {
    production,
    port: intFrom(env, 'PORT', 4000),
    // Development hands out tokens (POST /dashboard/dev/token): it listens on loopback unless told otherwise.
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    embeddedPg: {
      dataDir: path.resolve(env.PG_DATA_DIR || path.join(process.cwd(), '.data', 'postgres')),
      port: intFrom(env, 'PG_PORT', 5433),
    },
    jwt,
    piiSecret,
    gatewaySecret,
    audit,
    report,
    limits: {
      maxBodyBytes: positive(env, 'MAX_BODY_BYTES', 2 * 1024 * 1024),
      ratePerMinute: positive(env, 'RATE_LIMIT_PER_MINUTE', 600),
      maxListLength: positive(env, 'MAX_LIST_LENGTH', 2000),
      authFailuresPerMinute: positive(env, 'AUTH_FAILURES_PER_MINUTE', 10),
      trustedProxies: trustedProxies(env.TRUSTED_PROXIES),
      store: rateLimitStore(env.RATE_LIMIT_STORE),
      storeTimeoutMs: positive(env, 'RATE_LIMIT_STORE_TIMEOUT_MS', 250),
    },
    metrics: { port: intFrom(env, 'METRICS_PORT', 0) || undefined, token: env.METRICS_TOKEN || undefined },
    imports: importLimits(env),
    webhooks: webhookSettings(env, production),
    listExpiryIntervalSeconds:
      env.LIST_EXPIRY_INTERVAL_SECONDS?.trim() === '0' ? 0 : durationSeconds(env, 'LIST_EXPIRY_INTERVAL_SECONDS', 3600),
    explorer: env.EXPLORER ? env.EXPLORER === 'true' : !production,
    loadDemoData: env.DEMO_DATA !== 'false',
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'debug'),
    developmentDefaults,
    replicas: replicaSettings(env),
    databases: databaseSettings(env),
    gatewayPassThrough: env.GATEWAY_PASS_THROUGH !== 'false',
  };
}
