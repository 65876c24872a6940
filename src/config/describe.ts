import { redactUrl } from '../db/database';
import type { HubConfig } from './index';
import { SUBGRAPH_DATABASES, variable } from './databases';

/** A secret as it may be printed: whether it is set, never its value. */
function secret(config: HubConfig, name: string, value: string | undefined): string {
  if (config.developmentDefaults.includes(name)) return 'development default (refused in production)';
  return value ? 'set (****)' : '(unset)';
}

const url = (value: string | undefined) => (value ? redactUrl(value) : '(unset)');

function databaseLines(config: HubConfig): [string, string][] {
  if (!config.databaseUrl)
    return [
      ['database', `embedded PostgreSQL, PG_DATA_DIR=${config.embeddedPg.dataDir}, PG_PORT=${config.embeddedPg.port}`],
    ];
  const { replicas } = config;
  return [
    ['DATABASE_URL', url(config.databaseUrl)],
    ['MIGRATION_DATABASE_URL', url(config.migrationDatabaseUrl)],
    ['DATABASE_REPLICA_URLS', replicas.urls.length ? replicas.urls.map(url).join(', ') : '(none: primary only)'],
    ['REPLICA_STICKY_SECONDS', `${replicas.stickySeconds} s`],
    // A database per subgraph: only the ones set (the others are DATABASE_URL's database).
    ...SUBGRAPH_DATABASES.filter((name) => config.databases[name].own).flatMap((name): [string, string][] => [
      [variable(name), url(config.databases[name].url)],
      [variable(name, 'MIGRATION_DATABASE_URL'), url(config.databases[name].ownerUrl)],
    ]),
  ];
}

function jwtLines(config: HubConfig): [string, string][] {
  const { jwt } = config;
  return [
    ['JWT_SECRET', secret(config, 'JWT_SECRET', jwt.secret)],
    ['JWT_PUBLIC_KEY', jwt.publicKeyPem ? 'set' : '(unset)'],
    ['JWT_JWKS_URL', jwt.jwksUrl ?? '(unset)'],
    ['JWT_ISSUER / JWT_AUDIENCE', `${jwt.issuer ?? '(unset)'} / ${jwt.audience ?? '(unset)'}`],
    ['JWT_MAX_LIFETIME', `${jwt.maxLifetimeSeconds} s`],
    ['CLIENT_CACHE_TTL', `${jwt.clientCacheMs / 1000} s`],
  ];
}

function auditLines(config: HubConfig): [string, string][] {
  const { audit } = config;
  const kids = audit.hmacKeys.map((key) => key.id).join(', ');
  const hmac = config.developmentDefaults.includes('AUDIT_HMAC_KEYS') ? secret(config, 'AUDIT_HMAC_KEYS', '') : kids;
  return [
    ['AUDIT_HMAC_KEYS (key ids)', hmac],
    ['AUDIT_SIGNING_KEY', secret(config, 'AUDIT_SIGNING_KEY', audit.signingKeyPem)],
    ['AUDIT_VERIFY_KEYS', `${audit.verifyKeyPems.length} public key(s), the signing key's included`],
    ['AUDIT_CHECKPOINT_DIR', audit.checkpointDir],
    ['AUDIT_CHECKPOINT_INTERVAL_S', String(audit.checkpointIntervalSeconds)],
    ['REPORT_SIGNING_KEY', secret(config, 'REPORT_SIGNING_KEY', config.report.keyId)],
    [
      'REPORT_KEY_ID / REPORT_VERIFY_KEYS',
      `${config.report.keyId} / ${config.report.publicKeys.length - 1} older key(s)`,
    ],
    ['AUDIT_ARCHIVE_DIR', audit.archiveDir],
    ['AUDIT_RETENTION_MONTHS', audit.retentionMonths === null ? 'keep every month' : String(audit.retentionMonths)],
    ['AUDIT_PARTITION_MONTHS_AHEAD', String(audit.partitionMonthsAhead)],
  ];
}

function serviceLines(config: HubConfig): [string, string][] {
  const { limits, metrics, webhooks, imports } = config;
  return [
    ['MAX_BODY_BYTES / MAX_LIST_LENGTH', `${limits.maxBodyBytes} / ${limits.maxListLength}`],
    ['RATE_LIMIT_PER_MINUTE / AUTH_FAILURES_PER_MINUTE', `${limits.ratePerMinute} / ${limits.authFailuresPerMinute}`],
    ['RATE_LIMIT_STORE', limits.store === 'memory' ? 'memory (per process)' : `postgres (${limits.storeTimeoutMs} ms)`],
    ['TRUSTED_PROXIES', limits.trustedProxies.map(([range, bits]) => `${range}/${bits}`).join(', ') || '(none)'],
    ['METRICS_PORT / METRICS_TOKEN', `${metrics.port ?? '(unset)'} / ${metrics.token ? 'set (****)' : '(unset)'}`],
    ['IMPORT_MAX_BYTES / IMPORT_MAX_ROWS', `${imports.maxBytes} / ${imports.maxRows}`],
    [
      'WEBHOOK_DISPATCHER',
      `${webhooks.dispatcher}, poll ${webhooks.pollIntervalMs} ms, batch ${webhooks.batchSize}, ` +
        `timeout ${webhooks.timeoutMs} ms, ${webhooks.maxAttempts} attempts, private targets ${webhooks.allowPrivateTargets}`,
    ],
    ['LIST_EXPIRY_INTERVAL_SECONDS', String(config.listExpiryIntervalSeconds)],
    ['DEMO_DATA', String(config.loadDemoData)],
    ['LOG_LEVEL', config.logLevel],
  ];
}

/**
 * The configuration in force as `name: value` lines for `credit-hub doctor`: every secret is
 * shown as set, unset or development default, never by value; URLs without their password.
 */
export function describeConfig(config: HubConfig): [string, string][] {
  return [
    ['NODE_ENV', config.production ? 'production' : 'development'],
    ['HOST:PORT', `${config.host}:${config.port}`],
    ...databaseLines(config),
    ...jwtLines(config),
    ['PII_SECRET', secret(config, 'PII_SECRET', config.piiSecret)],
    ['GATEWAY_SECRET', secret(config, 'GATEWAY_SECRET', config.gatewaySecret)],
    ...auditLines(config),
    ...serviceLines(config),
    ['development defaults', config.developmentDefaults.join(', ') || '(none)'],
  ];
}
