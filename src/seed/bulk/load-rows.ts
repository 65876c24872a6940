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
  subjectLine,
} from './copy';
import type { BulkGenerator } from './generator';
import type { BulkSeedOptions } from './index';
import { reserveIds } from './load-sql';

/** Rows written per table. */
export interface Written {
  subjects: number;
  records: number;
  responsible: number;
  listings: number;
  listingRecords: number;
}

/** Records, then the responsible persons they name (collected while the records stream). */
async function copyRecords(phases: CopyPhases, generator: BulkGenerator, total: number, batchSize: number) {
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
  const records = await phases.copy(RECORD_COPY, 'records', total, recordChunks());
  const responsible = await phases.copy(
    RESPONSIBLE_COPY,
    'responsible',
    responsibleRows,
    responsibleChunks.map((text) => [text, countLines(text)] as [string, number]),
  );
  responsibleChunks.length = 0;
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
  log: (line: string) => void,
): Promise<Written> {
  const subjects = await phases.copy(
    SUBJECT_COPY,
    'subjects',
    options.subjects,
    mapBatches(generator.subjectBatches(batchSize), subjectLine),
  );
  const counts = generator.counts;
  log(
    `subjects: ${counts.governments} governments, ${counts.organizations} organizations, ${counts.servants} civil servants, ${counts.enterprises} enterprises`,
  );
  const { records, responsible } = await copyRecords(phases, generator, options.records, batchSize);
  return { subjects, records, responsible, ...(await copyListings(phases, client, generator)) };
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
