import type { Client } from 'pg';
import type { CopyPhases } from './copy-phases';
import {
  LISTING_COPY,
  LISTING_RECORD_COPY,
  listingLine,
  listingRecordLines,
  RECORD_COPY,
  recordLine,
  RESPONSIBLE_COPY,
  responsibleLines,
  SUBJECT_COPY,
  frozen,
  subjectLine,
  ChunkEncoder,
  type Chunk,
} from './copy';
import type { BulkGenerator } from './generator';
import type { BulkSeedOptions } from './index';
import { reserveIds } from './load-sql';

/** Which loads may COPY WITH (FREEZE): their tables were found empty and truncated (truncateForFreeze). */
export interface Freeze {
  subjects: boolean;
  records: boolean;
}

/** Rows written per table. */
export interface Written {
  subjects: number;
  records: number;
  responsible: number;
  listings: number;
  listingRecords: number;
}

/**
 * The records' COPY chunks; the chunks of the responsible persons they name are collected
 * into `responsible` on the way (complete once the records are), to be sent after them.
 */
export function* recordChunks(generator: BulkGenerator, batchSize: number, responsible: Chunk[]): Generator<Chunk> {
  const records = new ChunkEncoder();
  const people = new ChunkEncoder();
  for (const batch of generator.recordBatches(batchSize)) {
    for (const row of batch) {
      const full = records.add(recordLine(row));
      if (full) yield full;
      if (row.responsible.length > 0) keep(responsible, people.add(responsibleLines(row), row.responsible.length));
    }
  }
  keep(responsible, people.take());
  const last = records.take();
  if (last) yield last;
}

/** The subjects' COPY chunks. */
export function* subjectChunks(generator: BulkGenerator, batchSize: number): Generator<Chunk> {
  const subjects = new ChunkEncoder();
  for (const batch of generator.subjectBatches(batchSize)) {
    for (const row of batch) {
      const full = subjects.add(subjectLine(row));
      if (full) yield full;
    }
  }
  const last = subjects.take();
  if (last) yield last;
}

function keep(chunks: Chunk[], chunk: Chunk | null): void {
  if (chunk) chunks.push(chunk);
}

/** Records, then the responsible persons they name (collected while the records stream). */
async function copyRecords(
  phases: CopyPhases,
  generator: BulkGenerator,
  total: number,
  batchSize: number,
  freeze: boolean,
) {
  const people: Chunk[] = [];
  const chunks = recordChunks(generator, batchSize, people);
  const records = await phases.copy(frozen(RECORD_COPY, freeze), 'records', total, chunks);
  const rows = people.reduce((n, [, count]) => n + count, 0);
  const responsible = await phases.copy(frozen(RESPONSIBLE_COPY, freeze), 'responsible', rows, people);
  people.length = 0;
  return { records, responsible };
}

async function copyListings(phases: CopyPhases, client: Client, generator: BulkGenerator) {
  const listings = generator.listings(await reserveIds(client, 'records.listing', generator.listingCount));
  const listingCount = await phases.copy(LISTING_COPY, 'listings', listings.length, [
    [listings.map(listingLine).join(''), listings.length],
  ]);
  const reasonCount = listings.reduce((n, l) => n + l.recordIds.length, 0);
  const listingRecords = await phases.copy(LISTING_RECORD_COPY, 'listing records', reasonCount, [
    [listings.map(listingRecordLines).join(''), reasonCount],
  ]);
  return { listings: listingCount, listingRecords };
}

/** Subjects, records, responsible persons, listings and their records, each one COPY. */
export async function copyAll(
  phases: CopyPhases,
  client: Client,
  generator: BulkGenerator,
  options: BulkSeedOptions,
  batchSize: number,
  freeze: Freeze,
  log: (line: string) => void,
): Promise<Written> {
  const subjects = await phases.copy(
    frozen(SUBJECT_COPY, freeze.subjects),
    'subjects',
    options.subjects,
    subjectChunks(generator, batchSize),
  );
  const counts = generator.counts;
  log(
    `subjects: ${counts.governments} governments, ${counts.organizations} organizations, ${counts.servants} civil servants, ${counts.enterprises} enterprises`,
  );
  const { records, responsible } = await copyRecords(phases, generator, options.records, batchSize, freeze.records);
  return { subjects, records, responsible, ...(await copyListings(phases, client, generator)) };
}
