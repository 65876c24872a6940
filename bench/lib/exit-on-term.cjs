/**
 * Preloaded into the hub child only when the benchmark profiles it (--cpu-prof): V8 writes
 * the CPU profile when the process exits, so make sure it does exit a few seconds after
 * SIGTERM even if the hub's own graceful stop has not finished by then.
 */
'use strict';
process.on('SIGTERM', () => {
  setTimeout(() => process.exit(0), 3000).unref();
});
