import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/common/paths';
import type { ScenarioName, ServerName } from './options';
import { freePort } from '../../src/common/net';
import { cpuSeconds, readStatus } from './proc-stats';

const DIST = path.join(PROJECT_ROOT, 'dist');
export const PATHS: Record<ServerName, Record<ScenarioName, string>> = {
  raw: {
    blacklist: '/blacklist',
    decision: '/blacklist-decision',
    status: '/credit-status',
    archive: '/archive',
    ingest: '/records',
  },
  hub: { blacklist: '/graphql', decision: '/graphql', status: '/graphql', archive: '/graphql', ingest: '/graphql' },
  peer: { blacklist: '/graphql', decision: '/graphql', status: '/graphql', archive: '/graphql', ingest: '/graphql' },
};

export interface ServerEnv {
  databaseUrl: string;
  jwtSecret: string;
  piiSecret: string;
  /** Settings the benchmark's own configuration took development defaults for (config.developmentDefaults). */
  developmentDefaults: string[];
  /** Where the hub under test writes access-log checkpoints (the benchmark's own directory). */
  checkpointDir: string;
  cpuProfDir?: string;
}

/**
 * NODE_ENV=production refuses development defaults. JWT and PII secrets must be the ones the
 * tokens were signed and the data seeded with; any other secret (e.g. GATEWAY_SECRET, which
 * signs what the gateway forwards to subgraphs) just needs a value: a random one per run.
 */
function productionSecrets(env: ServerEnv): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const name of env.developmentDefaults) {
    if (name !== 'JWT_SECRET' && name !== 'PII_SECRET' && !process.env[name]) secrets[name] = randomSecret(name);
  }
  return secrets;
}

/** A fresh value in the form the setting takes (the access log's keys have one). */
function randomSecret(name: string): string {
  if (name === 'AUDIT_HMAC_KEYS') return `bench:${randomBytes(32).toString('base64')}`;
  // Both sign with Ed25519 (the access log's checkpoints, credit reports).
  if (name === 'AUDIT_SIGNING_KEY' || name === 'REPORT_SIGNING_KEY')
    return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return `bench-${randomBytes(24).toString('hex')}`;
}

export interface RunningServer {
  name: ServerName;
  pid: number;
  port: number;
  baseUrl: string;
  startupMs: number;
  /** Current resident set and the process's high-water mark, MB (from /proc). */
  memory(): { rssMb: number; hwmMb: number };
  /** CPU seconds the server process has used so far. */
  cpu(): number;
  /** Starts polling VmRSS every 200 ms; the returned function stops and gives the peak seen, MB. */
  sampleRss(): () => number;
  output(): string;
  stop(): Promise<void>;
}

/** The command line of each server, exactly as a person would start it. */
export function serverCommand(
  name: ServerName,
  env: ServerEnv,
  port: number,
): { args: string[]; env: NodeJS.ProcessEnv } {
  const common = { DATABASE_URL: env.databaseUrl, HOST: '127.0.0.1', DB_POOL_MAX: process.env.DB_POOL_MAX ?? '20' };
  if (name === 'raw') {
    return {
      args: [path.join(DIST, 'bench', 'raw', 'server.js')],
      env: { ...common, PORT: String(port), PII_SECRET: env.piiSecret },
    };
  }
  if (name === 'peer') {
    return {
      args: [
        '-r',
        path.join(PROJECT_ROOT, 'bench', 'peer', 'polyfill.cjs'),
        path.join(DIST, 'bench', 'peer', 'server.js'),
      ],
      env: { ...common, PORT: String(port) },
    };
  }
  // The hub as deployed: production mode, authorization on, its own configuration checks.
  const profile = env.cpuProfDir
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        env.cpuProfDir,
        '-r',
        path.join(PROJECT_ROOT, 'bench', 'lib', 'exit-on-term.cjs'),
      ]
    : [];
  return {
    args: [...profile, path.join(DIST, 'src', 'cli', 'main.js'), 'serve', '--port', String(port)],
    env: {
      ...common,
      ...productionSecrets(env),
      AUDIT_CHECKPOINT_DIR: env.checkpointDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      JWT_SECRET: env.jwtSecret,
      PII_SECRET: env.piiSecret,
      // The per-client rate limiter stays in the request path (its cost is measured) but must not
      // turn a throughput test into a test of the limit (600 requests a minute by default).
      RATE_LIMIT_PER_MINUTE: process.env.BENCH_RATE_LIMIT_PER_MINUTE ?? '100000000',
    },
  };
}

export function httpGet(url: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export function httpPost(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** What every server inherits from the benchmark's environment (time zone, policy file, PATH). */
function passThrough(): NodeJS.ProcessEnv {
  const names = [
    'PATH',
    'HOME',
    'TZ',
    'HUB_TIME_ZONE',
    'CREDIT_POLICY_FILE',
    'GATEWAY_SECRET',
    // Off (false) runs the hub without its gateway pass-through: a before/after of the fast path in one build.
    'GATEWAY_PASS_THROUGH',
    'MAX_BODY_BYTES',
    'MAX_LIST_LENGTH',
    'AUDIT_HMAC_KEYS',
    'AUDIT_SIGNING_KEY',
    'AUDIT_VERIFY_KEYS',
    'REPORT_SIGNING_KEY',
  ];
  return Object.fromEntries(names.filter((n) => process.env[n] !== undefined).map((n) => [n, process.env[n]]));
}

/** Output (last 8 kB) and exit of a server child, watched from its start. */
interface Watched {
  output: () => string;
  exited: () => number | null | undefined;
  exit: Promise<void>;
}

function watch(child: ChildProcess): Watched {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  return { output: () => output, exited: () => exited, exit };
}

/** Polls /health until the server answers 200; fails when it exits first or takes too long. */
async function waitUntilReady(
  name: ServerName,
  child: ChildProcess,
  watched: Watched,
  baseUrl: string,
  started: number,
  timeoutMs: number,
): Promise<void> {
  for (;;) {
    if (watched.exited() !== undefined)
      throw new Error(`${name} server exited (${watched.exited()}) before it was ready:\n${watched.output()}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${name} server not ready after ${timeoutMs} ms:\n${watched.output()}`);
    }
    try {
      const res = await httpGet(`${baseUrl}/health`, 1000);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

function rssSampler(pid: number): () => () => number {
  return () => {
    let peak = readStatus(pid).rssMb;
    const timer = setInterval(() => {
      peak = Math.max(peak, readStatus(pid).rssMb);
    }, 200);
    return () => {
      clearInterval(timer);
      return Math.max(peak, readStatus(pid).rssMb);
    };
  };
}

export async function startServer(name: ServerName, env: ServerEnv, timeoutMs = 90_000): Promise<RunningServer> {
  const port = await freePort();
  const { args, env: childEnv } = serverCommand(name, env, port);
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...passThrough(), ...childEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watch(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(name, child, watched, baseUrl, started, timeoutMs);
  const pid = child.pid!;
  return {
    name,
    pid,
    port,
    baseUrl,
    startupMs: Date.now() - started,
    memory: () => readStatus(pid),
    cpu: () => cpuSeconds(pid),
    sampleRss: rssSampler(pid),
    output: watched.output,
    async stop() {
      if (watched.exited() !== undefined) return;
      child.kill('SIGTERM');
      // The hub's graceful stop can hang (reported); results are taken by then, so do not wait long.
      const timer = setTimeout(() => child.kill('SIGKILL'), env.cpuProfDir ? 10_000 : 2_000);
      await watched.exit;
      clearTimeout(timer);
    },
  };
}
