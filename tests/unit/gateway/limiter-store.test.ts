import net from 'node:net';
import { Writable } from 'node:stream';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/common/logger';
import { registry } from '../../../src/common/metrics';
import { freePort } from '../../../src/common/net';
import {
  FallbackLimiter,
  openLimiterStore,
  postgresStore,
  STORE_RETRY_MS,
  type Limiter,
} from '../../../src/gateway/limiter-store';

/** A logger whose lines the test reads. */
function capturedLogger() {
  const lines: { level: number; msg: string; limiter?: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

async function fallbacks(limiter: string): Promise<number> {
  const metric = await registry.getSingleMetric('credit_hub_rate_limit_fallbacks_total')!.get();
  return metric.values.find((v) => v.labels.limiter === limiter)?.value ?? 0;
}

/** Counts `count` consumptions of `key`: how many passed, and whether every refusal was the limit's. */
async function consumeAll(limiter: Limiter, key: string, count: number) {
  let passed = 0;
  for (let i = 0; i < count; i += 1) {
    try {
      await limiter.consume(key);
      passed += 1;
    } catch (error) {
      expect(error).toBeInstanceOf(RateLimiterRes);
    }
  }
  return passed;
}

describe('RATE_LIMIT_STORE (README configuration)', () => {
  it('is memory unless postgres is asked for, and refuses anything else', () => {
    expect(loadConfig({}).limits).toMatchObject({ store: 'memory', storeTimeoutMs: 250 });
    expect(loadConfig({ RATE_LIMIT_STORE: 'postgres', RATE_LIMIT_STORE_TIMEOUT_MS: '100' }).limits).toMatchObject({
      store: 'postgres',
      storeTimeoutMs: 100,
    });
    expect(() => loadConfig({ RATE_LIMIT_STORE: 'redis' })).toThrow(/RATE_LIMIT_STORE must be memory or postgres/);
    expect(() =>
      openLimiterStore(loadConfig({ RATE_LIMIT_STORE: 'postgres' }).limits, undefined, createLogger('silent')),
    ).toThrow(/RATE_LIMIT_STORE=postgres needs DATABASE_URL/);
  });
});

describe('a shared store that cannot answer', () => {
  it('refused connections: this process counts alone, the limit still holds, one warning', async () => {
    const { logger, lines } = capturedLogger();
    const port = await freePort(); // nothing listens there
    const store = postgresStore(`postgres://nobody:x@127.0.0.1:${port}/none`, 1000, logger);
    const before = await fallbacks('refused');
    try {
      expect(await consumeAll(store.limiter('refused', 3), 'client:a', 5)).toBe(3);
    } finally {
      await store.close();
    }
    const warnings = lines.filter((line) => line.level === 40 && line.limiter === 'refused');
    expect(warnings).toHaveLength(1);
    expect(await fallbacks('refused')).toBe(before + 1);
  });

  it('a store that hangs: the request waits the timeout, not the connection timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const store = postgresStore(`postgres://nobody:x@127.0.0.1:${port}/none`, 150, createLogger('silent'));
    try {
      const started = Date.now();
      expect(await consumeAll(store.limiter('hanging', 2), 'client:b', 3)).toBe(2);
      // One timeout, then this process's own counter without asking the store again.
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('FallbackLimiter', () => {
  const failing = (calls: string[]): Limiter => ({
    consume: async (key) => {
      calls.push(key);
      throw new Error('connection refused');
    },
    get: async () => null,
    penalty: async () => new RateLimiterRes(),
  });

  afterEach(() => jest.restoreAllMocks());

  it("passes the store's refusal through: over the shared limit is over the limit", async () => {
    const shared = new RateLimiterMemory({ points: 1, duration: 60 });
    const limiter = new FallbackLimiter('over', shared, shared, 1000, createLogger('silent'));
    await limiter.consume('k');
    await expect(limiter.consume('k')).rejects.toBeInstanceOf(RateLimiterRes);
    expect(await fallbacks('over')).toBe(0);
  });

  it('asks the store again once the retry interval is over, and says so when it answers', async () => {
    const calls: string[] = [];
    const { logger, lines } = capturedLogger();
    const shared = failing(calls);
    const local = new RateLimiterMemory({ points: 10, duration: 60 });
    const limiter = new FallbackLimiter('retry', shared, local, 1000, logger);
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    await limiter.consume('k');
    await limiter.consume('k');
    expect(calls).toEqual(['k']); // the second went to the local counter at once
    now += STORE_RETRY_MS + 1;
    shared.consume = async (key) => {
      calls.push(key);
      return new RateLimiterRes(9, 60_000, 1);
    };
    await limiter.consume('k');
    expect(calls).toEqual(['k', 'k']);
    expect(lines.map((line) => line.level)).toEqual([40, 30]); // the warning, then back to shared
  });
});
