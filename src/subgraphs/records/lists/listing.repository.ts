import type { EntityManager } from '@mikro-orm/postgresql';
import { rowMapper, type RowMapper } from '../../../db/row-mapper';
import { pgArray } from '../../../db/sql';
import type { ListType } from '../enums';
import { Listing } from './listing.entity';
import { listingStatus } from './listing-status';

/**
 * In effect on `today`: not delisted, no objection awaiting decision, started, not ended. A noticed listing starts the
 * day after its objection window (listing.service.ts), so it takes effect by date like it ends. Lists are public: no
 * row filter. listing-status.ts reads the same facts (IN_EFFECT).
 */
export const ACTIVE_LISTING_SQL = `l.delisted_at IS NULL AND (l.objected_at IS NULL OR l.objection_decided_at IS NOT NULL)
  AND l.starts_on <= ?::date AND (l.ends_on IS NULL OR ?::date <= l.ends_on)`;

export class ListingRepository {
  private map?: RowMapper<Listing>;

  constructor(
    private readonly em: EntityManager,
    private readonly today: string,
  ) {}

  private async query(where: string, params: unknown[]): Promise<Listing[]> {
    const rows = await this.em.execute(
      `SELECT l.*, (${ACTIVE_LISTING_SQL}) AS is_active FROM records.listing l WHERE ${where} ORDER BY l.id`,
      [this.today, this.today, ...params],
    );
    return rows.map((row: Record<string, unknown>) => this.toListing(row));
  }

  /** A row of records.listing with its `is_active` (ACTIVE_LISTING_SQL) as a Listing, its status as of today. */
  toListing(row: Record<string, unknown>): Listing {
    this.map ??= rowMapper(this.em, Listing);
    const listing = Object.assign(this.map(row), { active: row.is_active as boolean });
    return Object.assign(listing, { status: listingStatus(listing, this.today) });
  }

  /** Listings of many subjects in one statement; `activeOnly` applies the rule above. */
  bySubjectKeys(
    keys: readonly string[],
    options: { activeOnly: boolean; types?: readonly ListType[] | null; noticedOnly?: boolean },
  ): Promise<Listing[]> {
    const clauses = ['l.subject_key = ANY(?::text[])'];
    const params: unknown[] = [pgArray(keys)];
    if (options.activeOnly) {
      clauses.push(ACTIVE_LISTING_SQL);
      params.push(this.today, this.today);
    }
    if (options.noticedOnly) clauses.push('l.notice_ends_on IS NOT NULL');
    if (options.types?.length) {
      clauses.push('l.list_type = ANY(?::text[])');
      params.push(pgArray(options.types));
    }
    return this.query(clauses.join(' AND '), params);
  }

  byIds(ids: readonly string[]): Promise<Listing[]> {
    return this.query('l.id = ANY(?::bigint[])', [pgArray(ids)]);
  }

  async reasonRecordIds(listingIds: readonly string[]): Promise<{ listing_id: string; record_id: string }[]> {
    return this.em.execute(
      'SELECT listing_id::text, record_id::text FROM records.listing_record WHERE listing_id = ANY(?::bigint[]) ORDER BY record_id',
      [pgArray(listingIds)],
    );
  }
}
