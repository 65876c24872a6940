import fs from 'node:fs';
import path from 'node:path';

/**
 * What tells one credit-hub process that another one's embedded PostgreSQL runs in a data
 * directory: PostgreSQL's own `postmaster.pid` (pid, port, status) and the hub's connection
 * file beside it (the URLs, readable only by the owner), written when the hub starts the
 * cluster and removed when it stops it. A file whose postmaster is gone is stale.
 */
export const CONNECTION_FILE = 'credit-hub-connection.json';

export interface ConnectionDetails {
  /** The postmaster's pid and port, as in postmaster.pid when the file was written. */
  pid: number;
  port: number;
  url: string;
  ownerUrl: string;
  /** The credit-hub process that started the cluster (and stops it). */
  startedBy: number;
  startedAt: string;
}

export interface Postmaster {
  pid: number;
  port: number;
  /** PostgreSQL's state line: `starting`, `ready`, `stopping` (empty on old servers). */
  status: string;
}

export function connectionFilePath(dataDir: string): string {
  return path.join(dataDir, CONNECTION_FILE);
}

/** Whether a process with this pid exists (EPERM: it does, as another user, e.g. `postgres` under root). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live postmaster of this data directory, or null (no postmaster.pid, or its process is gone). */
export function livePostmaster(dataDir: string): Postmaster | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  // Lines: pid, data directory, start time, port, socket directory, listen address, shared memory key, status.
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return null;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

/** The connection file, if it describes this very postmaster; a stale or unreadable one counts as absent. */
export function readConnectionFile(dataDir: string, postmaster: Postmaster): ConnectionDetails | null {
  try {
    const details = JSON.parse(fs.readFileSync(connectionFilePath(dataDir), 'utf8')) as ConnectionDetails;
    return details.pid === postmaster.pid && details.port === postmaster.port ? details : null;
  } catch {
    return null;
  }
}

/** Written with mode 0600 (it holds passwords): only the owner of the hub's files reads it. */
export function writeConnectionFile(dataDir: string, details: ConnectionDetails): void {
  const file = connectionFilePath(dataDir);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${JSON.stringify(details, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
}

/** Removes the file if it is this process's (another process may have started the cluster since). */
export function removeConnectionFile(dataDir: string, startedBy = process.pid): void {
  const file = connectionFilePath(dataDir);
  try {
    const details = JSON.parse(fs.readFileSync(file, 'utf8')) as ConnectionDetails;
    if (details.startedBy !== startedBy) return;
  } catch {
    // unreadable or absent: nothing of ours to keep
  }
  fs.rmSync(file, { force: true });
}

/** A connection file left by a cluster that is no longer running. */
export function removeStaleConnectionFile(dataDir: string): boolean {
  const file = connectionFilePath(dataDir);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file, { force: true });
  return true;
}
