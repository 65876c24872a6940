import { SignJWT } from 'jose';
import { issueDevelopmentToken, TokenVerifier } from '../../../src/auth/tokens';
import { Role } from '../../../src/auth/roles';

const SECRET = 'unit-test-secret';
const verifier = () => new TokenVerifier({ secret: SECRET } as ConstructorParameters<typeof TokenVerifier>[0]);
const sign = (exp: number, secret = SECRET) =>
  new SignJWT({ role: Role.PROCUREMENT, region: '320900' }).setProtectedHeader({ alg: 'HS256' }).setSubject('bidding-system').setExpirationTime(exp).sign(new TextEncoder().encode(secret));

describe('TokenVerifier', () => {
  afterEach(() => jest.useRealTimers());

  it('verifies a token into a principal, and the same principal again from its cache', async () => {
    const tokens = verifier();
    const token = await issueDevelopmentToken(SECRET, { role: Role.TENDERING, region: '320900', sub: 'tender-platform' });
    const first = await tokens.verify(token);
    expect(first).toMatchObject({ sub: 'tender-platform', role: Role.TENDERING, regionPrefix: '3209' });
    expect(await tokens.verify(token)).toBe(first);
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
    await expect(tokens.verify(forged)).rejects.toThrow(/Invalid token/);
    await expect(tokens.verify(forged)).rejects.toThrow(/Invalid token/);
  });
});
