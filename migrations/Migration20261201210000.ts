import { Migration } from '@mikro-orm/migrations';

/**
 * The arrears ledger (清欠, issue #17 item 4): an ARREARS record's amount, creditor and due date (records.arrears,
 * one row per record), its repayments (records.arrears_repayment, idempotent on (record, reference)), and the record
 * status SETTLED that a fully repaid debt ends in (workflows/record-effects.ts settleRecord).
 */
export class Migration20261201210000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."credit_record" drop constraint "credit_record_status_check";`);
    this.addSql(
      `alter table "records"."credit_record" add constraint "credit_record_status_check" check ("status" in ('ACTIVE', 'REVOKED', 'REPAIRED', 'SETTLED'));`,
    );
    this.addSql(
      `create table "records"."arrears" ("record_id" bigint primary key references "records"."credit_record" ("id") on delete cascade, "amount" numeric(18,2) not null check ("amount" > 0), "creditor_class" text check ("creditor_class" in ('MIGRANT_WORKERS', 'CONTRACTOR', 'SUPPLIER', 'DEPOSIT', 'OTHER')) not null, "creditor_code" text null, "due_on" date not null);`,
    );
    this.addSql(
      `create table "records"."arrears_repayment" ("id" bigserial primary key, "record_id" bigint not null references "records"."arrears" ("record_id") on delete cascade, "amount" numeric(18,2) not null check ("amount" > 0), "paid_on" date not null, "reference" text not null, "recorded_by" text not null, "recorded_role" text not null, "created_at" timestamptz not null default now(), constraint "arrears_repayment_reference_unique" unique ("record_id", "reference"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "records"."arrears_repayment";`);
    this.addSql(`drop table "records"."arrears";`);
    this.addSql(`update "records"."credit_record" set "status" = 'REPAIRED' where "status" = 'SETTLED';`);
    this.addSql(`alter table "records"."credit_record" drop constraint "credit_record_status_check";`);
    this.addSql(
      `alter table "records"."credit_record" add constraint "credit_record_status_check" check ("status" in ('ACTIVE', 'REVOKED', 'REPAIRED'));`,
    );
  }
}
