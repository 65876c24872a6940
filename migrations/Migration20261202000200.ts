import { Migration } from '@mikro-orm/migrations';

// The events before this migration: Migration20261202000000 (consequences) added the record and measure events.
const EVENTS = `'LISTED', 'DELISTED', 'RECORD_ADDED', 'RECORD_REPAIRED', 'OPINION_REQUESTED', 'OPINION_ANSWERED', 'RECORD_REVOKED', 'RECORD_CORRECTED', 'RECORD_SETTLED', 'RECORD_WITHDRAWN', 'MEASURE_LIFTED'`;

/**
 * Lists as the rules define them (issue #15 item 1): the configured basis a listing rests on (list-rules.json), the
 * last day of its notice (告知) and objection window, and the subject's objection with the authority's decision.
 * Older listings have none: they took effect when recorded, as before.
 */
export class Migration20261202000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "records"."listing" add column "basis_id" text null, add column "notice_ends_on" date null,
        add column "objected_at" timestamptz null, add column "objection_reason" text null, add column "objected_by" text null,
        add column "objection_outcome" text null, add column "objection_decision" text null,
        add column "objection_decided_at" timestamptz null, add column "objection_decided_by" text null;`,
    );
    this.addSql(
      `alter table "records"."listing" add constraint "listing_objection_outcome_check"
        check ("objection_outcome" in ('UPHOLD_LISTING', 'WITHDRAW_LISTING'));`,
    );
    // The notice (告知) event. Other branches add events too: the lead unites the lists at merge.
    this.addSql(`alter table "records"."webhook_delivery" drop constraint "webhook_delivery_event_check";`);
    this.addSql(
      `alter table "records"."webhook_delivery" add constraint "webhook_delivery_event_check"
        check ("event" in (${EVENTS}, 'LISTING_NOTICE'));`,
    );
    // The four list types of #15 (feat/interception may replace the same constraint: drop if exists, same body).
    this.addSql(`alter table "records"."listing" drop constraint if exists "listing_list_type_check";`);
    this.addSql(
      `alter table "records"."listing" add constraint "listing_list_type_check"
        check ("list_type" in ('SERIOUS_DISHONESTY', 'TENDER_BLACKLIST', 'ENFORCEMENT_DEFAULTER', 'PROCUREMENT_BAN'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "records"."webhook_delivery" where "event" = 'LISTING_NOTICE';`);
    this.addSql(`alter table "records"."webhook_delivery" drop constraint "webhook_delivery_event_check";`);
    this.addSql(
      `alter table "records"."webhook_delivery" add constraint "webhook_delivery_event_check" check ("event" in (${EVENTS}));`,
    );
    this.addSql(`alter table "records"."listing" drop constraint "listing_list_type_check";`);
    this.addSql(
      `alter table "records"."listing" add constraint "listing_list_type_check"
        check ("list_type" in ('SERIOUS_DISHONESTY', 'TENDER_BLACKLIST'));`,
    );
    this.addSql(`alter table "records"."listing" drop constraint "listing_objection_outcome_check";`);
    this.addSql(
      `alter table "records"."listing" drop column "objection_decided_by", drop column "objection_decided_at",
        drop column "objection_decision", drop column "objection_outcome", drop column "objected_by",
        drop column "objection_reason", drop column "objected_at", drop column "notice_ends_on", drop column "basis_id";`,
    );
  }
}
