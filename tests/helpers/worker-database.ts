/** Set by tests/global-setup.ts when it made one database per jest worker in its embedded cluster. */
export const PER_WORKER_DATABASES = 'TEST_PER_WORKER_DATABASES';

/** Worker `worker`'s database on the cluster of `url`: the cluster's own for worker 1, `<name>_<n>` for the rest. */
export function workerDatabase(url: string, worker: number): { url: string; database: string } {
  const parsed = new URL(url);
  const base = parsed.pathname.slice(1);
  const database = worker <= 1 ? base : `${base}_${worker}`;
  parsed.pathname = `/${database}`;
  return { url: parsed.toString(), database };
}
