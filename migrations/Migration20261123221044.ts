import { Migration } from '@mikro-orm/migrations';

export class Migration20261123221044 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."credit_record" add column "source_items" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "records"."credit_record" drop column "source_items";`);
  }
}
