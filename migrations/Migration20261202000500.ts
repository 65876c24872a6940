import { Migration } from '@mikro-orm/migrations';

const KINDS = `'SERIOUS_FINDING', 'COMMITMENT_OVERDUE', 'REPEATED_FINDINGS', 'ENFORCEMENT_DEFAULT_UNRESOLVED', 'DEBT_RISK', 'OPINION_OVERDUE'`;

/**
 * 自动监督 (issue #15 item 3): every blacklistCheck leaves one row per valid code under its check id (the platform,
 * its jurisdiction, the context, the subject key — a keyed hash for a person, never the number — and the decision
 * with its rule); the platform's report of what it did with the bidder (excluded, admitted with or without reason,
 * in which project and lot) lands on the same row once. Admitting a blocked bidder raises INTERCEPTION_OVERRIDDEN.
 */
export class Migration20261202000500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "records"."interception_check" (
      "check_id" uuid not null, "idx" int not null,
      "platform" text not null, "platform_region" varchar(6) not null default '', "context" text null,
      "checked_at" timestamptz not null default now(),
      "subject_key" text not null, "subject_region" varchar(6) null,
      "decision" text null check ("decision" in ('BLOCK', 'WARN', 'PASS')), "rule_id" text null,
      "action" text null check ("action" in ('EXCLUDED', 'ADMITTED_WITH_REASON', 'ADMITTED')),
      "reason" text null, "project_no" text null, "lot" text null, "reported_at" timestamptz null,
      constraint "interception_check_pkey" primary key ("check_id", "idx"),
      constraint "interception_check_report" check (("action" is null) = ("reported_at" is null)));`);
    this.addSql(
      `create index "interception_check_region_idx" on "records"."interception_check" ("platform_region" varchar_pattern_ops, "checked_at");`,
    );
    this.addSql(
      `create index "interception_check_platform_idx" on "records"."interception_check" ("platform", "checked_at");`,
    );
    this.addSql(`alter table "records"."early_warning" drop constraint "early_warning_kind_check";`);
    this.addSql(
      `alter table "records"."early_warning" add constraint "early_warning_kind_check" check ("kind" in (${KINDS}, 'INTERCEPTION_OVERRIDDEN'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "records"."early_warning" where "kind" = 'INTERCEPTION_OVERRIDDEN';`);
    this.addSql(`alter table "records"."early_warning" drop constraint "early_warning_kind_check";`);
    this.addSql(
      `alter table "records"."early_warning" add constraint "early_warning_kind_check" check ("kind" in (${KINDS}));`,
    );
    this.addSql(`drop table "records"."interception_check";`);
  }
}
