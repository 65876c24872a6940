import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientStatus } from '../../src/auth/client.entity';
import { registerDevelopmentClient } from '../../src/auth/development-clients';
import { TokenVerifier } from '../../src/auth/tokens';
import { DEVELOPMENT_ISSUER, loadConfig } from '../../src/config';
import { runCli as cli } from '../helpers/processes';
import { Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { TEST_AUDIT_ENV } from '../helpers/audit-keys';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const clientCount = async () => Number((await t.sql('SELECT count(*)::int AS n FROM access.client'))[0].n);
/** A verifier of its own, so no cached look-up hides a change. */
const verify = (token: string, jwt = t.services.config.jwt) => new TokenVerifier(jwt, t.services.clients).verify(token);

describe('credit-hub client (built CLI)', () => {
  it('adds a client whose tokens are then accepted, lists it, revokes it', async () => {
    const added = await cli([
      'client',
      'add',
      '--sub',
      'cli-court',
      '--role',
      'COURT',
      '--region',
      '320900',
      '--org',
      t.demo.court.code,
      '--label',
      '中级人民法院',
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout.split('\t').slice(0, 5)).toEqual(['cli-court', 'ACTIVE', 'COURT', '3209', t.demo.court.code]);
    const token = await t.token(Role.COURT, { sub: 'cli-court', region: '320900' });
    expect(await verify(token)).toMatchObject({ clientId: 'cli-court', org: t.demo.court.code, regionPrefix: '3209' });

    const listed = await cli(['client', 'list', '--status', 'ACTIVE']);
    expect(listed.code).toBe(0);
    const ids = listed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t')[0]);
    expect(ids).toEqual(expect.arrayContaining(['cli-court', 'yancheng-credit-office', 'self-service']));

    const revoked = await cli(['client', 'revoke', 'cli-court']);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('REVOKED');
    await expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect((await cli(['client', 'list', '--status', 'REVOKED'])).stdout).toContain('cli-court');
  });

  it.each([
    ['a taken (iss, sub)', ['--sub', 'yancheng-court', '--role', 'COURT']],
    ['a taken id', ['--sub', 'another-court', '--id', 'yancheng-court', '--role', 'COURT']],
    ['a sub that is no id, without --id', ['--sub', 'court system/1', '--role', 'COURT']],
    ['an invalid USCC', ['--sub', 'bad-org', '--role', 'COURT', '--org', '91320900XXXXXXXXX1']],
    ['an invalid ID number for SUBJECT', ['--sub', 'bad-person', '--role', 'SUBJECT', '--org', '320900198206050521']],
    ['a region that is no prefix', ['--sub', 'bad-region', '--role', 'COURT', '--region', 'yancheng']],
    ['PUBLIC', ['--sub', 'public-client', '--role', 'PUBLIC']],
    ['the id PUBLIC callers have', ['--sub', 'anonymous', '--role', 'COURT']],
  ])('refuses %s with exit 2 and writes nothing', async (_label, args) => {
    const before = await clientCount();
    const result = await cli(['client', 'add', ...args]);
    expect(result.code).not.toBe(0);
    expect(await clientCount()).toBe(before);
  });

  it('allow restricts a client to the named operations of the files given; a bad file writes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-allow-'));
    try {
      const good = path.join(dir, 'check.graphql');
      const bad = path.join(dir, 'two.graphql');
      fs.writeFileSync(good, 'query Check($codes: [String!]!) { blacklistCheck(codes: $codes) { listed } }\n');
      fs.writeFileSync(bad, 'query A { searchSubjects { totalCount } }\nquery B { searchSubjects { totalCount } }\n');
      expect((await cli(['client', 'add', '--sub', 'cli-allow', '--role', 'TENDERING', '--region', '3209'])).code).toBe(
        0,
      );
      const refused = await cli(['client', 'allow', 'cli-allow', good, bad]);
      expect(refused.code).toBe(2);
      expect(await t.sql(`SELECT operations_restricted FROM access.client WHERE id = 'cli-allow'`)).toEqual([
        { operations_restricted: false },
      ]);
      const allowed = await cli(['client', 'allow', 'cli-allow', good]);
      expect(allowed.code).toBe(0);
      expect(allowed.stdout).toContain('1 operation(s)');
      expect(await t.sql(`SELECT name FROM access.client_operation WHERE client_id = 'cli-allow'`)).toEqual([
        { name: 'Check' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('revoking an unknown id is refused', async () => {
    expect((await cli(['client', 'revoke', 'no-such-client'])).code).toBe(2);
  });
});

describe('development tokens register their client in development mode only', () => {
  const devEnv = { JWT_SECRET: '', NODE_ENV: 'development' };

  it('credit-hub token with the development secret registers its client', async () => {
    const result = await cli(
      ['token', '--role', 'DEBT', '--sub', 'cli-dev-debt', '--region', '320900', '--org', t.demo.finance.code],
      devEnv,
    );
    expect(result.code).toBe(0);
    const [row] = await t.sql(
      `SELECT issuer, role, region_prefix, org_code, status FROM access.client WHERE id = 'cli-dev-debt'`,
    );
    expect(row).toEqual({
      issuer: DEVELOPMENT_ISSUER,
      role: 'DEBT',
      region_prefix: '3209',
      org_code: t.demo.finance.code,
      status: ClientStatus.ACTIVE,
    });
    const devJwt = loadConfig({ ...process.env, ...devEnv }).jwt;
    expect(await verify(result.stdout.trim(), devJwt)).toMatchObject({ clientId: 'cli-dev-debt', role: Role.DEBT });
  });

  it('with a configured JWT_SECRET it prints the token but registers nothing', async () => {
    const result = await cli(['token', '--role', 'DEBT', '--sub', 'cli-real-debt']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('.')).toHaveLength(3);
    expect(await t.sql(`SELECT id FROM access.client WHERE id = 'cli-real-debt'`)).toEqual([]);
    await expect(verify(result.stdout.trim())).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a lifetime over JWT_MAX_LIFETIME', async () => {
    const result = await cli(['token', '--role', 'DEBT', '--sub', 'cli-long-debt', '--expires', '7d'], devEnv);
    expect(result.code).toBe(1);
    expect(await t.sql(`SELECT id FROM access.client WHERE id = 'cli-long-debt'`)).toEqual([]);
  });

  it.each([
    [
      'production',
      { NODE_ENV: 'production', JWT_SECRET: 's', PII_SECRET: 'p', GATEWAY_SECRET: 'g', ...TEST_AUDIT_ENV },
    ],
    ['a configured secret', { JWT_SECRET: 's' }],
  ])('registerDevelopmentClient refuses under %s and writes nothing', async (_label, env) => {
    const before = await clientCount();
    await expect(
      registerDevelopmentClient(t.services.clients, loadConfig(env), { role: Role.DEBT, sub: 'never-registered' }),
    ).rejects.toThrow(/development mode/);
    expect(await clientCount()).toBe(before);
  });

  it('a development token that disagrees with an existing registration is refused, not re-registered', async () => {
    const dev = loadConfig({ NODE_ENV: 'development' });
    await expect(
      registerDevelopmentClient(t.services.clients, dev, {
        role: Role.SUBJECT,
        sub: 'yancheng-credit-office',
        org: t.demo.cityCadre.code,
      }),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect((await t.sql(`SELECT role FROM access.client WHERE id = 'yancheng-credit-office'`))[0].role).toBe(
      'CREDIT_OFFICE',
    );
  });
});
