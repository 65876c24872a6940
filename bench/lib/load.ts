/** The load generator: autocannon (HTTP/1.1, keep-alive) at a fixed number of connections. */
import { benchRequire } from './bench-packages';

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  requests: { average: number; total: number };
  throughput: { average: number; total: number };
}

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  timeout?: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
  verifyBody?: (body: string) => boolean;
}) => Promise<AutocannonResult>;

// autocannon ships no types; this is the part of its programmatic API used here.
const autocannon = benchRequire('autocannon') as Autocannon;
export const AUTOCANNON_VERSION = (benchRequire('autocannon/package.json') as { version: string }).version;

export interface LoadSpec {
  url: string;
  path: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** Rotated in order, shared by all connections. */
  bodies?: string[];
  /** A fresh body for request number n (unique ingest batches). */
  bodyFor?: (n: number) => string;
}

export interface LoadResult {
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** Transport errors, time-outs, non-2xx answers, and answers carrying GraphQL `errors`. */
  errors: number;
  timeouts: number;
  non2xx: number;
  errorAnswers: number;
  /** Mean size of a response (body and headers), bytes. */
  bytesPerResponse: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let n = 0;
  const next = () => {
    const i = n;
    n += 1;
    return spec.bodyFor ? spec.bodyFor(i) : spec.bodies![i % spec.bodies!.length];
  };
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 60,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...spec.headers },
    requests: [
      { method: 'POST', path: spec.path, setupRequest: (request) => ({ ...request, path: spec.path, body: next() }) },
    ],
    // Every answer is read: a GraphQL error under load must not count as a fast success.
    verifyBody: (body) => !body.startsWith('{"errors"') && !body.includes('"errors":['),
  });
  return {
    seconds: result.duration,
    connections: spec.connections,
    requests: result.requests.total,
    requestsPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    meanMs: result.latency.mean,
    maxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    errorAnswers: result.mismatches,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}
