import { createPrivateKey, createPublicKey } from 'node:crypto';
import path from 'node:path';

/** One HMAC key of the access log, named by the key id every entry stores. */
export interface AuditHmacKey {
  id: string;
  key: Buffer;
}

/** The access log's keys and checkpoints (docs/audit.md). */
export interface AuditSettings {
  /** First: keys new entries; all: verify. Never sent to PostgreSQL. */
  hmacKeys: AuditHmacKey[];
  /** Ed25519 private key (PKCS#8 PEM) that signs checkpoints. */
  signingKeyPem: string;
  /** Public keys (SPKI PEM) a checkpoint may be signed with: AUDIT_VERIFY_KEYS plus the signing key's own. */
  verifyKeyPems: string[];
  /** Where signed checkpoints are written, outside the database. */
  checkpointDir: string;
  /** Seconds between checkpoints in the process that serves the archives subgraph; 0 = only on demand. */
  checkpointIntervalSeconds: number;
  /** Where `audit archive` writes signed monthly archives of the log, outside the database. */
  archiveDir: string;
  /** Full months a month stays in the database after it ends; null (the default) = every month stays. */
  retentionMonths: number | null;
  /** Monthly partitions kept ready beyond the current month (start-up, daily, `audit maintain`). */
  partitionMonthsAhead: number;
}

// Development-only keys: flagged in developmentDefaults and refused when NODE_ENV=production.
const DEV_HMAC_KEYS = 'dev-2026:Y3JlZGl0LWh1Yi1kZXZlbG9wbWVudC1hdWRpdC1obWFjLWtleS1kby1ub3QtdXNlIQ==';
const DEV_SIGNING_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJJfLFLvucB4KxO5NYqkUdXH/QICZr2lnUaAsU+7yVmj
-----END PRIVATE KEY-----
`;

const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;
const MIN_HMAC_KEY_BYTES = 32;

export class AuditConfigError extends Error {}

/** `kid1:base64,kid2:base64`: the first keys new entries, the others still verify older ones. */
export function parseHmacKeys(raw: string): AuditHmacKey[] {
  const keys = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      const id = colon > 0 ? part.slice(0, colon) : '';
      if (!KEY_ID.test(id))
        throw new AuditConfigError('AUDIT_HMAC_KEYS: each key is kid:base64 with a kid of letters, digits, . _ -');
      const key = Buffer.from(part.slice(colon + 1), 'base64');
      if (key.length < MIN_HMAC_KEY_BYTES) {
        throw new AuditConfigError(`AUDIT_HMAC_KEYS: key "${id}" must be at least ${MIN_HMAC_KEY_BYTES} bytes`);
      }
      return { id, key };
    });
  if (keys.length === 0) throw new AuditConfigError('AUDIT_HMAC_KEYS names no key');
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new AuditConfigError('AUDIT_HMAC_KEYS: key ids must be unique');
  return keys;
}

/** One or more PEM public keys in one value (blocks one after the other). */
export function splitPemBlocks(raw: string): string[] {
  return [...raw.replace(/\\n/g, '\n').matchAll(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g)].map(
    (m) => `${m[0]}\n`,
  );
}

function signingKey(pem: string): { privatePem: string; publicPem: string } {
  try {
    const key = createPrivateKey(pem.replace(/\\n/g, '\n'));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType} key`);
    return {
      privatePem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    };
  } catch (error) {
    throw new AuditConfigError(
      `AUDIT_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM (${(error as Error).message})`,
    );
  }
}

function verifyKeys(raw: string): string[] {
  const blocks = splitPemBlocks(raw);
  if (blocks.length === 0) throw new AuditConfigError('AUDIT_VERIFY_KEYS holds no "BEGIN PUBLIC KEY" block');
  return blocks.map((block) => {
    const key = createPublicKey(block);
    if (key.asymmetricKeyType !== 'ed25519') throw new AuditConfigError('AUDIT_VERIFY_KEYS: every key must be Ed25519');
    return key.export({ type: 'spki', format: 'pem' }).toString();
  });
}

function whole(name: string, raw: string | undefined, fallback: number, range: [number, number]): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range[0] || value > range[1]) {
    throw new AuditConfigError(`${name} must be a whole number from ${range[0]} to ${range[1]}, got "${raw}"`);
  }
  return value;
}

/** Reads the audit settings; names of development defaults taken are pushed onto `developmentDefaults`. */
export function loadAuditSettings(env: NodeJS.ProcessEnv, developmentDefaults: string[]): AuditSettings {
  if (!env.AUDIT_HMAC_KEYS) developmentDefaults.push('AUDIT_HMAC_KEYS');
  if (!env.AUDIT_SIGNING_KEY) developmentDefaults.push('AUDIT_SIGNING_KEY');
  const signing = signingKey(env.AUDIT_SIGNING_KEY || DEV_SIGNING_KEY);
  const configured = env.AUDIT_VERIFY_KEYS ? verifyKeys(env.AUDIT_VERIFY_KEYS) : [];
  return {
    hmacKeys: parseHmacKeys(env.AUDIT_HMAC_KEYS || DEV_HMAC_KEYS),
    signingKeyPem: signing.privatePem,
    verifyKeyPems: [...new Set([signing.publicPem, ...configured])],
    checkpointDir: path.resolve(env.AUDIT_CHECKPOINT_DIR || path.join(process.cwd(), '.data', 'audit-checkpoints')),
    checkpointIntervalSeconds: whole('AUDIT_CHECKPOINT_INTERVAL_S', env.AUDIT_CHECKPOINT_INTERVAL_S, 60, [
      0,
      Number.MAX_SAFE_INTEGER,
    ]),
    archiveDir: path.resolve(env.AUDIT_ARCHIVE_DIR || path.join(process.cwd(), '.data', 'audit-archive')),
    retentionMonths: env.AUDIT_RETENTION_MONTHS
      ? whole('AUDIT_RETENTION_MONTHS', env.AUDIT_RETENTION_MONTHS, 0, [1, 1200])
      : null,
    partitionMonthsAhead: whole('AUDIT_PARTITION_MONTHS_AHEAD', env.AUDIT_PARTITION_MONTHS_AHEAD, 3, [1, 24]),
  };
}
