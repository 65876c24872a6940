import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { today as hubToday } from '../../common/dates';
import type { HubServices } from '../../services';
import {
  CopyStream,
  LISTING_COPY,
  LISTING_RECORD_COPY,
  listingLine,
  listingRecordLines,
  RECORD_COPY,
  recordLine,
  RESPONSIBLE_COPY,
  responsibleLines,
  SUBJECT_COPY,
  subjectLine,
} from './copy';
import { bulkClients, registerSeedClients } from '../demo-clients';
import { BODY_PREFIX, BulkGenerator, serialOfBody } from './generator';

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
  /** Loads above this many rows per table set its secondary indexes and foreign keys aside (default LARGE_LOAD_ROWS). */
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

/**
 * Bulk generation of a large, realistic and valid dataset (see generator.ts for its shape),
 * appended to what the database holds. Deterministic for a given seed and starting state.
 *
 * Everything happens in one transaction on a connection of its own, so a failure leaves the
 * database as it was: lock the tables against concurrent writes (reads go on until indexes
 * are dropped), reserve id ranges from the sequences, stream subjects, records, responsible
 * persons and listings with COPY, rebuild what was set aside, commit, ANALYZE.
 */
export async function bulkSeed(services: HubServices, options: BulkSeedOptions): Promise<BulkSeedSummary> {
  for (const field of ['subjects', 'records', 'seed'] as const) {
    if (!Number.isSafeInteger(options[field]) || options[field] < 0)
      throw new Error(`bulkSeed: ${field} must be a non-negative integer`);
  }
  const batchSize = options.batchSize ?? 10_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('bulkSeed: batchSize must be a positive integer');
  const log = options.log ?? (() => undefined);
  await registerSeedClients(services, bulkClients());
  const largeLoadRows = options.largeLoadRows ?? LARGE_LOAD_ROWS;
  const started = performance.now();
  const client = new Client({
    connectionString: services.orm.config.get('clientUrl'),
    application_name: 'credit-hub bulk seed',
  });
  await client.connect();
  let active: CopyStream | null = null;
  let committed = false;
  const copy = async (
    sql: string,
    label: string,
    total: number,
    chunks: Iterable<[string, number]>,
  ): Promise<number> => {
    const bar = progressBar(options.progress, label, total);
    const phaseStart = performance.now();
    active = new CopyStream(client, sql);
    let done = 0;
    for (const [text, rows] of chunks) {
      await active.write(text);
      done += rows;
      bar?.increment(rows, { rate: Math.round(done / Math.max(secondsSince(phaseStart), 0.001)).toLocaleString('en') });
    }
    const sent = performance.now();
    const written = await active.end();
    active = null;
    bar?.stop();
    log(
      `${label}: ${written.toLocaleString('en')} rows in ${secondsSince(phaseStart).toFixed(1)} s (server done ${secondsSince(sent).toFixed(1)} s after the last row)`,
    );
    return written;
  };

  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    await client.query('SET LOCAL synchronous_commit = off');
    // Concurrent writers wait (readers do not) until the commit: id ranges stay ours.
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

    const subjects = await copy(
      SUBJECT_COPY,
      'subjects',
      options.subjects,
      mapBatches(generator.subjectBatches(batchSize), subjectLine),
    );
    const counts = generator.counts;
    log(
      `subjects: ${counts.governments} governments, ${counts.organizations} organizations, ${counts.servants} civil servants, ${counts.enterprises} enterprises`,
    );

    const responsibleChunks: string[] = [];
    let responsibleRows = 0;
    const recordChunks = function* (): Generator<[string, number]> {
      for (const batch of generator.recordBatches(batchSize)) {
        let text = '';
        let people = '';
        for (const row of batch) {
          text += recordLine(row);
          if (row.responsible.length > 0) {
            people += responsibleLines(row);
            responsibleRows += row.responsible.length;
          }
        }
        if (people) responsibleChunks.push(people);
        yield [text, batch.length];
      }
    };
    const records = await copy(RECORD_COPY, 'records', options.records, recordChunks());
    const responsible = await copy(
      RESPONSIBLE_COPY,
      'responsible',
      responsibleRows,
      responsibleChunks.map((text) => [text, countLines(text)] as [string, number]),
    );
    responsibleChunks.length = 0;

    const listings = generator.listings(await reserveIds(client, 'records.listing', generator.listingCount));
    const listingCount = await copy(LISTING_COPY, 'listings', listings.length, [
      [listings.map(listingLine).join(''), listings.length],
    ]);
    const reasonCount = listings.reduce((n, l) => n + l.recordIds.length, 0);
    const listingRecords = await copy(LISTING_RECORD_COPY, 'listing records', reasonCount, [
      [listings.map(listingRecordLines).join(''), reasonCount],
    ]);

    if (setAside.length > 0) {
      // Indexes first; foreign keys are then validated in one pass each.
      const bar = progressBar(options.progress, 'indexes, keys', setAside.length);
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
    await client.query('COMMIT');
    committed = true;

    const grown = [
      ...(subjects > 0 ? [SUBJECT_TABLE] : []),
      ...(records > 0 ? RECORD_TABLES : []),
      ...(listingCount > 0 ? LISTING_TABLES : []),
    ];
    if (grown.length > 0) {
      const analyzeStart = performance.now();
      await client.query(`ANALYZE ${grown.join(', ')}`);
      log(`analyze: ${secondsSince(analyzeStart).toFixed(1)} s`);
    }

    const seconds = secondsSince(started);
    const rows = subjects + records + responsible + listingCount + listingRecords;
    const summary: BulkSeedSummary = {
      subjects,
      records,
      listings: listingCount,
      responsible,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)),
    };
    log(
      `bulk seed (seed ${options.seed}): ${subjects.toLocaleString('en')} subjects, ${records.toLocaleString('en')} records, ` +
        `${responsible.toLocaleString('en')} responsible persons, ${listingCount.toLocaleString('en')} listings in ${seconds.toFixed(1)} s ` +
        `(${summary.rowsPerSecond.toLocaleString('en')} rows/s)`,
    );
    return summary;
  } catch (error) {
    if (!committed) {
      (active as CopyStream | null)?.abort();
      await client.query('ROLLBACK').catch(() => undefined);
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function* mapBatches<T>(batches: Iterable<T[]>, line: (row: T) => string): Generator<[string, number]> {
  for (const batch of batches) {
    let text = '';
    for (const row of batch) text += line(row);
    yield [text, batch.length];
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

function progressBar(enabled: boolean | undefined, label: string, total: number): SingleBar | null {
  if (!enabled || total === 0) return null;
  const bar = new SingleBar(
    {
      format: `${label.padEnd(15)} [{bar}] {percentage}% | {value}/{total} | {rate} rows/s | {duration_formatted} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 200,
      fps: 5,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '0' });
  return bar;
}

/** First free organization serial: one past the largest 'MA' body serial already registered. */
async function nextOrganizationSerial(client: Client): Promise<number> {
  const { rows } = await client.query<{ top: string | null }>(
    `SELECT max(substr(code_key, 11, 6) COLLATE "C") AS top FROM subjects.subject
     WHERE kind <> 'PUBLIC_SERVANT' AND length(code_key) = 18 AND substr(code_key, 9, 2) = $1`,
    [BODY_PREFIX],
  );
  const top = rows[0]?.top;
  if (!top) return 0;
  const serial = serialOfBody(top);
  if (!Number.isFinite(serial)) throw new Error(`unexpected organization body serial "${top}"`);
  return serial + 1;
}

/** Look-up keys of the persons already registered: generated numbers must not repeat them. */
async function existingPersonKeys(client: Client): Promise<Set<string>> {
  const { rows } = await client.query<string[]>({
    text: `SELECT code_key FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT'`,
    rowMode: 'array',
  });
  return new Set(rows.map((row) => row[0]!));
}

/** Reserves `count` ids of the table's sequence (the table is locked against other inserts). */
async function reserveIds(client: Client, table: string, count: number): Promise<number> {
  const {
    rows: [{ seq }],
  } = await client.query<{ seq: string }>(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [table]);
  if (count === 0) {
    // Nothing to reserve; report the next id without consuming it.
    const {
      rows: [{ next }],
    } = await client.query<{ next: string }>(
      `SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${seq}`,
    );
    return Number(next);
  }
  const {
    rows: [{ first }],
  } = await client.query<{ first: string }>('SELECT nextval($1::regclass)::text AS first', [seq]);
  const start = Number(first);
  await client.query('SELECT setval($1::regclass, $2::bigint)', [seq, String(start + count - 1)]);
  return start;
}

/** A secondary index or foreign key set aside for a large load, and how to put it back. */
interface SetAside {
  name: string;
  kind: 'index' | 'foreign key';
  restore: string;
}

/**
 * For a large load into `tables`: drops their secondary indexes (neither primary key, unique
 * nor backing a constraint) and the foreign keys declared on them, returning the statements
 * that recreate them exactly as the migrations made them (pg_indexes.indexdef,
 * pg_get_constraintdef). Re-adding a foreign key validates every row in one join, where
 * keeping it costs a trigger query per inserted row (about 15 s per million subjects here).
 * Unique constraints and primary keys stay: they guard correctness during the load.
 */
async function setAsideForLargeLoad(
  client: Client,
  tables: string[],
  adding: number,
  threshold: number,
): Promise<SetAside[]> {
  if (adding <= threshold) return [];
  const setAside: SetAside[] = [];
  for (const table of tables) {
    const [schema, name] = table.split('.') as [string, string];
    const {
      rows: [{ estimate }],
    } = await client.query<{ estimate: number }>(
      `SELECT greatest(c.reltuples, 0)::float8 AS estimate FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
      [schema, name],
    );
    // Adding little to a big table: maintaining the indexes is cheaper than rebuilding them.
    if (adding < estimate / 4) continue;
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        JOIN pg_namespace n ON n.nspname = i.schemaname
        JOIN pg_class ic ON ic.relname = i.indexname AND ic.relnamespace = n.oid
        JOIN pg_index x ON x.indexrelid = ic.oid
       WHERE i.schemaname = $1 AND i.tablename = $2
         AND NOT x.indisprimary AND NOT x.indisunique
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ic.oid)
       ORDER BY i.indexname`,
      [schema, name],
    );
    for (const index of indexes) {
      await client.query(`DROP INDEX ${quoteIdent(schema)}.${quoteIdent(index.indexname)}`);
      setAside.push({ name: `${schema}.${index.indexname}`, kind: 'index', restore: index.indexdef });
    }
    const { rows: foreignKeys } = await client.query<{ conname: string; definition: string }>(
      `SELECT c.conname, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = $1 AND t.relname = $2 AND c.contype = 'f' ORDER BY c.conname`,
      [schema, name],
    );
    const qualified = `${quoteIdent(schema)}.${quoteIdent(name)}`;
    for (const fk of foreignKeys) {
      await client.query(`ALTER TABLE ${qualified} DROP CONSTRAINT ${quoteIdent(fk.conname)}`);
      setAside.push({
        name: `${schema}.${fk.conname}`,
        kind: 'foreign key',
        restore: `ALTER TABLE ${qualified} ADD CONSTRAINT ${quoteIdent(fk.conname)} ${fk.definition}`,
      });
    }
  }
  return setAside;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
