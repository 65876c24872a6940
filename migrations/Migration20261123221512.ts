import { Migration } from '@mikro-orm/migrations';

export class Migration20261123221512 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "records"."webhook_attempt" ("id" bigserial primary key, "delivery_id" bigint not null, "attempt" int not null, "at" timestamptz not null default now(), "status_code" int null, "error" text null, "duration_ms" int not null, "succeeded" boolean not null);`,
    );
    this.addSql(
      `create index "webhook_attempt_delivery_idx" on "records"."webhook_attempt" ("delivery_id", "attempt");`,
    );

    this.addSql(
      `create table "records"."webhook_delivery" ("id" bigserial primary key, "subscription_id" bigint not null, "event" text check ("event" in ('LISTED', 'DELISTED', 'RECORD_ADDED', 'RECORD_REPAIRED')) not null, "payload" jsonb not null, "state" text check ("state" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "delivered_at" timestamptz null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "webhook_delivery_subscription_idx" on "records"."webhook_delivery" ("subscription_id", "id");`,
    );
    this.addSql(
      `create index "webhook_delivery_due_idx" on "records"."webhook_delivery" ("next_attempt_at") where "state" = 'PENDING';`,
    );

    this.addSql(
      `create table "records"."webhook_subscription" ("id" bigserial primary key, "owner_sub" text not null, "owner_role" text not null, "region_prefix" varchar(6) not null, "owner_org" text null, "self_key" text null, "url" text not null, "events" text[] not null, "secret_cipher" text not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "webhook_subscription_owner_idx" on "records"."webhook_subscription" ("owner_sub");`);

    this.addSql(
      `create table "records"."webhook_watch" ("subscription_id" bigint not null, "subject_key" text not null, "code_display" text not null, constraint "webhook_watch_pkey" primary key ("subscription_id", "subject_key"));`,
    );
    this.addSql(`create index "webhook_watch_subject_idx" on "records"."webhook_watch" ("subject_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "records"."webhook_attempt" cascade;`);

    this.addSql(`drop table if exists "records"."webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "records"."webhook_subscription" cascade;`);

    this.addSql(`drop table if exists "records"."webhook_watch" cascade;`);
  }
}
