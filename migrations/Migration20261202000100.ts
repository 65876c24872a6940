import { Migration } from '@mikro-orm/migrations';

/**
 * 使用期限 (issue #17 item 3): the last day government systems share and use a record, after which only the credit
 * office and the subject read it. Records written before get the shipped rule set's use period (24 months after the
 * day their publicity ends); their publicity windows stay as stored.
 */
export class Migration20261202000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."credit_record" add column "usable_until" date null;`);
    this.addSql(
      `update "records"."credit_record" set "usable_until" = ("public_until" + interval '1 day' + interval '24 months' - interval '1 day')::date;`,
    );
    this.addSql(`alter table "records"."credit_record" alter column "usable_until" set not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "records"."credit_record" drop column "usable_until";`);
  }
}
