import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ListingRow, RecordRow, SubjectRow } from './generator';

/**
 * COPY ... FROM STDIN in PostgreSQL's text format: tab-separated, \N for NULL, backslash
 * escapes for backslash, tab, newline and carriage return.
 */
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : value;
}

/** The COPY statement, WITH (FREEZE) for a table truncated in the loading transaction (truncateForFreeze). */
export function frozen(sql: string, freeze: boolean): string {
  return freeze ? `${sql} WITH (FREEZE)` : sql;
}

export const SUBJECT_COPY =
  'COPY subjects.subject (id, kind, name, code_key, code_display, code_cipher, region_code, parent_id, position, managed_by_id) FROM STDIN';
export function subjectLine(r: SubjectRow): string {
  return `${r.id}\t${r.kind}\t${copyValue(r.name)}\t${copyValue(r.codeKey)}\t${copyValue(r.codeDisplay)}\t${copyValue(r.codeCipher)}\t${r.regionCode}\t${copyValue(r.parentId)}\t${copyValue(r.position)}\t${copyValue(r.managedById)}\n`;
}

export const RECORD_COPY = `COPY records.credit_record (id, subject_key, subject_region, source_system, source_role, external_id, nature, category, domain,
  severity, title, details, legal_basis, document_no, decided_at, deciding_authority_code, disclosure, tolerated, public_until, repairable_from, usable_until,
  policy_version, content_hash) FROM STDIN`;
export function recordLine(r: RecordRow): string {
  return `${r.id}\t${copyValue(r.subjectKey)}\t${r.subjectRegion}\t${copyValue(r.sourceSystem)}\t${r.sourceRole}\t${copyValue(r.externalId)}\t${r.nature}\t${r.category}\t${r.domain}\t${r.severity}\t${copyValue(r.title)}\t${copyValue(r.details)}\t${copyValue(r.legalBasis)}\t${copyValue(r.documentNo)}\t${r.decidedAt}\t${copyValue(r.decidingAuthorityCode)}\t${r.disclosure}\t${r.tolerated ? 't' : 'f'}\t${r.publicUntil}\t${r.repairableFrom}\t${r.usableUntil}\t${copyValue(r.policyVersion)}\t${r.contentHash}\n`;
}

export const RESPONSIBLE_COPY = 'COPY records.record_responsible (record_id, person_key) FROM STDIN';
export function responsibleLines(r: RecordRow): string {
  let out = '';
  for (const key of r.responsible) out += `${r.id}\t${copyValue(key)}\n`;
  return out;
}

export const LISTING_COPY = `COPY records.listing (id, subject_key, subject_region, list_type, reason, legal_basis, authority_code, listed_by, starts_on,
  ends_on, delisted_at, delist_reason, delisted_by) FROM STDIN`;
export function listingLine(l: ListingRow): string {
  return `${l.id}\t${copyValue(l.subjectKey)}\t${l.subjectRegion}\t${l.listType}\t${copyValue(l.reason)}\t${copyValue(l.legalBasis)}\t${copyValue(l.authorityCode)}\t${copyValue(l.listedBy)}\t${l.startsOn}\t${copyValue(l.endsOn)}\t${copyValue(l.delistedAt)}\t${copyValue(l.delistReason)}\t${copyValue(l.delistedBy)}\n`;
}

export const LISTING_RECORD_COPY = 'COPY records.listing_record (listing_id, record_id) FROM STDIN';
export function listingRecordLines(l: ListingRow): string {
  let out = '';
  for (const id of l.recordIds) out += `${l.id}\t${id}\n`;
  return out;
}

/** A COPY chunk: encoded lines and how many rows they hold. */
export type Chunk = [Buffer, number];

const CHUNK_BYTES = 1 << 20;

/**
 * COPY lines encoded into ~1 MB buffers line by line, as they are made: each line string dies
 * young (cheap for the collector) instead of joining a rope of thousands that survives into
 * the old generation and is flattened and encoded again at the write (~1.5 µs a record less).
 */
export class ChunkEncoder {
  #buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #used = 0;
  #rows = 0;

  /** Encodes the line (of `rows` rows); when it might not fit, the chunk so far comes back first, to be sent. */
  add(line: string, rows = 1): Chunk | null {
    let full: Chunk | null = null;
    // At most 3 UTF-8 bytes per UTF-16 unit.
    if (line.length * 3 > this.#buffer.length - this.#used) {
      full = this.take();
      if (line.length * 3 > this.#buffer.length) this.#buffer = Buffer.allocUnsafe(line.length * 3);
    }
    this.#used += this.#buffer.write(line, this.#used);
    this.#rows += rows;
    return full;
  }

  /** The chunk so far (null when empty); the next lines go into a new buffer. */
  take(): Chunk | null {
    if (this.#used === 0) return null;
    const chunk: Chunk = [this.#buffer.subarray(0, this.#used), this.#rows];
    this.#buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.#used = 0;
    this.#rows = 0;
    return chunk;
  }
}

/**
 * Chunks handed to the socket but not yet taken by the kernel: while they are in flight the
 * server has work, so the next chunk is generated at the same time instead of after the drain.
 */
const MAX_IN_FLIGHT = 4;

/**
 * One COPY FROM STDIN on a client, fed chunk by chunk with back-pressure: write() returns at
 * once while fewer than MAX_IN_FLIGHT chunks wait for the socket, and waits for one to leave
 * otherwise, so generation runs beside the server but never far ahead of it.
 */
export class CopyStream {
  readonly #stream: ReturnType<typeof copyFrom>;
  readonly #finished: Promise<void>;
  #failure: Error | undefined;
  #inFlight = 0;
  #wake: (() => void) | undefined;

  constructor(client: Client, sql: string) {
    this.#stream = client.query(copyFrom(sql, { highWaterMark: 1 << 20 }));
    this.#finished = new Promise<void>((resolve, reject) => {
      this.#stream.on('finish', resolve);
      this.#stream.on('error', (error: Error) => {
        this.#failure = error;
        this.#wakeWriter();
        reject(error);
      });
    });
    // Observed through write()/end(); avoid an unhandled rejection in between.
    this.#finished.catch(() => undefined);
  }

  #wakeWriter(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (chunk.length === 0) return;
    this.#inFlight += 1;
    this.#stream.write(chunk, 'utf8', () => {
      this.#inFlight -= 1;
      this.#wakeWriter();
    });
    while (this.#inFlight >= MAX_IN_FLIGHT && !this.#failure) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
    if (this.#failure) throw this.#failure;
  }

  /** Ends the COPY and waits for the server to accept it; returns the rows it counted. */
  async end(): Promise<number> {
    if (this.#failure) throw this.#failure;
    this.#stream.end();
    await this.#finished;
    return this.#stream.rowCount;
  }

  /** Aborts the COPY (CopyFail): the server rolls the statement back. */
  abort(): void {
    if (!this.#stream.destroyed) this.#stream.destroy(new Error('bulk seed aborted'));
  }
}
