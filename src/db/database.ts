import type { HubConfig } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in the configured data directory. */
export async function openDatabase(config: HubConfig, log: (message: string) => void): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  log(`starting embedded PostgreSQL (data in ${config.embeddedPg.dataDir}, port ${config.embeddedPg.port})`);
  const db = await startEmbeddedPostgres({
    dataDir: config.embeddedPg.dataDir,
    port: config.embeddedPg.port,
    database: 'credit_hub',
    log,
  });
  return { ...db, embedded: true };
}

/** Database URL without its password, for logs and banners. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
