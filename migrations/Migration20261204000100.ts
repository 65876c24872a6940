import { Migration } from '@mikro-orm/migrations';

const ACTIONS = `'EXCLUDED', 'ADMITTED_WITH_REASON', 'ADMITTED'`;

/**
 * The check log (自动监督) as one row per check instead of one per code (#20): a 500-code blacklistCheck wrote ~450 rows
 * with three index entries each, ~8-12 ms of PostgreSQL CPU per call, most of the check's cost; one row with the
 * codes' places, keys, regions, decisions and rules as arrays (position i of each array is one checked code) costs
 * ~2 ms. What a platform reports per code lands in its own table, `interception_report`, one row per reported code,
 * written only when a platform reports. Existing checks and reports are carried over as they are.
 */
export class Migration20261204000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."interception_check" rename to "interception_check_code";`);
    this.addSql(
      `alter table "records"."interception_check_code" rename constraint "interception_check_pkey" to "interception_check_code_pkey";`,
    );
    this.addSql(`drop index "records"."interception_check_region_idx";`);
    this.addSql(`drop index "records"."interception_check_platform_idx";`);
    this.addSql(`create table "records"."interception_check" (
      "check_id" uuid not null primary key,
      "platform" text not null, "platform_region" varchar(6) not null default '', "context" text null,
      "checked_at" timestamptz not null default now(),
      "idx" int[] not null, "subject_keys" text[] not null, "subject_regions" varchar(6)[] not null,
      "decisions" text[] not null, "rule_ids" text[] not null,
      constraint "interception_check_codes" check (cardinality("idx") > 0 and cardinality("subject_keys") = cardinality("idx")
        and cardinality("subject_regions") = cardinality("idx") and cardinality("decisions") = cardinality("idx")
        and cardinality("rule_ids") = cardinality("idx")),
      constraint "interception_check_decisions" check (array_remove("decisions", null) <@ array['BLOCK', 'WARN', 'PASS']::text[]));`);
    this.addSql(
      `create index "interception_check_region_idx" on "records"."interception_check" ("platform_region" varchar_pattern_ops, "checked_at");`,
    );
    this.addSql(
      `create index "interception_check_platform_idx" on "records"."interception_check" ("platform", "checked_at");`,
    );
    this.addSql(`create table "records"."interception_report" (
      "check_id" uuid not null references "records"."interception_check" ("check_id"), "idx" int not null,
      "action" text not null check ("action" in (${ACTIONS})), "reason" text null,
      "project_no" text not null, "lot" text null, "reported_at" timestamptz not null default now(),
      constraint "interception_report_pkey" primary key ("check_id", "idx"));`);
    this.addSql(`insert into "records"."interception_check"
      (check_id, platform, platform_region, context, checked_at, idx, subject_keys, subject_regions, decisions, rule_ids)
      select check_id, min(platform), min(platform_region), min(context), min(checked_at), array_agg(idx order by idx),
        array_agg(subject_key order by idx), array_agg(subject_region order by idx),
        array_agg(decision order by idx), array_agg(rule_id order by idx)
      from "records"."interception_check_code" group by check_id;`);
    this
      .addSql(`insert into "records"."interception_report" (check_id, idx, action, reason, project_no, lot, reported_at)
      select check_id, idx, action, reason, project_no, lot, reported_at
      from "records"."interception_check_code" where action is not null;`);
    this.addSql(`drop table "records"."interception_check_code";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table "records"."interception_check_code" (
      "check_id" uuid not null, "idx" int not null,
      "platform" text not null, "platform_region" varchar(6) not null default '', "context" text null,
      "checked_at" timestamptz not null default now(),
      "subject_key" text not null, "subject_region" varchar(6) null,
      "decision" text null check ("decision" in ('BLOCK', 'WARN', 'PASS')), "rule_id" text null,
      "action" text null check ("action" in (${ACTIONS})),
      "reason" text null, "project_no" text null, "lot" text null, "reported_at" timestamptz null,
      constraint "interception_check_code_pkey" primary key ("check_id", "idx"),
      constraint "interception_check_report" check (("action" is null) = ("reported_at" is null)));`);
    this.addSql(`insert into "records"."interception_check_code" (check_id, idx, platform, platform_region, context,
        checked_at, subject_key, subject_region, decision, rule_id, action, reason, project_no, lot, reported_at)
      select c.check_id, u.idx, c.platform, c.platform_region, c.context, c.checked_at, u.subject_key, u.subject_region,
        u.decision, u.rule_id, r.action, r.reason, r.project_no, r.lot, r.reported_at
      from "records"."interception_check" c
      cross join lateral unnest(c.idx, c.subject_keys, c.subject_regions, c.decisions, c.rule_ids)
        as u(idx, subject_key, subject_region, decision, rule_id)
      left join "records"."interception_report" r on r.check_id = c.check_id and r.idx = u.idx;`);
    this.addSql(`drop table "records"."interception_report";`);
    this.addSql(`drop table "records"."interception_check";`);
    this.addSql(`alter table "records"."interception_check_code" rename to "interception_check";`);
    this.addSql(
      `alter table "records"."interception_check" rename constraint "interception_check_code_pkey" to "interception_check_pkey";`,
    );
    this.addSql(
      `create index "interception_check_region_idx" on "records"."interception_check" ("platform_region" varchar_pattern_ops, "checked_at");`,
    );
    this.addSql(
      `create index "interception_check_platform_idx" on "records"."interception_check" ("platform", "checked_at");`,
    );
  }
}
