import { GatewaySigner } from '../../../src/auth/gateway-signature';
import { makePrincipal } from '../../../src/auth/principal';
import { Role } from '../../../src/auth/roles';
import { ConfigError, loadConfig } from '../../../src/config';
import { isPlainRead } from '../../../src/db/read-side';
import { ReadRouting } from '../../../src/gateway/read-routing';

describe('isPlainRead: what a replica may be sent', () => {
  it.each([
    'SELECT s.* FROM subjects.subject s WHERE s.id = ANY(?::bigint[])',
    '  WITH visible AS (SELECT id FROM records.credit_record) SELECT count(*) FROM visible',
    '(SELECT 1) UNION (SELECT 2)',
    'SELECT updated_at, deleted FROM records.credit_record',
  ])('a read: %s', (sql) => expect(isPlainRead(sql)).toBe(true));

  it.each([
    'INSERT INTO audit.access_log (seq) VALUES (?)',
    'WITH moved AS (UPDATE audit.chain_head SET seq = ? RETURNING chain) INSERT INTO audit.access_log SELECT 1',
    'SELECT * FROM records.webhook_delivery FOR UPDATE SKIP LOCKED',
    'SELECT id FROM records.credit_record FOR NO KEY UPDATE',
    'SELECT nextval(?)',
    'SELECT pg_advisory_xact_lock(1)',
    'DELETE FROM records.early_warning WHERE id = ?',
    'UPDATE records.credit_record SET status = ?',
    'SET LOCAL statement_timeout = 1000',
  ])('not a read: %s', (sql) => expect(isPlainRead(sql)).toBe(false));
});

describe('replica settings', () => {
  const base = { DATABASE_URL: 'postgres://app:pw@db:5432/credit_hub' };

  it('are off by default, with a five-second read-your-writes window', () => {
    expect(loadConfig(base).replicas).toEqual({ urls: [], stickySeconds: 5 });
  });

  it('read a comma-separated list of postgres URLs', () => {
    const replicas = loadConfig({
      ...base,
      DATABASE_REPLICA_URLS: 'postgres://app:pw@r1:5432/credit_hub, postgresql://app:pw@r2/credit_hub',
      REPLICA_STICKY_SECONDS: '3',
    }).replicas;
    expect(replicas).toEqual({
      urls: ['postgres://app:pw@r1:5432/credit_hub', 'postgresql://app:pw@r2/credit_hub'],
      stickySeconds: 3,
    });
  });

  it.each([
    [{ DATABASE_REPLICA_URLS: 'r1:5432' }],
    [{ DATABASE_REPLICA_URLS: 'http://r1/credit_hub' }],
    [{ DATABASE_REPLICA_URLS: 'postgres://app:pw@r1:5432' }],
    [{ REPLICA_STICKY_SECONDS: '0' }],
    [{ REPLICA_STICKY_SECONDS: '2.5' }],
  ])('refuse %j', (env) => expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError));

  it('refuse replicas of the embedded database (no DATABASE_URL)', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://app:pw@r1/credit_hub' })).toThrow(ConfigError);
  });
});

describe('ReadRouting: read-your-writes', () => {
  it('sends queries to a replica unless their client has just written; mutations always to the primary', async () => {
    const routing = new ReadRouting(true, 1);
    expect(routing.sideFor('query', 'client:a')).toBe('replica');
    expect(routing.sideFor('mutation', 'client:a')).toBe('primary');
    expect(routing.sideFor(undefined, 'client:a')).toBe('primary');
    routing.wrote('client:a');
    expect(routing.sideFor('query', 'client:a')).toBe('primary');
    expect(routing.sideFor('query', 'client:b')).toBe('replica');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(routing.sideFor('query', 'client:a')).toBe('replica');
  });

  it('without replicas every request reads from the primary', () => {
    expect(new ReadRouting(false, 5).sideFor('query', 'client:a')).toBe('primary');
  });
});

describe('the read side travels to a split subgraph service under the gateway signature', () => {
  const signer = new GatewaySigner('test-gateway-secret');
  const principal = makePrincipal({ sub: 'court-system', role: Role.COURT, region: '320900' });
  const body = { query: '{ _service { sdl } }', variables: {} };

  it.each([
    ['replica', 'replica'],
    ['primary', 'primary'],
    [undefined, 'primary'],
  ] as const)('signed %s, verified %s', async (side, expected) => {
    const token = await signer.sign(principal, 'req-1', body, undefined, side);
    expect((await signer.verify(token, body)).readsFrom).toBe(expected);
  });
});
