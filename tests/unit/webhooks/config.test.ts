import { ConfigError, loadConfig } from '../../../src/config';
import { TEST_AUDIT_ENV } from '../../helpers/audit-keys';

describe('webhook configuration', () => {
  it('has documented defaults (docs/webhooks.md)', () => {
    expect(loadConfig({}).webhooks).toEqual({
      dispatcher: true,
      pollIntervalMs: 1000,
      batchSize: 20,
      timeoutMs: 10_000,
      maxAttempts: 12,
      retryBaseMs: 10_000,
      retryMaxMs: 3_600_000,
      allowPrivateTargets: true,
    });
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'j',
      PII_SECRET: 'p',
      GATEWAY_SECRET: 'g',
      ...TEST_AUDIT_ENV,
    };
    expect(loadConfig(production).webhooks.allowPrivateTargets).toBe(false);
    expect(loadConfig({ ...production, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }).webhooks.allowPrivateTargets).toBe(
      true,
    );
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' }).webhooks.allowPrivateTargets).toBe(false);
  });

  it('reads the environment and refuses nonsense at start-up', () => {
    expect(
      loadConfig({ WEBHOOK_DISPATCHER: 'false', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_POLL_INTERVAL_MS: '50' }).webhooks,
    ).toMatchObject({ dispatcher: false, maxAttempts: 3, pollIntervalMs: 50 });
    expect(() => loadConfig({ WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_MS: '2s' })).toThrow(/WEBHOOK_TIMEOUT_MS must be a positive integer/);
  });
});
