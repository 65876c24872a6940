import { createHash, timingSafeEqual } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import type { ReportSettings } from '../../../config/report';

/**
 * The signature of credit reports: a compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037), `kid` naming the key
 * the JWKS at /.well-known/credit-report-keys.json publishes. The digest (SHA-256 of the compact JWS, hex) is what a
 * reader presents to verifyCreditReport; its first 16 digits are the verification code printed on the report.
 */

export const REPORT_MEDIA_TYPE = 'credit-report+json';

export function signReport(payloadJson: string, settings: ReportSettings): Promise<string> {
  return new CompactSign(new TextEncoder().encode(payloadJson))
    .setProtectedHeader({ alg: 'EdDSA', kid: settings.keyId, cty: REPORT_MEDIA_TYPE })
    .sign(settings.signingKey);
}

/** The payload text when `jws` verifies with the published key its `kid` names; null otherwise. */
export async function verifiedPayload(jws: string, settings: ReportSettings): Promise<string | null> {
  try {
    const { kid, alg } = decodeProtectedHeader(jws);
    const key = settings.publicKeys.find((entry) => entry.kid === kid)?.key;
    if (!key || alg !== 'EdDSA') return null;
    const { payload } = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
    return new TextDecoder().decode(payload);
  } catch {
    return null;
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The printed verification code: the digest's first 16 hex digits, upper case, XXXX-XXXX-XXXX-XXXX. */
export function verificationCode(digest: string): string {
  return (digest.slice(0, 16).toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/** A presented digest or verification code, normalised: hex digits only, lower case (null when neither shape). */
export function presentedDigest(raw: string): string | null {
  const hex = raw.replace(/[\s-]/g, '').toLowerCase();
  return /^[0-9a-f]{16}$/.test(hex) || /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Whether a presented digest (whole, or the 16-digit code) is the stored one, in constant time. */
export function digestMatches(stored: string, presented: string): boolean {
  const expected = Buffer.from(stored.slice(0, presented.length));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
