import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from '../../../src/subgraphs/records/webhooks/signature';
import { retryDelayMs } from '../../../src/subgraphs/records/webhooks/retry';
import { validateWebhookUrl } from '../../../src/subgraphs/records/webhooks/webhook.service';
import { ENGLISH_MESSAGE } from '../../../src/common/errors';

const SECRET = 'whsec_test';
const BODY = JSON.stringify({ id: '7', event: 'LISTED', data: { subject: { code: '913209021045930233' } } });
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const TS = String(NOW / 1000);

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over "timestamp.body", hex, as v1=…', () => {
    const expected = createHmac('sha256', SECRET).update(`${TS}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, TS, BODY)).toBe(`v1=${expected}`);
  });

  it('accepts a fresh, untampered delivery', () => {
    expect(verifyWebhookSignature(SECRET, TS, BODY, signWebhook(SECRET, TS, BODY), 300, NOW)).toBe(true);
    // Within tolerance either way (clock skew between hub and receiver).
    expect(verifyWebhookSignature(SECRET, TS, BODY, signWebhook(SECRET, TS, BODY), 300, NOW + 299_000)).toBe(true);
    expect(verifyWebhookSignature(SECRET, TS, BODY, signWebhook(SECRET, TS, BODY), 300, NOW - 299_000)).toBe(true);
  });

  it('refuses a replay outside the tolerance, even with a valid signature', () => {
    expect(verifyWebhookSignature(SECRET, TS, BODY, signWebhook(SECRET, TS, BODY), 300, NOW + 301_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TS, BODY, signWebhook(SECRET, TS, BODY), 300, NOW - 301_000)).toBe(false);
  });

  it('refuses a tampered body, a changed timestamp, another secret and malformed headers', () => {
    const signature = signWebhook(SECRET, TS, BODY);
    expect(verifyWebhookSignature(SECRET, TS, BODY.replace('LISTED', 'DELISTED'), signature, 300, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, String(Number(TS) + 1), BODY, signature, 300, NOW)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', TS, BODY, signature, 300, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TS, BODY, signature.replace('v1=', 'v0='), 300, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TS, BODY, 'v1=abc', 300, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, '12x', BODY, signature, 300, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TS, BODY, '', 300, NOW)).toBe(false);
  });

  it('accepts a header listing several signatures when one matches (secret rotation)', () => {
    const header = `${signWebhook('whsec_old', TS, BODY)}, ${signWebhook(SECRET, TS, BODY)}`;
    expect(verifyWebhookSignature(SECRET, TS, BODY, header, 300, NOW)).toBe(true);
  });
});

describe('retry back-off', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 };

  it('doubles per failed attempt, capped, within the upper half of the window (jitter)', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([1000, 2000, 4000, 5000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([500, 1000, 2000, 2500]);
    const jittered = retryDelayMs(3, policy, () => 0.5)!;
    expect(jittered).toBe(3000);
  });

  it('gives up after maxAttempts: the delivery is FAILED', () => {
    expect(retryDelayMs(5, policy, () => 0.5)).toBeNull();
    expect(retryDelayMs(6, policy, () => 0.5)).toBeNull();
  });

  it('never overflows for a large attempt count', () => {
    expect(retryDelayMs(200, { ...policy, maxAttempts: 1000 }, () => 1)).toBe(5000);
  });
});

describe('webhook URLs', () => {
  it('accepts http and https', () => {
    expect(validateWebhookUrl(' https://hooks.example.gov.cn/credit ')).toBe('https://hooks.example.gov.cn/credit');
    expect(validateWebhookUrl('http://127.0.0.1:8080/in')).toBe('http://127.0.0.1:8080/in');
  });

  it.each([
    ['empty', '', /must not be empty/],
    ['relative', 'hooks.example.gov.cn/credit', /not an absolute URL/],
    ['ftp', 'ftp://example.gov.cn/in', /http or https, not ftp/],
    ['javascript', 'javascript:alert(1)', /http or https/],
    ['with credentials', 'https://user:pw@example.gov.cn/in', /user name or password/],
    ['too long', `https://example.gov.cn/${'a'.repeat(2001)}`, /longer than/],
  ])('refuses a %s URL with BAD_USER_INPUT on field url, saying why', (_label, url, english) => {
    expect(() => validateWebhookUrl(url)).toThrow();
    try {
      validateWebhookUrl(url);
    } catch (error) {
      // Each refusal has its own reason; the English text a client gets for Accept-Language: en names it.
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'url',
        [ENGLISH_MESSAGE]: expect.stringMatching(english),
      });
    }
  });
});
