import { ConfigError, loadConfig } from '../../../src/config';

describe('webhook configuration', () => {
  it('has documented defaults (docs/webhooks.md)', () => {
    expect(loadConfig({}).webhooks).toEqual({
      dispatcher: true, pollIntervalMs: 1000, batchSize: 20, timeoutMs: 10_000, maxAttempts: 12, retryBaseMs: 10_000, retryMaxMs: 3_600_000,
    });
  });

  it('reads the environment and refuses nonsense at start-up', () => {
    expect(loadConfig({ WEBHOOK_DISPATCHER: 'false', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_POLL_INTERVAL_MS: '50' }).webhooks)
      .toMatchObject({ dispatcher: false, maxAttempts: 3, pollIntervalMs: 50 });
    expect(() => loadConfig({ WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_MS: '2s' })).toThrow(/WEBHOOK_TIMEOUT_MS must be a positive integer/);
  });
});
