import { Migration } from '@mikro-orm/migrations';

export class Migration20261123221043 extends Migration {
  /** Repair applications may name a listing instead of a record (移出名单). */
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."repair_application" add column "listing_id" bigint null;`);
    this.addSql(`alter table "records"."repair_application" alter column "record_id" drop not null;`);
    this.addSql(
      `create unique index "repair_application_one_open_listing" on "records"."repair_application" ("listing_id") where "state" = 'SUBMITTED';`,
    );
    this.addSql(
      `alter table "records"."repair_application" add constraint repair_application_one_target check((record_id IS NULL) <> (listing_id IS NULL));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "records"."repair_application_one_open_listing";`);
    this.addSql(`alter table "records"."repair_application" drop constraint repair_application_one_target;`);
    this.addSql(`alter table "records"."repair_application" drop column "listing_id";`);

    this.addSql(`alter table "records"."repair_application" alter column "record_id" set not null;`);
  }
}
