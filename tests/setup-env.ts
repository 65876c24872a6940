import 'reflect-metadata';
import { PER_WORKER_DATABASES, workerDatabase } from './helpers/worker-database';

// Each jest worker runs its test files on its own database (and access-log checkpoint
// directory) of the one test cluster, so files in different workers never share tables.
// Test files read process.env and pass it on to the hubs they spawn.
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
if (process.env[PER_WORKER_DATABASES] && worker > 1) {
  process.env.DATABASE_URL = workerDatabase(process.env.DATABASE_URL!, worker).url;
  process.env.MIGRATION_DATABASE_URL = workerDatabase(process.env.MIGRATION_DATABASE_URL!, worker).url;
  if (process.env.AUDIT_CHECKPOINT_DIR)
    process.env.AUDIT_CHECKPOINT_DIR = `${process.env.AUDIT_CHECKPOINT_DIR}-worker-${worker}`;
}
