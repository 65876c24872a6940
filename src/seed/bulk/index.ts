import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { today as hubToday } from '../../common/dates';
import type { HubServices } from '../../services';
import { bulkClients, registerSeedClients } from '../demo-clients';
import { BulkGenerator } from './generator';
import { CopyPhases, progressBar, secondsSince } from './copy-phases';
import { copyAll, type Freeze, type Written } from './load-rows';
import {
  existingPersonKeys,
  nextOrganizationSerial,
  reserveIds,
  setAsideForLargeLoad,
  truncateForFreeze,
  type SetAside,
} from './load-sql';

export {
  BulkGenerator,
  bodySerial,
  serialOfBody,
  apportion,
  type GeneratorOptions,
  type SubjectRow,
  type RecordRow,
  type ListingRow,
} from './generator';

export interface BulkSeedOptions {
  subjects: number;
  records: number;
  seed: number;
  /** Rows generated and sent per COPY chunk (default 10,000). */
  batchSize?: number;
  /** Progress bars on stderr, one per phase. */
  progress?: boolean;
  log?: (line: string) => void;
  /**
   * Loads above this many rows per table set its secondary indexes and foreign keys aside
   * (default LARGE_LOAD_ROWS).
   */
  largeLoadRows?: number;
}

export interface BulkSeedSummary {
  subjects: number;
  records: number;
  listings: number;
  /** Rows of records.record_responsible (responsible civil servants named by records). */
  responsible: number;
  seconds: number;
  /** Every row written (subjects, records, responsible persons, listings and their records) per second. */
  rowsPerSecond: number;
}

/**
 * Above this many rows added to a table (and at least a quarter of what it holds), its
 * secondary indexes and foreign keys are dropped before the load and rebuilt after it: one
 * sorted build (one validating join) is much cheaper than millions of index insertions
 * (trigger queries). Unique constraints and primary keys stay, they guard correctness.
 */
export const LARGE_LOAD_ROWS = 200_000;

const SUBJECT_TABLE = 'subjects.subject';
const RECORD_TABLES = ['records.credit_record', 'records.record_responsible'];
const LISTING_TABLES = ['records.listing', 'records.listing_record'];

function checkOptions(options: BulkSeedOptions): number {
  for (const field of ['subjects', 'records', 'seed'] as const) {
    if (!Number.isSafeInteger(options[field]) || options[field] < 0)
      throw new Error(`bulkSeed: ${field} must be a non-negative integer`);
  }
  const batchSize = options.batchSize ?? 10_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('bulkSeed: batchSize must be a positive integer');
  return batchSize;
}

/** Starts the transaction, locks the tables, reserves serials and ids, sets indexes aside; returns the generator. */
async function prepare(
  services: HubServices,
  client: Client,
  options: BulkSeedOptions,
  log: (line: string) => void,
): Promise<{ generator: BulkGenerator; setAside: SetAside[]; freeze: Freeze }> {
  const largeLoadRows = options.largeLoadRows ?? LARGE_LOAD_ROWS;
  await client.query('BEGIN');
  await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  await client.query('SET LOCAL synchronous_commit = off');
  // Concurrent writers wait until the commit (readers too once indexes are dropped or empty tables truncated).
  await client.query(
    `LOCK TABLE ${[SUBJECT_TABLE, ...RECORD_TABLES, ...LISTING_TABLES].join(', ')} IN SHARE ROW EXCLUSIVE MODE`,
  );
  const serialBase = await nextOrganizationSerial(client);
  const takenPersons = await existingPersonKeys(client);
  const subjectIdBase = await reserveIds(client, SUBJECT_TABLE, options.subjects);
  const recordIdBase = await reserveIds(client, 'records.credit_record', options.records);
  const setAside = [
    ...(await setAsideForLargeLoad(client, [SUBJECT_TABLE], options.subjects, largeLoadRows)),
    ...(await setAsideForLargeLoad(client, RECORD_TABLES, options.records, largeLoadRows)),
  ];
  if (setAside.length > 0)
    log(`set aside for the load (rebuilt after it): ${setAside.map((d) => `${d.kind} ${d.name}`).join(', ')}`);
  const freeze = {
    subjects: options.subjects > 0 && (await truncateForFreeze(client, [SUBJECT_TABLE])),
    records: options.records > 0 && (await truncateForFreeze(client, RECORD_TABLES)),
  };
  log(`COPY WITH (FREEZE) into empty tables: subjects ${freeze.subjects}, records ${freeze.records}`);
  const generator = new BulkGenerator({
    seed: options.seed,
    subjects: options.subjects,
    records: options.records,
    today: hubToday(),
    subjectIdBase,
    recordIdBase,
    serialBase,
    keys: services.keys,
    policy: services.creditPolicy,
    isTakenPersonKey: (key) => takenPersons.has(key),
  });
  return { generator, setAside, freeze };
}

