import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { splitPemBlocks } from './audit';

/** One Ed25519 public key of credit reports, as the JWKS publishes it. */
export interface ReportPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** Signing of credit reports (docs/credit-report.md). */
export interface ReportSettings {
  /** REPORT_SIGNING_KEY: the Ed25519 private key that signs new reports. */
  signingKey: KeyObject;
  /** REPORT_KEY_ID, else the key's RFC 7638 thumbprint: the `kid` of every report it signs. */
  keyId: string;
  /** The signing key's public half first, then REPORT_VERIFY_KEYS (older keys: reports they signed still verify). */
  publicKeys: { kid: string; key: KeyObject; jwk: ReportPublicJwk }[];
}

// Development-only key: flagged in developmentDefaults and refused when NODE_ENV=production.
const DEV_REPORT_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIGQIa8cMsjAn0Vbgt5C8rg6kyANTp56YyjaCGYTdM260
-----END PRIVATE KEY-----
`;

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export class ReportConfigError extends Error {}

/** RFC 7638 thumbprint of an OKP key: SHA-256 over its required members in lexicographic order. */
function thumbprint(x: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
}

function ed25519(key: KeyObject, name: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ReportConfigError(`${name} must be an Ed25519 key, got a ${key.asymmetricKeyType} key`);
  return key;
}

/** A private key as PKCS#8 PEM (`\n` escapes allowed) or as a JWK with `d`. */
function privateKeyOf(raw: string): KeyObject {
  try {
    const text = raw.trim();
    const key = text.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' })
      : createPrivateKey(text.replace(/\\n/g, '\n'));
    return ed25519(key, 'REPORT_SIGNING_KEY');
  } catch (error) {
    if (error instanceof ReportConfigError) throw error;
    throw new ReportConfigError(
      `REPORT_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM or as a JWK (${(error as Error).message})`,
    );
  }
}

function publicEntry(key: KeyObject, kid?: string) {
  const { x } = key.export({ format: 'jwk' }) as { x: string };
  const id = kid ?? thumbprint(x);
  const jwk: ReportPublicJwk = { kty: 'OKP', crv: 'Ed25519', x, kid: id, alg: 'EdDSA', use: 'sig' };
  return { kid: id, key, jwk };
}

/** REPORT_SIGNING_KEY (development default when unset), REPORT_KEY_ID, REPORT_VERIFY_KEYS. */
export function loadReportSettings(env: NodeJS.ProcessEnv, developmentDefaults: string[]): ReportSettings {
  if (!env.REPORT_SIGNING_KEY) developmentDefaults.push('REPORT_SIGNING_KEY');
  const signingKey = privateKeyOf(env.REPORT_SIGNING_KEY || DEV_REPORT_KEY);
  if (env.REPORT_KEY_ID && !KEY_ID.test(env.REPORT_KEY_ID))
    throw new ReportConfigError('REPORT_KEY_ID: 1 to 64 letters, digits, . _ -');
  const current = publicEntry(createPublicKey(signingKey), env.REPORT_KEY_ID || undefined);
  const older = splitPemBlocks(env.REPORT_VERIFY_KEYS ?? '').map((pem) =>
    publicEntry(ed25519(createPublicKey(pem), 'REPORT_VERIFY_KEYS')),
  );
  const publicKeys = [current, ...older.filter((entry) => entry.kid !== current.kid)];
  return { signingKey, keyId: current.kid, publicKeys };
}
