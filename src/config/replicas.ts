import { isPostgresUrl } from './databases';

/** Read replicas (docs/deployment.md, "Read replicas"). */
export interface ReplicaSettings {
  /** DATABASE_REPLICA_URLS: streaming replicas of DATABASE_URL's server, as the same role; none = no replicas. */
  urls: string[];
  /** REPLICA_STICKY_SECONDS: how long a client that has just written reads from the primary. */
  stickySeconds: number;
}

const DEFAULT_STICKY_SECONDS = 5;

/** Parses the replica settings; throws (plain Error) with the variable's name when one is malformed. */
export function parseReplicaSettings(env: NodeJS.ProcessEnv): ReplicaSettings {
  const urls = (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (!urls.every(isPostgresUrl))
    throw new Error('DATABASE_REPLICA_URLS must be comma-separated postgres://user:password@host:port/database URLs');
  if (urls.length > 0 && !env.DATABASE_URL)
    throw new Error('DATABASE_REPLICA_URLS needs DATABASE_URL: replicas are replicas of a server the hub is given');
  const raw = env.REPLICA_STICKY_SECONDS;
  const stickySeconds = raw === undefined || raw === '' ? DEFAULT_STICKY_SECONDS : Number(raw);
  if (!Number.isInteger(stickySeconds) || stickySeconds <= 0 || stickySeconds > 3600)
    throw new Error(`REPLICA_STICKY_SECONDS must be a whole number of seconds from 1 to 3600, got "${raw}"`);
  return { urls, stickySeconds };
}
