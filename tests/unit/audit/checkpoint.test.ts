import { generateKeyPairSync } from 'node:crypto';
import { CompactSign } from 'jose';
import {
  CheckpointRefused,
  signCheckpoint,
  verifyCheckpoint,
  type ChainHeadState,
} from '../../../src/audit/checkpoint';
import { ConfigError, loadConfig } from '../../../src/config';
import { parseHmacKeys } from '../../../src/config/audit';
import { TEST_AUDIT_ENV } from '../../helpers/audit-keys';

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

describe('signed checkpoints', () => {
  const ours = pair();
  const theirs = pair();
  const heads: ChainHeadState[] = [
    { chain: 0, seq: '12', hash: 'c'.repeat(64), legacySeq: '0' },
    { chain: 1, seq: '0', hash: '0'.repeat(64), legacySeq: '0' },
  ];

  it('verifies offline with the public key and says what was signed', async () => {
    const jws = await signCheckpoint(heads, ours.privatePem, new Date('2026-12-01T10:00:00Z'));
    const payload = await verifyCheckpoint(jws, [theirs.publicPem, ours.publicPem]);
    expect(payload).toEqual({
      type: 'credit-hub.audit.checkpoint',
      version: 1,
      issuedAt: '2026-12-01T10:00:00.000Z',
      heads,
    });
    const header = JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString());
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'credit-hub-audit-checkpoint+jws', kid: expect.any(String) });
  });

  it('refuses a checkpoint signed with another key, or altered after signing', async () => {
    const foreign = await signCheckpoint(heads, theirs.privatePem);
    await expect(verifyCheckpoint(foreign, [ours.publicPem])).rejects.toThrow(CheckpointRefused);
    const [header, , signature] = (await signCheckpoint(heads, ours.privatePem)).split('.');
    const altered = Buffer.from(
      JSON.stringify({ type: 'credit-hub.audit.checkpoint', version: 1, issuedAt: 'x', heads: [] }),
    ).toString('base64url');
    await expect(verifyCheckpoint(`${header}.${altered}.${signature}`, [ours.publicPem])).rejects.toThrow(
      CheckpointRefused,
    );
  });

  it('refuses a JWS by the right key that is not a checkpoint', async () => {
    const { createPrivateKey } = await import('node:crypto');
    const other = await new CompactSign(new TextEncoder().encode('{"heads":[]}'))
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(createPrivateKey(ours.privatePem));
    await expect(verifyCheckpoint(other, [ours.publicPem])).rejects.toThrow(/not a checkpoint/);
  });
});

describe('audit configuration', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'j', PII_SECRET: 'p', GATEWAY_SECRET: 'g' };

  it('refuses the development keys in production', () => {
    expect(() => loadConfig(production)).toThrow(/AUDIT_HMAC_KEYS and AUDIT_SIGNING_KEY/);
    expect(() => loadConfig({ ...production, AUDIT_HMAC_KEYS: TEST_AUDIT_ENV.AUDIT_HMAC_KEYS })).toThrow(
      /AUDIT_SIGNING_KEY/,
    );
    const config = loadConfig({ ...production, ...TEST_AUDIT_ENV });
    expect(config.audit.hmacKeys.map((k) => k.id)).toEqual(['test-1']);
    expect(loadConfig({}).developmentDefaults).toEqual(
      expect.arrayContaining(['AUDIT_HMAC_KEYS', 'AUDIT_SIGNING_KEY']),
    );
  });

  it('reads rotated HMAC keys newest first, and refuses weak or malformed ones', () => {
    const keys = parseHmacKeys(
      `k2:${Buffer.alloc(32, 2).toString('base64')}, k1:${Buffer.alloc(48, 1).toString('base64')}`,
    );
    expect(keys.map((k) => [k.id, k.key.length])).toEqual([
      ['k2', 32],
      ['k1', 48],
    ]);
    expect(() => parseHmacKeys(`k1:${Buffer.alloc(16).toString('base64')}`)).toThrow(/at least 32 bytes/);
    expect(() => parseHmacKeys(Buffer.alloc(32).toString('base64'))).toThrow(/kid:base64/);
    expect(() =>
      parseHmacKeys(`a:${Buffer.alloc(32).toString('base64')},a:${Buffer.alloc(32).toString('base64')}`),
    ).toThrow(/unique/);
  });

  it('verifies with AUDIT_VERIFY_KEYS and the signing key, and refuses keys that are not Ed25519', () => {
    const old = pair();
    const config = loadConfig({ ...TEST_AUDIT_ENV, AUDIT_VERIFY_KEYS: old.publicPem.replace(/\n/g, '\\n') });
    expect(config.audit.verifyKeyPems).toHaveLength(2);
    expect(config.audit.verifyKeyPems).toContain(old.publicPem);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: rsa })).toThrow(ConfigError);
  });
});
