import { Migration } from '@mikro-orm/migrations';

/**
 * Complaints a reporter can follow (issue #17 item 5): the SHA-256 of the receipt token handed out once on reporting
 * (never the token), the reporter as counted by the per-reporter cap (`sub:<client>:<sub>` or the gateway's keyed
 * address hash `addr:…`, never an address), and the answer the credit office releases to the reporter. Older
 * complaints have none of them: they had no receipt and their answers were never released.
 */
export class Migration20261201210100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "records"."complaint" add column "receipt_hash" text null, add column "reporter_key" text null, add column "answer_to_reporter" text null;`,
    );
    this.addSql(`create unique index "complaint_receipt_idx" on "records"."complaint" ("receipt_hash");`);
    this.addSql(`create index "complaint_reporter_key_idx" on "records"."complaint" ("reporter_key", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "records"."complaint_reporter_key_idx";`);
    this.addSql(`drop index "records"."complaint_receipt_idx";`);
    this.addSql(
      `alter table "records"."complaint" drop column "answer_to_reporter", drop column "reporter_key", drop column "receipt_hash";`,
    );
  }
}
