import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, postGraphQL, runCli, startService, type Service } from '../helpers/processes';
import { TEST_AUDIT_ENV } from '../helpers/audit-keys';

/**
 * `npm start` owns an embedded PostgreSQL in its data directory; the CLI run beside it (same
 * PG_DATA_DIR, any PG_PORT) uses that cluster through the connection file, and a second `serve`
 * says the port is taken. A signal to the process group (what Ctrl-C sends) stops everything
 * without an error-level log line and removes the connection file.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-beside-'));
// As root, the server runs as a dedicated user that must be able to enter this directory.
fs.chmodSync(root, 0o755);
const dataDir = path.join(root, 'pg');
const connectionFile = path.join(dataDir, 'credit-hub-connection.json');
let pgPort: number;
let hub: Service;

/** The hub's environment without the test database: development secrets except the PII key both sides share. */
function beside(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...TEST_AUDIT_ENV,
    DATABASE_URL: '',
    MIGRATION_DATABASE_URL: '',
    JWT_SECRET: '',
    PII_SECRET: 'test-pii-secret',
    GATEWAY_SECRET: 'test-gateway-secret',
    PG_DATA_DIR: dataDir,
    PG_PORT: String(pgPort),
    AUDIT_CHECKPOINT_DIR: path.join(root, 'checkpoints'),
    ...extra,
  };
}

const errorLines = (output: string) => output.split('\n').filter((line) => /"level":(50|60)/.test(line));

beforeAll(async () => {
  pgPort = await freePort();
  // Rounds every 20 ms: a shutdown that pulled the database from under the dispatcher would show.
  // NODE_ENV as `npm start` has it, not jest's `test` (Apollo Server installs its own signal handlers outside tests).
  const hubEnv = beside({ WEBHOOK_POLL_INTERVAL_MS: '20', NODE_ENV: 'development' });
  hub = await startService([], hubEnv, 180_000, { detached: true });
}, 200_000);

afterAll(async () => {
  await hub?.stop('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the CLI beside a running hub', () => {
  it('the hub keeps its cluster’s connection details in the data directory, readable only by its owner', () => {
    const stat = fs.statSync(connectionFile);
    expect(stat.mode & 0o777).toBe(0o600);
    const details = JSON.parse(fs.readFileSync(connectionFile, 'utf8'));
    expect(details).toMatchObject({ port: pgPort, startedBy: hub.process.pid });
    expect(details.ownerUrl).toContain(`:${pgPort}/`);
  });

  it('import sgs uses the running cluster, even with another PG_PORT', async () => {
    const result = await runCli(['import', 'sgs', 'samples/sgs-penalties.csv'], beside({ PG_PORT: '1' }));
    expect(result.stderr).not.toMatch(/TypeError|Cannot read properties/);
    expect(result.stdout).toMatch(/35 rows in [\d.]+ s .*: 20 imported, 0 updated, 0 unchanged, 15 rejected/);
    expect(result.code).toBe(2);
  });

  it('token registers its client in that cluster: the hub accepts the token at once', async () => {
    const result = await runCli(['token', '--role', 'COURT', '--region', '320900', '--sub', 'beside-court'], beside());
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const { body } = await postGraphQL(hub.url, '{ subject(code: "11320900100316766D") { name } }', { token });
    expect(body.errors).toBeUndefined();
    expect(body.data.subject.name).toBeTruthy();
  });

  it('doctor reports configuration (secrets masked), database, migrations and the chain state; exit 0', async () => {
    const result = await runCli(['doctor'], beside());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/database: reached .*run by another credit-hub process/);
    expect(result.stdout).toMatch(/migrations: \d+ applied, none pending/);
    expect(result.stdout).toMatch(/audit: .*intact/);
    expect(result.stdout).toMatch(/PII_SECRET: set \(\*\*\*\*\)/);
    expect(result.stdout).not.toContain('test-pii-secret');
    expect(result.stdout).not.toContain('credit-hub-dev');
  });

  it('a second serve on the same directory and port says the port is in use (exit 1), no TypeError', async () => {
    const port = new URL(hub.url).port;
    const result = await runCli(['serve', '--port', port], beside({ LOG_LEVEL: 'warn' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^credit-hub: 端口 ${port} 已被占用`, 'm'));
    expect(result.stderr).not.toMatch(/TypeError|Cannot read properties/);
  });

  it('Ctrl-C (SIGINT to the process group) stops quietly: no error-level line, connection file removed', async () => {
    // A client still polling, as an open dashboard does: the stop must not wait for the 15 s safety net (exit 1).
    let polling = true;
    const poller = (async () => {
      while (polling) {
        await postGraphQL(hub.url, '{ evaluationPeriods }').catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exited = new Promise<number | null>((resolve) => hub.process.once('exit', (code) => resolve(code)));
    process.kill(-hub.process.pid!, 'SIGINT');
    const code = await exited;
    polling = false;
    await poller;
    expect(code).toBe(0);
    expect(errorLines(hub.output())).toEqual([]);
    expect(fs.existsSync(connectionFile)).toBe(false);
  });
});

describe('the CLI where it cannot use the data directory', () => {
  it('checks file arguments before any database starts', async () => {
    const fresh = path.join(root, 'never-started');
    const result = await runCli(['import', 'sgs', path.join(root, 'missing.csv')], beside({ PG_DATA_DIR: fresh }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^credit-hub: 文件不存在/m);
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('says, Chinese first, that the directory is in use by a server it cannot reach', async () => {
    const held = path.join(root, 'held');
    fs.mkdirSync(held);
    // A live process (this one) as the postmaster, on a port nobody listens on.
    const deadPort = await freePort();
    fs.writeFileSync(
      path.join(held, 'postmaster.pid'),
      `${process.pid}\n${held}\n0\n${deadPort}\n\n127.0.0.1\n0\nready\n`,
    );
    const result = await runCli(['doctor'], beside({ PG_DATA_DIR: held }));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`数据目录 .* 正被另一个 PostgreSQL 使用（进程 ${process.pid}，端口 ${deadPort}）`),
    );
    const imported = await runCli(['import', 'sgs', 'samples/sgs-penalties.csv'], beside({ PG_DATA_DIR: held }));
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/^credit-hub: 数据目录 .* 正被另一个 PostgreSQL 使用/m);
  });
});
