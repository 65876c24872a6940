import { loadConfig } from '../config';
import type { Runtime, RuntimeOptions } from '../runtime';

/**
 * Runs a command that needs the database, then closes it. The runtime (ORM, every subgraph's
 * entities) is loaded here, on first use, so commands that do not need it start fast.
 */
export async function withRuntime(work: (runtime: Runtime) => Promise<void>, options: RuntimeOptions = {}) {
  const config = loadConfig();
  const { openRuntime } = await import('../runtime.js');
  const runtime = await openRuntime(config, options);
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

export const write = (line: string) => process.stdout.write(`${line}\n`);
