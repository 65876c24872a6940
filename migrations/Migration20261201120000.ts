import { Migration } from '@mikro-orm/migrations';

/**
 * 处分种类 on credit records (issue #16, sanctions in effect): set by the discipline-inspection
 * system that pushes a DISCIPLINARY_SANCTION; its effect period is credit-policy configuration.
 * Null for every other record and for sanctions pushed before (no kind, no effect period).
 */
export class Migration20261201120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."credit_record" add column "sanction_kind" text null;`);
    this.addSql(
      `alter table "records"."credit_record" add constraint "credit_record_sanction_kind_check" check ("sanction_kind" is null or ("category" = 'DISCIPLINARY_SANCTION' and "sanction_kind" in ('WARNING', 'DEMERIT', 'MAJOR_DEMERIT', 'DEMOTION', 'DISMISSAL_FROM_POST', 'EXPULSION')));`,
    );
    this.addSql(
      `create index "credit_record_sanction_idx" on "records"."credit_record" ("subject_key") where "sanction_kind" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "records"."credit_record" drop column "sanction_kind";`);
  }
}
