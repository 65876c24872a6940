import { Migration } from '@mikro-orm/migrations';

/**
 * A listing's term ending is a consequence (issue #17, docs/lists.md "Expiry"): `expired_at` marks the listings whose
 * endsOn has passed and whose measures and warnings the expiry job (lists/listing-expiry.ts) has lifted and closed, so
 * that every run takes only the ones not yet done. The partial index is that job's search: the due listings only.
 * Listings already past their endsOn are left unmarked on purpose: the first run lifts what still rests on them.
 */
export class Migration20261203000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."listing" add column "expired_at" timestamptz null;`);
    this.addSql(
      `create index "listing_expiry_due_idx" on "records"."listing" ("ends_on", "id") where "expired_at" is null and "delisted_at" is null and "ends_on" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "records"."listing_expiry_due_idx";`);
    this.addSql(`alter table "records"."listing" drop column "expired_at";`);
  }
}
