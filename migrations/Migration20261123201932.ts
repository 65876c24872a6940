import { Migration } from '@mikro-orm/migrations';

export class Migration20261123201932 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "records"."commitment" ("id" bigserial primary key, "subject_key" text not null, "subject_region" varchar(6) not null, "kind" text check ("kind" in ('SERVICE', 'INVESTMENT_POLICY', 'INVESTMENT_CONTRACT', 'PROCUREMENT', 'TOWNSHIP', 'STATISTICS')) not null, "title" text not null, "content" text not null, "counterparty_code" text null, "counterparty_name" text null, "amount" numeric(18,2) null, "due_on" date not null, "disclosure" text check ("disclosure" in ('PUBLIC', 'GOVERNMENT', 'RESTRICTED')) not null, "state" text check ("state" in ('PENDING', 'FULFILLED', 'BREACHED', 'CHANGED')) not null default 'PENDING', "outcome_note" text null, "change_legal_basis" text null, "compensation" text null, "breach_record_id" bigint null, "registered_by" text not null, "registered_role" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "commitment_region_idx" on "records"."commitment" ("subject_region", "state", "due_on");`,
    );
    this.addSql(`create index "commitment_subject_idx" on "records"."commitment" ("subject_key");`);

    this.addSql(
      `create table "records"."objection" ("id" bigserial primary key, "record_id" bigint not null, "subject_key" text not null, "subject_region" varchar(6) not null, "record_source_system" text not null, "record_authority_code" text null, "state" text check ("state" in ('FILED', 'UPHELD', 'CORRECTED', 'REVOKED')) not null default 'FILED', "reasons" text not null, "attachment_refs" jsonb not null, "filed_by" text not null, "due_on" date not null, "decision" text null, "decided_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create unique index "objection_one_open" on "records"."objection" ("record_id") where "state" = 'FILED';`,
    );
    this.addSql(`create index "objection_record_idx" on "records"."objection" ("record_id");`);
    this.addSql(`create index "objection_subject_idx" on "records"."objection" ("subject_key");`);

    this.addSql(
      `create table "records"."repair_application" ("id" bigserial primary key, "record_id" bigint not null, "subject_key" text not null, "subject_region" varchar(6) not null, "state" text check ("state" in ('SUBMITTED', 'APPROVED', 'REJECTED')) not null default 'SUBMITTED', "evidence" text not null, "applied_by" text not null, "due_on" date not null, "decision_reason" text null, "decided_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create unique index "repair_application_one_open" on "records"."repair_application" ("record_id") where "state" = 'SUBMITTED';`,
    );
    this.addSql(`create index "repair_application_subject_idx" on "records"."repair_application" ("subject_key");`);

    this.addSql(
      `create table "records"."workflow_event" ("id" bigserial primary key, "object_type" text not null, "object_id" bigint not null, "from_state" text null, "to_state" text not null, "actor_sub" text not null, "actor_role" text not null, "reason" text null, "at" timestamptz not null default now());`,
    );
    this.addSql(`create index "workflow_event_object_idx" on "records"."workflow_event" ("object_type", "object_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "records"."commitment" cascade;`);

    this.addSql(`drop table if exists "records"."objection" cascade;`);

    this.addSql(`drop table if exists "records"."repair_application" cascade;`);

    this.addSql(`drop table if exists "records"."workflow_event" cascade;`);
  }
}
