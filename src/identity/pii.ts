import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { normalizeCode } from './subject-code';

/** Prefix of the look-up key of a resident ID number; organizations' keys are their USCC. */
export const PERSON_KEY_PREFIX = 'h:';

const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function deriveKey(secret: string, info: string): Buffer {
  // Empty salt = HashLen zero bytes (RFC 5869); the info string separates the two keys.
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
}

/**
 * Resident ID numbers are sensitive personal information (PIPL): the database holds a
 * keyed hash for unique index and look-up, and an AES-GCM ciphertext for the few entitled
 * to the full value. Separate keys mean leaking one does not weaken the other.
 */
export class PiiProtector {
  readonly #lookupKey: Buffer;
  readonly #encryptKey: Buffer;

  constructor(secret: string) {
    if (!secret) throw new Error('PiiProtector needs a non-empty secret.');
    this.#lookupKey = deriveKey(secret, 'credit-hub lookup');
    this.#encryptKey = deriveKey(secret, 'credit-hub encrypt');
  }

  /** Deterministic so equal codes collide in the unique index, whatever their spelling. */
  lookupKey(code: string): string {
    return PERSON_KEY_PREFIX + createHmac('sha256', this.#lookupKey).update(normalizeCode(code), 'utf8').digest('hex');
  }

  encrypt(code: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptKey, iv);
    const ciphertext = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  /** Throws on an unknown version, a malformed payload, a wrong key or any tampering. */
  decrypt(payload: string): string {
    if (!payload.startsWith(VERSION)) throw new Error('Unsupported PII payload version.');
    const body = payload.slice(VERSION.length);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new Error('Malformed PII payload.');
    const raw = Buffer.from(body, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('Malformed PII payload.');
    const decipher = createDecipheriv('aes-256-gcm', this.#encryptKey, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('PII payload failed authentication (tampered or wrong key).');
    }
  }
}
