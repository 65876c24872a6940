import { Migration } from '@mikro-orm/migrations';

/**
 * Objections against a naming (issue #16, "what names me"): a civil servant named responsible in a record disputes
 * that naming, not the record's finding. `named_person_key` is the person's look-up key (null = an objection to the
 * finding). One open objection per record stays the rule for findings; a naming objection is open at most once per
 * (record, person), beside them, and does not mark the record disputed.
 */
export class Migration20261201200200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."objection" add column "named_person_key" text null;`);
    this.addSql(`drop index "records"."objection_one_open";`);
    this.addSql(
      `create unique index "objection_one_open" on "records"."objection" ("record_id") where "state" = 'FILED' and "named_person_key" is null;`,
    );
    this.addSql(
      `create unique index "objection_one_open_naming" on "records"."objection" ("record_id", "named_person_key") where "state" = 'FILED' and "named_person_key" is not null;`,
    );
    this.addSql(
      `create index "objection_named_person_idx" on "records"."objection" ("named_person_key") where "named_person_key" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "records"."objection_named_person_idx";`);
    this.addSql(`drop index "records"."objection_one_open_naming";`);
    this.addSql(`delete from "records"."objection" where "named_person_key" is not null;`);
    this.addSql(`drop index "records"."objection_one_open";`);
    this.addSql(
      `create unique index "objection_one_open" on "records"."objection" ("record_id") where "state" = 'FILED';`,
    );
    this.addSql(`alter table "records"."objection" drop column "named_person_key";`);
  }
}
