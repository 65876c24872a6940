import { issueDevelopmentToken } from '../../src/auth/tokens';
import { DEVELOPMENT_ISSUER } from '../../src/config';
import { sql, type BenchDatabase } from './database';
import { archiveCadreCodes } from './cadre-files';
import { rng, shuffle } from './random';
import { CALLERS, hubStatementCounts, type HubStatementCounts } from './hub-statements';
import type { BenchOptions, ScenarioName } from './options';
import type { ScenarioResult } from './results';
import { blacklistBatches, ingestRecords, type ArchiveReader, type BlacklistBatch } from './workload';
import { sampleCodes, type CodePools } from './code-pools';

/** What every server of a run is asked: the sampled codes, the callers' tokens, the ingest targets. */
export interface RunPlan {
  pools: CodePools;
  batches: BlacklistBatch[];
  statusCodes: string[];
  /** Every cadre of the benchmark's organization department, in a seeded random order. */
  cadreCodes: string[];
  reader: ArchiveReader;
  secret: string;
  tokens: Record<ScenarioName, string>;
  /** Region of each ingest target, by code key. */
  regionOf: Map<string, string>;
  runId: string;
  /** Requests per server checked field by field before load. */
  verifyCount: { batches: number; statuses: number; archives: number };
}

/** The callers' tokens are accepted only for registered clients (docs/clients.md). */
async function registerCallers(db: BenchDatabase): Promise<void> {
  for (const caller of Object.values(CALLERS)) {
    const org = 'org' in caller ? caller.org : undefined;
    await db.runtime.services.clients.ensure({
      issuer: db.config.jwt.issuer ?? DEVELOPMENT_ISSUER,
      subject: caller.sub,
      role: caller.role,
      region: caller.region,
      org,
    });
  }
}

async function callerTokens(secret: string): Promise<Record<ScenarioName, string>> {
  return {
    blacklist: await issueDevelopmentToken(secret, CALLERS.blacklist),
    status: await issueDevelopmentToken(secret, CALLERS.status),
    decision: await issueDevelopmentToken(secret, CALLERS.status),
    archive: await issueDevelopmentToken(secret, CALLERS.archive),
    ingest: await issueDevelopmentToken(secret, CALLERS.ingest),
  };
}

async function ingestRegions(db: BenchDatabase, targets: string[]): Promise<Map<string, string>> {
  const regionRows = await sql<{ code_key: string; region_code: string }>(
    db.runtime,
    'SELECT code_key, region_code FROM subjects.subject WHERE code_key = ANY(?::text[])',
    [`{${targets.join(',')}}`],
  );
  return new Map(regionRows.map((r) => [r.code_key, r.region_code]));
}

export async function planRun(db: BenchDatabase, options: BenchOptions): Promise<RunPlan> {
  const pools: CodePools = await sampleCodes(db.runtime, options.dataset.seed);
  const full = options.mode === 'full';
  const batches = blacklistBatches(pools, options.blacklistCodes, full ? 64 : 8, options.dataset.seed);
  const statusCodes = pools.status.slice(0, full ? 3000 : 300);
  const cadreCodes = shuffle(rng(options.dataset.seed + 4), archiveCadreCodes(options.dataset.cadres));
  const reader = { sub: CALLERS.archive.sub, org: CALLERS.archive.org, region: CALLERS.archive.region };
  const secret = db.config.jwt.secret!;
  await registerCallers(db);
  const tokens = await callerTokens(secret);
  const regionOf = await ingestRegions(db, pools.ingestTargets);
  const runId = Date.now().toString(36);
  const verifyCount = { batches: 2, statuses: full ? 60 : 15, archives: Math.min(cadreCodes.length, full ? 60 : 15) };
  return { pools, batches, statusCodes, cadreCodes, reader, secret, tokens, regionOf, runId, verifyCount };
}

/** The hub's SQL statements per operation, counted in-process for the scenarios asked. */
export async function countHubStatements(
  db: BenchDatabase,
  options: BenchOptions,
  plan: RunPlan,
): Promise<HubStatementCounts> {
  const wanted = new Set(options.scenarios);
  return hubStatementCounts(db.runtime.services, {
    codes: wanted.has('blacklist') ? plan.batches[0].codes : undefined,
    decisionCodes: wanted.has('decision') ? plan.batches[0].codes : undefined,
    code: wanted.has('status') ? plan.statusCodes[0] : undefined,
    cadre: wanted.has('archive') ? plan.cadreCodes[0] : undefined,
    records: wanted.has('ingest')
      ? JSON.parse(
          JSON.stringify(ingestRecords(plan.pools.ingestTargets, options.ingestBatch, `${plan.runId}-stmt`))
            .split('@@BATCH@@')
            .join('0'),
        )
      : undefined,
  });
}

function titles(options: BenchOptions): Record<ScenarioName, string> {
  return {
    blacklist: `blacklistCheck of ${options.blacklistCodes} codes (8 % listed, 62 % clean, 20 % unknown, 10 % invalid), TENDERING 320900`,
    decision: `blacklistCheck of ${options.blacklistCodes} codes with the interception decision (context PROCUREMENT), PROCUREMENT 320900; raw computes the same decision`,
    status: 'creditStatus of one random registered code, PROCUREMENT 320900',
    archive: `organization department (ORG_DEPT 320900) reading one cadre's archive of 20 entries and the dishonesty records naming the person (${options.dataset.cadres} cadres), access log written`,
    ingest: `submitRecords, batches of ${options.ingestBatch} new findings (COURT 320900), idempotency included`,
  };
}

/** One empty result per scenario asked, in the order asked. */
export function scenarioResults(options: BenchOptions): ScenarioResult[] {
  return options.scenarios.map((name) => ({
    name,
    title: titles(options)[name],
    itemsPerRequest:
      name === 'blacklist' || name === 'decision'
        ? options.blacklistCodes
        : name === 'ingest'
          ? options.ingestBatch
          : 1,
    itemLabel:
      name === 'blacklist' || name === 'decision'
        ? 'codes'
        : name === 'ingest'
          ? 'rows'
          : name === 'archive'
            ? 'archives'
            : 'statuses',
    connections: name === 'ingest' ? options.connections.ingest : options.connections.read,
    servers: {},
    ratios: {},
  }));
}
