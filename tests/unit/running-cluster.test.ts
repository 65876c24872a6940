import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  connectionFilePath,
  livePostmaster,
  readConnectionFile,
  removeConnectionFile,
  writeConnectionFile,
  type ConnectionDetails,
} from '../../src/db/running-cluster';

/** A pid that no process has: past the kernel's largest. */
const DEAD_PID = 4194305;

function dataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-cluster-'));
}

function postmasterPid(dir: string, pid: number, port: number, status = 'ready'): void {
  fs.writeFileSync(
    path.join(dir, 'postmaster.pid'),
    `${pid}\n${dir}\n1796000000\n${port}\n\n127.0.0.1\n0\n${status}\n`,
  );
}

const details = (pid: number, port: number): ConnectionDetails => ({
  pid,
  port,
  url: `postgres://app:x@127.0.0.1:${port}/db`,
  ownerUrl: `postgres://owner:y@127.0.0.1:${port}/db`,
  startedBy: process.pid,
  startedAt: new Date().toISOString(),
});

describe('the running cluster of a data directory', () => {
  it('is the postmaster of postmaster.pid while its process lives: pid, port and status', () => {
    const dir = dataDir();
    postmasterPid(dir, process.pid, 5999, 'starting');
    expect(livePostmaster(dir)).toEqual({ pid: process.pid, port: 5999, status: 'starting' });
  });

  it('is none without postmaster.pid, or when its process is gone (a crash left the file)', () => {
    const dir = dataDir();
    expect(livePostmaster(dir)).toBeNull();
    postmasterPid(dir, DEAD_PID, 5999);
    expect(livePostmaster(dir)).toBeNull();
  });

  it('connection file: mode 0600, and read only when it names the live postmaster (pid and port)', () => {
    const dir = dataDir();
    writeConnectionFile(dir, details(process.pid, 5999));
    expect(fs.statSync(connectionFilePath(dir)).mode & 0o777).toBe(0o600);
    const live = { pid: process.pid, port: 5999, status: 'ready' };
    expect(readConnectionFile(dir, live)?.ownerUrl).toBe('postgres://owner:y@127.0.0.1:5999/db');
    expect(readConnectionFile(dir, { ...live, port: 6000 })).toBeNull();
    expect(readConnectionFile(dir, { ...live, pid: DEAD_PID })).toBeNull();
  });

  it('is removed by the process that wrote it, not by another', () => {
    const dir = dataDir();
    writeConnectionFile(dir, details(process.pid, 5999));
    removeConnectionFile(dir, process.pid + 1);
    expect(fs.existsSync(connectionFilePath(dir))).toBe(true);
    removeConnectionFile(dir);
    expect(fs.existsSync(connectionFilePath(dir))).toBe(false);
  });
});
