import { Migration } from '@mikro-orm/migrations';

export class Migration20261123210654 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "records"."complaint" ("id" bigserial primary key, "subject_key" text not null, "subject_region" varchar(6) not null, "title" text not null, "content" text not null, "reporter_contact" text null, "reporter_sub" text not null, "reporter_role" text not null, "state" text check ("state" in ('SUBMITTED', 'ASSIGNED', 'VERIFIED', 'REJECTED', 'CLOSED')) not null default 'SUBMITTED', "due_on" date not null, "handling_unit_code" text null, "finding" text null, "closing_note" text null, "record_id" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "complaint_reporter_idx" on "records"."complaint" ("reporter_sub", "created_at");`);
    this.addSql(`create index "complaint_region_idx" on "records"."complaint" ("subject_region", "state");`);
    this.addSql(`create index "complaint_subject_idx" on "records"."complaint" ("subject_key", "created_at");`);

    this.addSql(
      `create table "records"."government_case" ("id" bigserial primary key, "source_system" text not null, "source_role" text not null, "external_id" text not null, "subject_key" text not null, "subject_region" varchar(6) not null, "kind" text check ("kind" in ('PENDING_LITIGATION', 'ENFORCEMENT_DEFAULT')) not null, "filed_on" date not null, "amount" numeric(18,2) null, "summary" text not null, "content_hash" text not null, "version" int not null default 1, "state" text check ("state" in ('OPEN', 'RESOLVED')) not null default 'OPEN', "resolution" text check ("resolution" in ('PERFORMED', 'SETTLED', 'WITHDRAWN', 'CONCLUDED')) null, "resolution_note" text null, "resolved_on" date null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "government_case_region_idx" on "records"."government_case" ("subject_region" varchar_pattern_ops, "filed_on");`,
    );
    this.addSql(`create index "government_case_subject_idx" on "records"."government_case" ("subject_key");`);
    this.addSql(
      `alter table "records"."government_case" add constraint "government_case_source_unique" unique ("source_system", "external_id");`,
    );

    this.addSql(
      `create table "records"."joint_measure" ("id" bigserial primary key, "basis_type" text check ("basis_type" in ('RECORD', 'LISTING')) not null, "basis_id" bigint not null, "subject_key" text not null, "subject_region" varchar(6) not null, "kind" text check ("kind" in ('WRITTEN_EXPLANATION', 'HONOURS_DISQUALIFICATION', 'PUBLIC_CRITICISM', 'PRINCIPAL_ACCOUNTABILITY', 'PROMOTION_RESTRICTION', 'PROJECT_RESTRICTION', 'FUNDING_RESTRICTION', 'TRUSTWORTHY_INCENTIVE')) not null, "implementing_unit_code" text not null, "state" text check ("state" in ('INITIATED', 'ACCEPTED', 'NOT_APPLICABLE', 'FED_BACK')) not null default 'INITIATED', "note" text null, "initiated_by" text not null, "initiator_role" text not null, "response_due_on" date not null, "response" text null, "responded_by" text null, "feedback_due_on" date null, "result" text null, "result_date" date null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create unique index "joint_measure_one" on "records"."joint_measure" ("basis_type", "basis_id", "implementing_unit_code", "kind");`,
    );
    this.addSql(
      `create index "joint_measure_unit_idx" on "records"."joint_measure" ("implementing_unit_code", "state");`,
    );
    this.addSql(`create index "joint_measure_subject_idx" on "records"."joint_measure" ("subject_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "records"."complaint" cascade;`);

    this.addSql(`drop table if exists "records"."government_case" cascade;`);

    this.addSql(`drop table if exists "records"."joint_measure" cascade;`);
  }
}
