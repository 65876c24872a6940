import { Migration } from '@mikro-orm/migrations';

/**
 * blacklistCheck weighs the records that count per subject in SQL (lists/check-facts.ts, weighed): it reads, of every
 * ACTIVE record of the batch's subjects, the columns of the count (policy/scoring.ts recordCountsSql) and of the
 * caller's visibility (findings/record.repository.ts recordVisibility). From the heap that was one page per record
 * (a listed subject holds ~69 records scattered over the table: 5,165 pages per 500-code call at 1M subjects); from
 * this index it is an index-only scan over a few leaf pages per subject. Partial: revoked and repaired records never
 * count. `status` is included although the predicate fixes it, as the visibility expression reads it.
 */
export class Migration20261205000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "credit_record_count_idx" on "records"."credit_record" ("subject_key")
      include ("nature", "category", "severity", "tolerated", "status", "decided_at", "public_until", "usable_until",
        "disclosure", "subject_region", "source_system", "deciding_authority_code", "id")
      where "status" = 'ACTIVE';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "records"."credit_record_count_idx";`);
  }
}
