import { ENGLISH_MESSAGE } from '../../../src/common/errors';
import { SignJWT } from 'jose';
import { ClientStatus } from '../../../src/auth/client.entity';
import { issueDevelopmentToken, TokenVerifier } from '../../../src/auth/tokens';
import { Role } from '../../../src/auth/roles';
import { DEVELOPMENT_ISSUER, loadConfig } from '../../../src/config';
import { memoryClients } from '../../helpers/clients';

/** An UNAUTHENTICATED refusal whose English text (the one clients get with Accept-Language: en) says why. */
const refused = (why: RegExp) => ({
  extensions: { code: 'UNAUTHENTICATED', [ENGLISH_MESSAGE]: expect.stringMatching(why) },
});

const SECRET = 'unit-test-secret';
const REGION_OFFICE = '91320900MA1XYZ0001';
const clients = () =>
  memoryClients([
    { issuer: DEVELOPMENT_ISSUER, subject: 'tender-platform', role: Role.TENDERING, region: '3209' },
    { issuer: DEVELOPMENT_ISSUER, subject: 'bidding-system', role: Role.PROCUREMENT, region: '320900' },
    {
      issuer: DEVELOPMENT_ISSUER,
      subject: 'old-system',
      role: Role.PROCUREMENT,
      region: '320900',
      status: ClientStatus.REVOKED,
    },
    {
      issuer: 'https://other-idp.example',
      subject: 'tender-platform',
      id: 'other-tender-platform',
      role: Role.TENDERING,
    },
  ]);
const jwt = (env: Record<string, string> = {}) => loadConfig({ JWT_SECRET: SECRET, ...env }).jwt;
const verifier = (registry = clients(), env: Record<string, string> = {}) => new TokenVerifier(jwt(env), registry);
const sign = (exp: number, secret = SECRET) =>
  new SignJWT({ role: Role.PROCUREMENT, region: '320900' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(DEVELOPMENT_ISSUER)
    .setSubject('bidding-system')
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

describe('TokenVerifier', () => {
  afterEach(() => jest.useRealTimers());

  it("verifies a registered client's token into a principal, and the same principal again from its caches", async () => {
    const registry = clients();
    const tokens = verifier(registry);
    const token = await issueDevelopmentToken(SECRET, {
      role: Role.TENDERING,
      region: '320900',
      sub: 'tender-platform',
    });
    const first = await tokens.verify(token);
    expect(first).toMatchObject({
      sub: 'tender-platform',
      clientId: 'tender-platform',
      issuer: DEVELOPMENT_ISSUER,
      role: Role.TENDERING,
      regionPrefix: '3209',
    });
    expect(await tokens.verify(token)).toBe(first);
    expect(registry.lookups).toBe(1);
  });

  it('the same sub under another issuer is another client', async () => {
    const token = await issueDevelopmentToken(SECRET, {
      role: Role.TENDERING,
      sub: 'tender-platform',
      issuer: 'https://other-idp.example',
    });
    expect(await verifier().verify(token)).toMatchObject({ clientId: 'other-tender-platform', regionPrefix: '' });
  });

  it('looks the registry up again once its cache entry expires, so a revocation takes effect', async () => {
    const registry = clients();
    const tokens = verifier(registry, { CLIENT_CACHE_TTL: '1' });
    const token = await issueDevelopmentToken(SECRET, { role: Role.TENDERING, sub: 'tender-platform' });
    await tokens.verify(token);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await tokens.verify(token);
    expect(registry.lookups).toBe(2);
  });

  it.each([
    ['an unregistered client', { role: Role.TENDERING, sub: 'nobody' }],
    ['a revoked client', { role: Role.PROCUREMENT, sub: 'old-system' }],
    ['another role', { role: Role.CREDIT_OFFICE, sub: 'bidding-system' }],
    ['a wider region', { role: Role.PROCUREMENT, sub: 'bidding-system', region: '32' }],
    [
      'an organization the client has not registered',
      { role: Role.PROCUREMENT, sub: 'bidding-system', org: REGION_OFFICE },
    ],
  ])('refuses %s', async (_label, claims) => {
    await expect(verifier().verify(await issueDevelopmentToken(SECRET, claims))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('accepts a narrower region', async () => {
    const token = await issueDevelopmentToken(SECRET, {
      role: Role.PROCUREMENT,
      sub: 'bidding-system',
      region: '320923',
    });
    expect(await verifier().verify(token)).toMatchObject({ regionPrefix: '320923' });
  });

  it('refuses a token living longer than JWT_MAX_LIFETIME', async () => {
    const token = await issueDevelopmentToken(SECRET, {
      role: Role.TENDERING,
      sub: 'tender-platform',
      expiresIn: '3h',
    });
    await expect(verifier(clients(), { JWT_MAX_LIFETIME: '2h' }).verify(token)).rejects.toMatchObject(
      refused(/lifetime/),
    );
  });

  it('stops accepting a cached token at its expiry', async () => {
    const tokens = verifier();
    const now = Math.floor(Date.now() / 1000);
    const token = await sign(now + 60);
    await tokens.verify(token);
    jest.useFakeTimers({ now: (now + 61) * 1000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await expect(tokens.verify(token)).rejects.toThrow(/exp/);
  });

  it('never caches a token it refused', async () => {
    const tokens = verifier();
    const forged = await sign(Math.floor(Date.now() / 1000) + 60, 'another-secret');
    await expect(tokens.verify(forged)).rejects.toMatchObject(refused(/invalid token/));
    await expect(tokens.verify(forged)).rejects.toMatchObject(refused(/invalid token/));
  });
});
