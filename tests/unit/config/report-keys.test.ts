import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../../../src/config';
import { TEST_AUDIT_ENV } from '../../helpers/audit-keys';

/** REPORT_SIGNING_KEY, REPORT_KEY_ID, REPORT_VERIFY_KEYS (docs/credit-report.md "Keys"). */
describe('credit report signing key', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'j', PII_SECRET: 'p', GATEWAY_SECRET: 'g' };

  it('falls back to a development key outside production, flagged; production refuses it', () => {
    expect(loadConfig({}).developmentDefaults).toContain('REPORT_SIGNING_KEY');
    const { REPORT_SIGNING_KEY: _unset, ...withoutReportKey } = TEST_AUDIT_ENV;
    expect(() => loadConfig({ ...production, ...withoutReportKey })).toThrow(/REPORT_SIGNING_KEY/);
    const config = loadConfig({ ...production, ...TEST_AUDIT_ENV });
    expect(config.developmentDefaults).toEqual([]);
    expect(config.report.publicKeys[0].jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: config.report.keyId });
  });

  it('reads the key as PKCS#8 PEM or as a JWK, with the same RFC 7638 thumbprint as key id', () => {
    const pem = loadConfig({ ...TEST_AUDIT_ENV });
    const jwk = JSON.stringify(pem.report.signingKey.export({ format: 'jwk' }));
    const fromJwk = loadConfig({ ...TEST_AUDIT_ENV, REPORT_SIGNING_KEY: jwk });
    expect(fromJwk.report.keyId).toBe(pem.report.keyId);
    expect(pem.report.keyId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadConfig({ ...TEST_AUDIT_ENV, REPORT_KEY_ID: 'report-2026' }).report.keyId).toBe('report-2026');
  });

  it('publishes older keys after the signing key, and refuses keys that are not Ed25519', () => {
    const old = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const config = loadConfig({ ...TEST_AUDIT_ENV, REPORT_VERIFY_KEYS: old });
    expect(config.report.publicKeys).toHaveLength(2);
    expect(config.report.publicKeys[1].key.equals(createPublicKey(old))).toBe(true);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => loadConfig({ REPORT_SIGNING_KEY: rsa.toString() })).toThrow(/Ed25519/);
    expect(() => loadConfig({ REPORT_SIGNING_KEY: 'not a key' })).toThrow(/REPORT_SIGNING_KEY/);
    expect(() => loadConfig({ ...TEST_AUDIT_ENV, REPORT_KEY_ID: 'bad id!' })).toThrow(/REPORT_KEY_ID/);
  });
});
