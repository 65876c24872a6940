import fs from 'node:fs';
import path from 'node:path';
import { today } from '../../src/common/dates';
import { SubjectKind } from '../../src/common/subject-kind';
import type { HubServices } from '../../src/services';
import { SubjectRegistry } from '../../src/subgraphs/subjects/subject.service';
import type { SubjectDraft } from '../../src/subgraphs/subjects/subject.validation';
import { ensureArchiveCadres } from './archive-cadres';
import { sql, truncateHubTables, type BenchDatabase } from './database';
import { fallbackSeed } from './fallback-seed';
import { ingestTargetCodes, YANCHENG } from './identities';
import { ensureListings } from './listings';
import type { BenchOptions } from './options';

const FALLBACK_MAX = { subjects: 200_000, records: 600_000 };

export interface DatasetInfo {
  source: 'bulkSeed' | 'fallback' | 'existing';
  seedSeconds: number;
  subjects: number;
  persons: number;
  records: number;
  listings: number;
  activeListings: number;
  /** The archive scenario's cadres, their integrity-file entries and the dishonesty records naming them. */
  cadres: number;
  archiveEntries: number;
  cadreRecords: number;
}

async function counts(db: BenchDatabase, day: string) {
  const [row] = await sql(
    db.runtime,
    `SELECT
      (SELECT count(*)::int FROM subjects.subject) AS subjects,
      (SELECT count(*)::int FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT') AS persons,
      (SELECT count(*)::int FROM records.credit_record) AS records,
      (SELECT count(*)::int FROM records.listing) AS listings,
      (SELECT count(*)::int FROM records.listing l WHERE l.delisted_at IS NULL AND l.starts_on <= ?::date AND (l.ends_on IS NULL OR ?::date <= l.ends_on)) AS active`,
    [day, day],
  );
  return {
    subjects: row.subjects as number,
    persons: row.persons as number,
    records: row.records as number,
    listings: row.listings as number,
    activeListings: row.active as number,
  };
}

/** What the benchmark uses of src/seed/bulk (loaded lazily: it may not be built). */
type BulkSeed = (
  services: HubServices,
  options: { subjects: number; records: number; seed: number; progress?: boolean; log?: (line: string) => void },
) => Promise<unknown>;

/** What the benchmark uses of src/seed/bulk/archive-entries. */
type BulkArchiveEntries = (
  services: HubServices,
  options: { entries: number; seed: number; progress?: boolean; log?: (line: string) => void },
) => Promise<{ entries: number }>;

