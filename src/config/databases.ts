/** The subgraphs that own a database of their own (docs/deployment.md, "Database per subgraph"). */
export const SUBGRAPH_DATABASES = ['subjects', 'records', 'archives'] as const;
export type SubgraphDatabase = (typeof SUBGRAPH_DATABASES)[number];

/** Where one subgraph keeps its tables. */
export interface DatabaseTarget {
  /** `<NAME>_DATABASE_URL`, or DATABASE_URL; unset (embedded default) when neither is. */
  url?: string;
  /** `<NAME>_MIGRATION_DATABASE_URL`; on DATABASE_URL's database, MIGRATION_DATABASE_URL. */
  ownerUrl?: string;
  /** Whether `<NAME>_DATABASE_URL` is set (the subgraph has a URL of its own, maybe the same server). */
  own: boolean;
}

export type DatabaseSettings = Record<SubgraphDatabase, DatabaseTarget>;

export const variable = (name: SubgraphDatabase, suffix = 'DATABASE_URL') => `${name.toUpperCase()}_${suffix}`;

/** Checked where the databases are planned (src/db/database-plan.ts), like DATABASE_URL when first used. */
export function checkDatabaseUrl(name: string, url: string): void {
  if (!isPostgresUrl(url)) throw new Error(`${name} must be a postgres://user:password@host:port/database URL`);
}

/** postgres://…/database (or postgresql://), a database named. */
export function isPostgresUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return /^postgres(ql)?:$/.test(parsed.protocol) && parsed.pathname.length >= 2;
}

/**
 * SUBJECTS_/RECORDS_/ARCHIVES_DATABASE_URL (and their _MIGRATION_ twins), each falling back to
 * DATABASE_URL (and MIGRATION_DATABASE_URL); throws (plain Error) naming the variable at fault.
 */
export function parseDatabaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  const entries = SUBGRAPH_DATABASES.map((name): [SubgraphDatabase, DatabaseTarget] => {
    const own = env[variable(name)] || undefined;
    const ownOwner = env[variable(name, 'MIGRATION_DATABASE_URL')] || undefined;
    if (own && !env.DATABASE_URL)
      throw new Error(`${variable(name)} needs DATABASE_URL too (the gateway's database: the client registry)`);
    if (ownOwner && !own) throw new Error(`${variable(name, 'MIGRATION_DATABASE_URL')} needs ${variable(name)}`);
    const url = own ?? (env.DATABASE_URL || undefined);
    const ownerUrl = own ? ownOwner : env.MIGRATION_DATABASE_URL || undefined;
    return [name, { url, ownerUrl, own: Boolean(own) }];
  });
  return Object.fromEntries(entries) as DatabaseSettings;
}

/** A database's identity: server and database name, whoever logs in (two roles on one database are one). */
export function databaseIdentity(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}/${decodeURIComponent(parsed.pathname.replace(/^\//, ''))}`;
}
