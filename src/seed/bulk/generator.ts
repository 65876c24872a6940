import { addDays } from '../../common/dates';
import { decideListings } from './listing-decisions';
import { buildGeography, emptyHierarchy, type Hierarchy } from './geography';
import { KIND_CODES, Offenders } from './offenders';
import { organizationRows } from './organizations';
import { enterpriseRow, servantRows } from './people';
import { AliasTable, Prng, WeightedTable } from './prng';
import { TEMPLATES_BY_KIND } from './record-templates';
import { recordRow, type RecordMaking, type TemplateTables } from './records';
import type { GeneratorOptions, ListingRow, RecordRow, SubjectRow } from './rows';
import { MAX_SERIAL } from './serials';
import { HISTORY_DAYS, ORGANIZATION_SHARE, SERVANT_SHARE } from './shares';
import type { SubjectMaking } from './subject-making';

export type { GeneratorOptions, ListingRow, RecordRow, SubjectRow } from './rows';
export { apportion, BODY_PREFIX, bodySerial, MAX_SERIAL, serialOfBody } from './serials';
export { HISTORY_DAYS, LISTED_SHARE, ORGANIZATION_SHARE, SERVANT_SHARE } from './shares';

/**
 * The pure part of the bulk seed: a deterministic generator of subject, record and listing
 * rows. It reads nothing and writes nothing; the loader (index.ts) gives it the id ranges and
 * the code serial it may use and streams its batches into PostgreSQL.
 *
 * Shape of the data (rough shares of N subjects): ~15 % organizations in a division-code
 * hierarchy over five provinces (per city and county a GOVERNMENT, 15-25 DEPARTMENTs incl.
 * the organization department, INSTITUTIONs; per county TOWNSHIPs with COMMUNITYs), ~30 %
 * PUBLIC_SERVANTs under departments (or townships) managed by the organization department of
 * their own government, the rest ENTERPRISEs. Records follow a heavy-tailed distribution over
 * a minority of subjects; categories, domains and pushing systems fit the subject kind.
 */
export class BulkGenerator {
  readonly #o: GeneratorOptions;
  readonly #hierarchy: Hierarchy = emptyHierarchy();
  readonly #offenders: Offenders;
  readonly #subjects: SubjectMaking;
  readonly #records: RecordMaking;
  #listings: ListingRow[] | null = null;
  #organizations = 0;
  #servants = 0;
  #enterprises = 0;
  #subjectsDone = false;
  #recordsDone = false;

  constructor(options: GeneratorOptions) {
    for (const field of ['subjects', 'records', 'subjectIdBase', 'recordIdBase', 'serialBase'] as const) {
      if (!Number.isSafeInteger(options[field]) || options[field] < 0)
        throw new Error(`${field} must be a non-negative integer`);
    }
    if (options.serialBase + options.subjects > MAX_SERIAL) throw new Error('organization code serials exhausted');
    this.#o = options;
    const geo = Prng.derive(options.seed, 'geography');
    const subjectPrng = Prng.derive(options.seed, 'subjects');
    const recordPrng = Prng.derive(options.seed, 'records');
    this.#offenders = new Offenders(recordPrng, options.records);
    const prefectures = buildGeography(geo);
    this.#subjects = {
      options,
      prng: subjectPrng,
      next: { id: options.subjectIdBase, serial: options.serialBase },
      prefectures,
      allCountyRegions: prefectures.flatMap((p) => p.counties.map((c) => c.region)),
      hierarchy: this.#hierarchy,
      offenders: this.#offenders,
      personNumbers: new Set<string>(),
    };
    this.#records = {
      options,
      prng: recordPrng,
      hierarchy: this.#hierarchy,
      offenders: this.#offenders,
      dates: Array.from({ length: HISTORY_DAYS + 1 }, (_, offset) => addDays(options.today, -offset)),
      windows: new Map(),
      serious: { offender: [], id: [], offset: [], title: [], category: [], domain: [], until: [] },
    };
  }

  /** Counts so far (final once the subject batches are exhausted). */
  get counts() {
    return {
      organizations: this.#organizations,
      servants: this.#servants,
      enterprises: this.#enterprises,
      governments: this.#hierarchy.units.length,
    };
  }

  /**
   * Subject rows in batches, parents before children: organizations unit by unit, then
   * civil servants, then enterprises. Exactly `subjects` rows in total.
   */
  *subjectBatches(batchSize: number): Generator<SubjectRow[]> {
    if (this.#subjectsDone) throw new Error('subject batches were already generated');
    yield* batches(this.#subjectRows(), batchSize);
    this.#subjectsDone = true;
  }

  *#subjectRows(): Generator<SubjectRow> {
    const total = this.#o.subjects;
    const orgBudget = Math.min(total, Math.round(total * ORGANIZATION_SHARE));
    for (const row of organizationRows(this.#subjects, orgBudget)) {
      if (this.#organizations >= total) return;
      this.#organizations++;
      yield row;
    }
    const servants =
      this.#hierarchy.units.length > 0 ? Math.min(Math.round(total * SERVANT_SHARE), total - this.#organizations) : 0;
    for (const row of servantRows(this.#subjects, servants)) {
      this.#servants++;
      yield row;
    }
    const enterprises = total - this.#organizations - this.#servants;
    for (let i = 0; i < enterprises; i++) {
      this.#enterprises++;
      yield enterpriseRow(this.#subjects);
    }
  }

  /** Record rows in batches (after the subjects): `records` rows in total. */
  *recordBatches(batchSize: number): Generator<RecordRow[]> {
    if (!this.#subjectsDone) throw new Error('generate the subjects first');
    if (this.#recordsDone) throw new Error('record batches were already generated');
    yield* batches(this.#recordRows(), batchSize);
    this.#recordsDone = true;
  }

  *#recordRows(): Generator<RecordRow> {
    const total = this.#o.records;
    if (total > 0 && this.#offenders.key.length === 0)
      throw new Error('no subjects to attach records to (load more subjects)');
    const alias = total > 0 ? new AliasTable(this.#offenders.weight) : null;
    const tables: TemplateTables = new Map(
      KIND_CODES.map((kind) => [kind, new WeightedTable(TEMPLATES_BY_KIND[kind].map((t) => [t, t.weight] as const))]),
    );
    for (let i = 0; i < total; i++) {
      const offender = alias!.draw(this.#records.prng);
      yield recordRow(this.#records, this.#o.recordIdBase + i, offender, tables);
    }
  }

  #decideListings(): ListingRow[] {
    this.#listings ??= decideListings({
      seed: this.#o.seed,
      today: this.#o.today,
      dates: this.#records.dates,
      serious: this.#records.serious,
      offenders: this.#offenders,
      units: this.#hierarchy.units,
    });
    return this.#listings;
  }

  /** The listings (once the records are generated), with ids from `idBase` on. */
  listings(idBase: number): ListingRow[] {
    if (!this.#recordsDone && this.#o.records > 0) throw new Error('generate the records first');
    return this.#decideListings().map((listing, i) => ({
      ...listing,
      id: idBase + i,
      recordIds: [...listing.recordIds],
    }));
  }

  get listingCount(): number {
    if (!this.#recordsDone && this.#o.records > 0) throw new Error('generate the records first');
    return this.#decideListings().length;
  }
}

/** Groups rows into batches of `size` (the last one shorter). */
function* batches<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