/** A module of src/seed/bulk when it has been built (loaded by path: the benchmark compiles without it). */
function compiledBulk<T>(file: string, name: string): T | undefined {
  const compiled = path.resolve(__dirname, '..', '..', 'src', 'seed', 'bulk', file);
  if (!fs.existsSync(compiled)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(compiled) as Record<string, unknown>;
  return typeof module[name] === 'function' ? (module[name] as T) : undefined;
}

/** The bulk seeder (src/seed/bulk, written separately) when it has been built; undefined otherwise. */
function findBulkSeed(): BulkSeed | undefined {
  return compiledBulk<BulkSeed>('index.js', 'bulkSeed');
}

/** Entries the bulk seeder wrote into the integrity files (its two pushing systems). */
async function bulkEntryCount(db: BenchDatabase): Promise<number> {
  const [row] = await sql<{ n: number }>(
    db.runtime,
    `SELECT count(*)::int AS n FROM archives.archive_entry WHERE source_system IN ('bulk-org-dept', 'bulk-discipline')`,
  );
  return row.n;
}

/**
 * `--archive-entries N`: the seeded civil servants' files (bulkArchiveEntries), before the archive
 * scenario's cadres exist. Asked for in full when short: what is there already is skipped.
 */
async function ensureBulkArchiveEntries(db: BenchDatabase, options: BenchOptions, log: (message: string) => void) {
  const { archiveEntries: wanted, seed } = options.dataset;
  if (wanted <= 0) return;
  const bulkArchiveEntries = compiledBulk<BulkArchiveEntries>('archive-entries.js', 'bulkArchiveEntries');
  if (!bulkArchiveEntries) return;
  const have = await bulkEntryCount(db);
  if (have >= wanted * 0.95) return;
  log(`seeding integrity files with bulkArchiveEntries: ${wanted} entries (${have} there, seed ${seed})`);
  await bulkArchiveEntries(db.runtime.services, {
    entries: wanted,
    seed,
    progress: process.stderr.isTTY === true,
    log: (line) => log(`  bulkArchiveEntries: ${line}`),
  });
}

/**
 * Makes sure the database holds a dataset of the asked size: bulkSeed when it exists,
 * otherwise the demo data plus a generated set pushed through the hub's own services.
 * Either way the benchmark tops up what its scenarios need (active listings, ingest targets).
 */
export async function ensureDataset(
  db: BenchDatabase,
  options: BenchOptions,
  log: (message: string) => void,
): Promise<DatasetInfo> {
  const { services } = db.runtime;
  const day = today();
  if (options.reset) {
    log('emptying the credit-hub tables (--reset)');
    await truncateHubTables(db.runtime);
  }
  const before = await counts(db, day);
  const want = options.dataset;
  const started = Date.now();
  let source: DatasetInfo['source'] = 'existing';
  const bulkSeed = findBulkSeed();
  const target = bulkSeed
    ? want
    : {
        ...want,
        subjects: Math.min(want.subjects, FALLBACK_MAX.subjects),
        records: Math.min(want.records, FALLBACK_MAX.records),
      };
  if (before.subjects < target.subjects * 0.95 || before.records < target.records * 0.95) {
    if (bulkSeed) {
      source = 'bulkSeed';
      // bulkSeed appends: ask for what is missing.
      const subjects = Math.max(0, want.subjects - before.subjects);
      const records = Math.max(0, want.records - before.records);
      log(`seeding with bulkSeed (src/seed/bulk): ${subjects} subjects, ${records} records more (seed ${want.seed})`);
      await bulkSeed(services, {
        subjects,
        records,
        seed: want.seed,
        progress: process.stderr.isTTY === true,
        log: (line) => log(`  bulkSeed: ${line}`),
      });
    } else {
      source = 'fallback';
      // Through the services the fallback manages ~5,000 rows/s: cap it so a run stays within minutes.
      const capped = {
        ...want,
        subjects: Math.min(want.subjects, FALLBACK_MAX.subjects),
        records: Math.min(want.records, FALLBACK_MAX.records),
      };
      log(
        `src/seed/bulk is not built: seeding the demo data plus a generated set (${capped.subjects} subjects, ${capped.records} records${capped.subjects < want.subjects || capped.records < want.records ? ', capped' : ''}) through the hub's services`,
      );
      await fallbackSeed(services, capped, log);
    }
  }
  await ensureBulkArchiveEntries(db, options, log);
  await ensureIngestTargets(services);
  // 2 % of the subjects (at most 3000, made one by one through ListingService) on a list.
  await ensureListings(db, services, Math.min(3000, Math.max(12, Math.round(want.subjects * 0.02))), want.seed, log);
  // After the listings: the cadres' findings are not meant to put anyone on a list.
  const archive = await ensureArchiveCadres(db, services, want.cadres, log);
  // Statistics, and the visibility map set: blacklistCheck's weighed read is an index-only scan
  // (credit_record_count_idx) that would fetch every heap page without it (frozen bulk-loaded pages are skipped).
  const vacuumStart = Date.now();
  await sql(db.runtime, 'VACUUM ANALYZE');
  log(`vacuum analyze: ${((Date.now() - vacuumStart) / 1000).toFixed(1)} s`);
  const after = await counts(db, day);
  return { source, seedSeconds: Math.round((Date.now() - started) / 100) / 10, ...after, ...archive };
}

async function ensureIngestTargets(services: HubServices): Promise<void> {
  const drafts: SubjectDraft[] = ingestTargetCodes().map((code, i) => ({
    kind: SubjectKind.ENTERPRISE,
    name: `基准测试推送对象${i + 1}号有限公司`,
    code,
    regionCode: YANCHENG[i % YANCHENG.length],
  }));
  await new SubjectRegistry(services.orm.em.fork(), services.keys).ensureRegistered(drafts);
}
