#!/usr/bin/env node
/**
 * CPU per operation of the hub in this process, with a V8 profile, over the benchmark's
 * database (no HTTP, no load generator): quick before/after figures for one change.
 *
 *   npm run bench:profile -- blacklist|status|archive|ingest [--ops N] [--out file.cpuprofile]
 *
 * Uses the bench database like `npm run bench` (DATABASE_URL, else the embedded one in
 * .data/bench-postgres) and must be seeded already (the archive reading: with its cadres, as
 * `npm run bench` or `npm run bench:cpu` leave it). Run with NODE_ENV=production and the
 * secrets the bench uses, as the hub is deployed (graphql-js checks more in development).
 * Summarise the profile with `node dist/bench/profile-summary.js <file>`.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import { makePrincipal } from '../src/auth/principal';
import { Role } from '../src/auth/roles';
import { createHub } from '../src/gateway/hub';
import { openBenchDatabase } from './lib/database';
import { defaultOptions } from './lib/options';
import { sampleCodes } from './lib/code-pools';
import { ARCHIVE_PURPOSE, HUB_ARCHIVE, HUB_BLACKLIST, HUB_STATUS } from './lib/documents';
import { archiveCadreCodes } from './lib/cadre-files';
import { CALLERS } from './lib/hub-statements';
import { blacklistBatches } from './lib/workload';
import { inProcessIngest, removeInProcessIngest } from './lib/inprocess-ingest';

const OPS = { blacklist: 40, status: 1000, archive: 400, ingest: 20 };
type Which = keyof typeof OPS;
type Request = { query: string; variables: Record<string, unknown> };

/** The scenario's caller and its i-th request (the benchmark's own documents and callers). */
async function scenario(which: Which, db: Awaited<ReturnType<typeof openBenchDatabase>>) {
  if (which === 'ingest') return inProcessIngest();
  if (which === 'archive') {
    const cadres = archiveCadreCodes(defaultOptions('full').dataset.cadres);
    return {
      viewer: makePrincipal(CALLERS.archive),
      request: (i: number): Request => ({
        query: HUB_ARCHIVE,
        variables: { code: cadres[i % cadres.length], purpose: ARCHIVE_PURPOSE },
      }),
    };
  }
  const pools = await sampleCodes(db.runtime, 42);
  const batches = blacklistBatches(pools, 500, 40, 42);
  return which === 'blacklist'
    ? {
        viewer: makePrincipal({ sub: 'bench-tendering', role: Role.TENDERING, region: '320900' }),
        request: (i: number): Request => ({
          query: HUB_BLACKLIST,
          variables: { codes: batches[i % batches.length].codes },
        }),
      }
    : {
        viewer: makePrincipal({ sub: 'bench-procurement', role: Role.PROCUREMENT, region: '320900' }),
        request: (i: number): Request => ({
          query: HUB_STATUS,
          variables: { code: pools.status[i % pools.status.length] },
        }),
      };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const which = args[0] as Which;
  if (!Object.hasOwn(OPS, which))
    throw new Error('usage: profile-inprocess blacklist|status|archive|ingest [--ops N] [--out file]');
  const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const ops = Number(flag('--ops') ?? OPS[which]);
  const out = flag('--out') ?? `${which}.cpuprofile`;

  const db = await openBenchDatabase(defaultOptions('full'), () => undefined);
  const hub = await createHub(db.runtime.services);
  try {
    const { viewer, request } = await scenario(which, db);
    const run = async (i: number) => {
      const response = await hub.server.executeOperation(request(i), { contextValue: hub.contextFor(viewer) });
      if (response.body.kind !== 'single' || response.body.singleResult.errors)
        throw new Error(`answered with errors: ${JSON.stringify(response.body)}`);
    };
    for (let i = 0; i < Math.ceil(ops / 4); i++) await run(i); // warm-up: plans, caches, JIT

    const session = new Session();
    session.connect();
    const post = <T>(method: string) =>
      new Promise<T>((resolve, reject) =>
        session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))),
      );
    await post('Profiler.enable');
    await post('Profiler.start');
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < ops; i++) await run(i);
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - started;
    const { profile } = await post<{ profile: unknown }>('Profiler.stop');
    fs.writeFileSync(out, JSON.stringify(profile));
    process.stdout.write(
      `${which}: ${ops} operations, ${(wall / ops).toFixed(2)} ms wall and ${((used.user + used.system) / 1000 / ops).toFixed(2)} ms CPU per operation; profile in ${out}\n`,
    );
  } finally {
    await hub.stop();
    if (which === 'ingest') await removeInProcessIngest(db.runtime);
    await db.close();
  }
}

main().catch((error) => {
  process.stderr.write(`profile-inprocess: ${(error as Error).message}\n`);
  process.exit(1);
});
