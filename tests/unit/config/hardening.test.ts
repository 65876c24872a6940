import { loadConfig } from '../../../src/config';
import { metricsAccessOnMainPort } from '../../../src/gateway/metrics-route';
import { TEST_AUDIT_ENV } from '../../helpers/audit-keys';

const production = { NODE_ENV: 'production', JWT_SECRET: 'j', PII_SECRET: 'p', GATEWAY_SECRET: 'g', ...TEST_AUDIT_ENV };

describe('hardening settings (README configuration)', () => {
  it('development listens on loopback, production on every interface, HOST decides when set', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(production).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...production, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
  });

  it('/metrics: its own port, else a token, else open in development only', () => {
    expect(metricsAccessOnMainPort(loadConfig({}))).toBe('open');
    expect(metricsAccessOnMainPort(loadConfig(production))).toBe('off');
    expect(metricsAccessOnMainPort(loadConfig({ ...production, METRICS_TOKEN: 't' }))).toBe('token');
    expect(metricsAccessOnMainPort(loadConfig({ ...production, METRICS_PORT: '9464' }))).toBe('separate-port');
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 't' }).metrics).toEqual({ port: 9464, token: 't' });
  });

  it('failed authentications and import limits have documented defaults', () => {
    const config = loadConfig({});
    expect(config.limits.authFailuresPerMinute).toBe(10);
    expect(config.imports).toEqual({
      maxBytes: 1024 ** 3,
      maxRows: 1_000_000,
      maxSharedStringsBytes: 64 * 1024 ** 2,
      maxSharedStrings: 1_000_000,
    });
    expect(loadConfig({ AUTH_FAILURES_PER_MINUTE: '3', IMPORT_MAX_ROWS: '500' })).toMatchObject({
      limits: { authFailuresPerMinute: 3 },
      imports: { maxRows: 500 },
    });
    expect(() => loadConfig({ IMPORT_MAX_BYTES: '1GB' })).toThrow(/IMPORT_MAX_BYTES must be a positive integer/);
  });

  it('the query explorer is on outside production, off in production unless EXPLORER=true', () => {
    expect(loadConfig({}).explorer).toBe(true);
    expect(loadConfig({ EXPLORER: 'false' }).explorer).toBe(false);
    expect(loadConfig(production).explorer).toBe(false);
    expect(loadConfig({ ...production, EXPLORER: 'true' }).explorer).toBe(true);
  });
});
