import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';

/**
 * A published ranking (公布量化排名): one per period, kind and division prefix. Publishing
 * freezes the numbers in ranking_entry; afterwards `ranking` reads them from here, so later
 * pushes, repairs or corrections never rewrite a published table.
 */
@Entity({ schema: 'records', tableName: 'ranking_publication' })
@Unique({ name: 'ranking_publication_unique', properties: ['period', 'kind', 'regionPrefix'] })
export class RankingPublication {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  period!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  regionPrefix!: string;

  /** Version of config/evaluation.json the numbers were computed with. */
  @Property({ type: 'text' })
  indicatorVersion!: string;

  @Property({ type: 'text' })
  publishedBy!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  publishedAt: Date = new Date();
}

/** One frozen row of a published ranking, with the per-indicator points it was computed from. */
@Entity({ schema: 'records', tableName: 'ranking_entry' })
@Index({ name: 'ranking_entry_publication_idx', properties: ['publicationId', 'rank'] })
export class RankingEntryRow {
  @PrimaryKey({ type: 'bigint' })
  publicationId!: string;

  @PrimaryKey({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  subjectRegion!: string;

  @Property({ type: 'integer' })
  rank!: number;

  @Property({ type: 'double precision' })
  score!: number;

  @Property({ type: 'integer', nullable: true })
  previousRank?: number | null;

  @Property({ type: 'double precision', nullable: true })
  previousScore?: number | null;

  /** Indicator code -> { value, score } at publication (audit of the frozen number). */
  @Property({ type: 'jsonb' })
  indicators!: Record<string, { value: number; score: number }>;
}
