import { createHmac, hkdfSync } from 'node:crypto';
import { PiiProtector } from '../../../src/identity';

const SECRET = 'test-secret-for-unit-tests';
const ID = '11010519491231002X';

describe('PiiProtector.lookupKey', () => {
  const pii = new PiiProtector(SECRET);

  it('is an HMAC-SHA256 under the HKDF-derived lookup key', () => {
    const key = Buffer.from(hkdfSync('sha256', SECRET, Buffer.alloc(0), 'credit-hub lookup', 32));
    const expected = 'h:' + createHmac('sha256', key).update(ID).digest('hex');
    expect(pii.lookupKey(ID)).toBe(expected);
    expect(pii.lookupKey(ID)).toMatch(/^h:[0-9a-f]{64}$/);
  });

  it('is deterministic and normalises its input', () => {
    expect(pii.lookupKey(ID)).toBe(new PiiProtector(SECRET).lookupKey(ID));
    expect(pii.lookupKey(' 110105 19491231 002x ')).toBe(pii.lookupKey(ID));
    expect(pii.lookupKey('360426199101010071')).not.toBe(pii.lookupKey(ID));
  });

  it('depends on the secret', () => {
    expect(new PiiProtector('another-secret').lookupKey(ID)).not.toBe(pii.lookupKey(ID));
  });

  it('uses a key independent of the encryption key and of the raw secret', () => {
    const encKey = Buffer.from(hkdfSync('sha256', SECRET, Buffer.alloc(0), 'credit-hub encrypt', 32));
    const lookupKey = Buffer.from(hkdfSync('sha256', SECRET, Buffer.alloc(0), 'credit-hub lookup', 32));
    expect(encKey.equals(lookupKey)).toBe(false);
    expect(pii.lookupKey(ID)).not.toBe('h:' + createHmac('sha256', encKey).update(ID).digest('hex'));
    expect(pii.lookupKey(ID)).not.toBe('h:' + createHmac('sha256', SECRET).update(ID).digest('hex'));
  });

  it('refuses an empty secret', () => {
    expect(() => new PiiProtector('')).toThrow();
  });
});

describe('PiiProtector.encrypt / decrypt', () => {
  const pii = new PiiProtector(SECRET);

  it('round-trips', () => {
    const payload = pii.encrypt(ID);
    expect(payload.startsWith('v1:')).toBe(true);
    expect(payload).not.toContain(ID);
    expect(pii.decrypt(payload)).toBe(ID);
    expect(new PiiProtector(SECRET).decrypt(payload)).toBe(ID);
    expect(pii.decrypt(pii.encrypt(''))).toBe('');
    expect(pii.decrypt(pii.encrypt('中文 text'))).toBe('中文 text');
  });

  it('lays out iv | tag | ciphertext and uses a fresh IV', () => {
    const a = pii.encrypt(ID);
    const b = pii.encrypt(ID);
    expect(a).not.toBe(b);
    const raw = Buffer.from(a.slice(3), 'base64');
    expect(raw.length).toBe(12 + 16 + ID.length);
    expect(raw.subarray(0, 12).equals(Buffer.from(b.slice(3), 'base64').subarray(0, 12))).toBe(false);
  });

  it('detects tampering with the ciphertext, tag or IV', () => {
    const raw = Buffer.from(pii.encrypt(ID).slice(3), 'base64');
    for (const index of [0, 11, 12, 27, 28, raw.length - 1]) {
      const copy = Buffer.from(raw);
      copy[index] = copy[index]! ^ 0x01;
      expect(() => pii.decrypt('v1:' + copy.toString('base64'))).toThrow(/authentication/);
    }
  });

  it('rejects truncated, malformed or unversioned payloads', () => {
    const payload = pii.encrypt(ID);
    const raw = Buffer.from(payload.slice(3), 'base64');
    expect(() => pii.decrypt('v1:' + raw.subarray(0, 20).toString('base64'))).toThrow();
    expect(() => pii.decrypt('v1:' + raw.subarray(0, raw.length - 1).toString('base64'))).toThrow();
    expect(() => pii.decrypt(payload.slice(3))).toThrow(/version/);
    expect(() => pii.decrypt('v2:' + payload.slice(3))).toThrow(/version/);
    expect(() => pii.decrypt('v1:!!!')).toThrow(/Malformed/);
    expect(() => pii.decrypt(ID)).toThrow();
  });

  it('cannot be decrypted with another secret', () => {
    expect(() => new PiiProtector('another-secret').decrypt(pii.encrypt(ID))).toThrow(/authentication/);
  });
});
