import { Migration } from '@mikro-orm/migrations';

export class Migration20261123221823 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "records"."early_warning" ("id" bigserial primary key, "kind" text check ("kind" in ('SERIOUS_FINDING', 'COMMITMENT_OVERDUE', 'REPEATED_FINDINGS', 'ENFORCEMENT_DEFAULT_UNRESOLVED', 'DEBT_RISK')) not null, "rule" text not null, "dedupe_key" text not null, "state" text check ("state" in ('OPEN', 'ACKNOWLEDGED', 'CLOSED')) not null default 'OPEN', "message" text not null, "subject_key" text not null, "subject_region" varchar(6) not null, "period" text null, "record_ids" jsonb not null, "source_ref" text null, "config_version" text not null, "raised_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "records"."early_warning" add constraint "early_warning_dedupe_unique" unique ("dedupe_key");`,
    );
    this.addSql(`create index "early_warning_subject_idx" on "records"."early_warning" ("subject_key");`);
    this.addSql(
      `create index "early_warning_region_idx" on "records"."early_warning" ("subject_region" varchar_pattern_ops, "state");`,
    );

    this.addSql(
      `create table "records"."ranking_entry" ("publication_id" bigint not null, "subject_key" text not null, "subject_region" varchar(6) not null, "rank" int not null, "score" double precision not null, "previous_rank" int null, "previous_score" double precision null, "indicators" jsonb not null, constraint "ranking_entry_pkey" primary key ("publication_id", "subject_key"));`,
    );
    this.addSql(
      `create index "ranking_entry_publication_idx" on "records"."ranking_entry" ("publication_id", "rank");`,
    );

    this.addSql(
      `create table "records"."ranking_publication" ("id" bigserial primary key, "period" text not null, "kind" text not null, "region_prefix" varchar(6) not null, "indicator_version" text not null, "published_by" text not null, "published_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "records"."ranking_publication" add constraint "ranking_publication_unique" unique ("period", "kind", "region_prefix");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "records"."early_warning" cascade;`);

    this.addSql(`drop table if exists "records"."ranking_entry" cascade;`);

    this.addSql(`drop table if exists "records"."ranking_publication" cascade;`);
  }
}
