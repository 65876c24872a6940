import { Migration } from '@mikro-orm/migrations';

/**
 * The typed purpose of a cadre check (issue #16: "purpose is a typed value plus a note; the
 * access log stores both"): `purpose_kind` holds the AppointmentPurpose, `purpose` the note.
 * Null on every earlier entry; the digest covers the column only when it is set
 * (src/audit/digest.ts), so entries written before keep verifying.
 */
export class Migration20261201200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit"."access_log" add column "purpose_kind" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit"."access_log" drop column "purpose_kind";`);
  }
}