/** Recreates what was set aside for a large load: indexes first, then each foreign key validated in one pass. */
export async function rebuildSetAside(
  client: Client,
  setAside: SetAside[],
  progress: boolean | undefined,
  log: (line: string) => void,
) {
  if (setAside.length === 0) return;
  const bar = progressBar(progress, 'indexes, keys', setAside.length);
  const rebuildStart = performance.now();
  for (const item of [...setAside].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'index' ? -1 : 1))) {
    const itemStart = performance.now();
    await client.query(item.restore);
    bar?.increment(1);
    log(`  rebuilt ${item.kind} ${item.name} in ${secondsSince(itemStart).toFixed(1)} s`);
  }
  bar?.stop();
  log(`indexes, keys: rebuilt ${setAside.length} in ${secondsSince(rebuildStart).toFixed(1)} s`);
}

/**
 * VACUUM ANALYZE of the grown tables: statistics, and the visibility map set so that reads can
 * use index-only scans (after a COPY FREEZE the pages are all-visible already and VACUUM skips them).
 */
async function vacuumGrown(client: Client, written: Written, log: (line: string) => void): Promise<void> {
  const grown = [
    ...(written.subjects > 0 ? [SUBJECT_TABLE] : []),
    ...(written.records > 0 ? RECORD_TABLES : []),
    ...(written.listings > 0 ? LISTING_TABLES : []),
  ];
  if (grown.length === 0) return;
  const analyzeStart = performance.now();
  await client.query(`VACUUM (ANALYZE) ${grown.join(', ')}`);
  log(`vacuum analyze: ${secondsSince(analyzeStart).toFixed(1)} s`);
}

function summarize(seed: number, w: Written, started: number, log: (line: string) => void): BulkSeedSummary {
  const seconds = secondsSince(started);
  const rows = w.subjects + w.records + w.responsible + w.listings + w.listingRecords;
  const summary: BulkSeedSummary = {
    subjects: w.subjects,
    records: w.records,
    listings: w.listings,
    responsible: w.responsible,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)),
  };
  log(
    `bulk seed (seed ${seed}): ${w.subjects.toLocaleString('en')} subjects, ${w.records.toLocaleString('en')} records, ` +
      `${w.responsible.toLocaleString('en')} responsible persons, ${w.listings.toLocaleString('en')} listings in ${seconds.toFixed(1)} s ` +
      `(${summary.rowsPerSecond.toLocaleString('en')} rows/s)`,
  );
  return summary;
}

/**
 * Bulk generation of a large, realistic and valid dataset (see generator.ts for its shape),
 * appended to what the database holds. Deterministic for a given seed and starting state.
 *
 * Everything happens in one transaction on a connection of its own, so a failure leaves the
 * database as it was: lock the tables against concurrent writes (reads go on until indexes
 * are dropped), reserve id ranges from the sequences, stream subjects, records, responsible
 * persons and listings with COPY (FREEZE into empty tables), rebuild what was set aside, commit,
 * VACUUM ANALYZE.
 */
export async function bulkSeed(services: HubServices, options: BulkSeedOptions): Promise<BulkSeedSummary> {
  const batchSize = checkOptions(options);
  const log = options.log ?? (() => undefined);
  await registerSeedClients(services, bulkClients());
  const started = performance.now();
  const client = new Client({
    connectionString: services.orm.config.get('clientUrl'),
    application_name: 'credit-hub bulk seed',
  });
  await client.connect();
  const phases = new CopyPhases(client, options.progress, log);
  let committed = false;
  try {
    const { generator, setAside, freeze } = await prepare(services, client, options, log);
    const written = await copyAll(phases, client, generator, options, batchSize, freeze, log);
    await rebuildSetAside(client, setAside, options.progress, log);
    await client.query('COMMIT');
    committed = true;
    await vacuumGrown(client, written, log);
    return summarize(options.seed, written, started, log);
  } catch (error) {
    if (!committed) {
      phases.abort();
      await client.query('ROLLBACK').catch(() => undefined);
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
