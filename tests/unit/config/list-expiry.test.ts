import { ConfigError, loadConfig } from '../../../src/config';

/** LIST_EXPIRY_INTERVAL_SECONDS (README, docs/lists.md "Expiry"): hourly by default, a duration, 0 turns it off. */
describe('LIST_EXPIRY_INTERVAL_SECONDS', () => {
  it('is an hour by default, a duration when set, and 0 leaves expiry to the CLI', () => {
    expect(loadConfig({}).listExpiryIntervalSeconds).toBe(3600);
    expect(loadConfig({ LIST_EXPIRY_INTERVAL_SECONDS: '900' }).listExpiryIntervalSeconds).toBe(900);
    expect(loadConfig({ LIST_EXPIRY_INTERVAL_SECONDS: '30m' }).listExpiryIntervalSeconds).toBe(1800);
    expect(loadConfig({ LIST_EXPIRY_INTERVAL_SECONDS: '0' }).listExpiryIntervalSeconds).toBe(0);
  });

  it.each(['-5', 'hourly', '1.5h'])('refuses %s', (value) => {
    expect(() => loadConfig({ LIST_EXPIRY_INTERVAL_SECONDS: value })).toThrow(ConfigError);
  });
});
