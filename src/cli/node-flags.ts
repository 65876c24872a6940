/**
 * V8 flags the hub runs with wherever it is started for real: `npm start` (package.json), the image's ENTRYPOINT
 * (docker/Dockerfile) and the benchmark's hub (bench/lib/servers.ts); tests/unit/hub-node-flags.test.ts keeps the
 * three alike. They have to be on node's command line: V8 sizes its heap when the process starts.
 *
 * A young generation of 32 MB per semi-space instead of V8's 16: a request's objects (parsed documents, query plans,
 * rows, answers) die young, and with 8 requests in flight the default one filled and was scavenged so often that
 * survivors were promoted and collected again in the old generation. On the 1M/5M benchmark dataset the hub's CPU
 * per request fell 14–19 % (archive read 2.85 → 2.31 ms, batch check 15.0 → 12.5 ms, ingest 39 → 33 ms) for
 * 21 MB more peak RSS (docs/benchmarks.md, "Young generation").
 */
export const HUB_NODE_FLAGS = ['--max-semi-space-size=32'] as const;
