import { Client } from 'pg';
import type { HubConfig } from '../config';
import { redactUrl } from '../db/database';

/** One line of `credit-hub doctor`, and whether it reports a problem. */
export interface ReplicaFinding {
  line: string;
  problem: boolean;
}

/**
 * Each of DATABASE_REPLICA_URLS (docs/deployment.md, "Read replicas"): reached as the hub's role, a standby (in
 * recovery: a server that accepts writes is not a replica and would answer from other data), and how far its
 * replay lags. A lag beyond REPLICA_STICKY_SECONDS is a problem: a client could read its state from before its write.
 */
export async function replicaFindings(config: HubConfig): Promise<ReplicaFinding[]> {
  return Promise.all(config.replicas.urls.map((url) => checkReplica(url, config.replicas.stickySeconds)));
}

async function checkReplica(url: string, stickySeconds: number): Promise<ReplicaFinding> {
  const name = `replica ${redactUrl(url)}`;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const [row] = (
      await client.query<{ standby: boolean; lag: number | null }>(
        // No WAL received yet, or nothing written on the primary since: then there is nothing to lag behind.
        `SELECT pg_is_in_recovery() AS standby,
                CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                     ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float END AS lag`,
      )
    ).rows;
    if (!row.standby) return { line: `PROBLEM ${name}: accepts writes, so it is not a replica`, problem: true };
    const lag = row.lag ?? 0;
    if (lag > stickySeconds)
      return {
        line: `PROBLEM ${name}: replay lags ${lag.toFixed(1)} s, more than REPLICA_STICKY_SECONDS (${stickySeconds} s)`,
        problem: true,
      };
    return { line: `${name}: a standby, replay lag ${lag.toFixed(1)} s`, problem: false };
  } catch (error) {
    return { line: `PROBLEM ${name}: not reached: ${(error as Error).message}`, problem: true };
  } finally {
    await client.end().catch(() => undefined);
  }
}
