import { Migration } from '@mikro-orm/migrations';

/**
 * 廉政意见 (issue #16 item 3): requests for a clean-government opinion on a person, made by an
 * organization department and answered by discipline inspection; one open request per person,
 * department and purpose (a repeated request returns it). An unanswered request past its due
 * date raises the OPINION_OVERDUE early warning; requests and answers are webhook events.
 */
const EVENTS = `'LISTED', 'DELISTED', 'RECORD_ADDED', 'RECORD_REPAIRED'`;
const KINDS = `'SERIOUS_FINDING', 'COMMITMENT_OVERDUE', 'REPEATED_FINDINGS', 'ENFORCEMENT_DEFAULT_UNRESOLVED', 'DEBT_RISK'`;

export class Migration20261201200100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "records"."integrity_opinion" (
      "id" bigserial primary key,
      "person_key" text not null,
      "person_region" varchar(6) not null,
      "requester_key" text not null,
      "requester_region" varchar(6) not null,
      "purpose" text not null check ("purpose" in ('PROMOTION', 'APPOINTMENT', 'HONOUR', 'RECRUITMENT', 'TRANSFER')),
      "note" text null,
      "due_on" date not null,
      "state" text not null default 'REQUESTED' check ("state" in ('REQUESTED', 'ANSWERED', 'WITHDRAWN')),
      "verdict" text null check ("verdict" in ('NO_OBJECTION', 'CONCERNS', 'UNDER_INVESTIGATION')),
      "text" text null,
      "requested_by" text not null,
      "requester_role" text not null,
      "answered_by" text null,
      "answered_on" date null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "integrity_opinion_answer_check" check (("state" = 'ANSWERED') = ("verdict" is not null))
    );`);
    this.addSql(
      `create index "integrity_opinion_person_idx" on "records"."integrity_opinion" ("person_key", "state");`,
    );
    this.addSql(
      `create index "integrity_opinion_requester_idx" on "records"."integrity_opinion" ("requester_key", "state");`,
    );
    this.addSql(
      `create unique index "integrity_opinion_open_one" on "records"."integrity_opinion" ("person_key", "requester_key", "purpose") where "state" = 'REQUESTED';`,
    );
    this.addSql(`alter table "records"."early_warning" drop constraint "early_warning_kind_check";`);
    this.addSql(
      `alter table "records"."early_warning" add constraint "early_warning_kind_check" check ("kind" in (${KINDS}, 'OPINION_OVERDUE'));`,
    );
    this.addSql(`alter table "records"."webhook_delivery" drop constraint "webhook_delivery_event_check";`);
    this.addSql(
      `alter table "records"."webhook_delivery" add constraint "webhook_delivery_event_check" check ("event" in (${EVENTS}, 'OPINION_REQUESTED', 'OPINION_ANSWERED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "records"."webhook_delivery" where "event" in ('OPINION_REQUESTED', 'OPINION_ANSWERED');`);
    this.addSql(`alter table "records"."webhook_delivery" drop constraint "webhook_delivery_event_check";`);
    this.addSql(
      `alter table "records"."webhook_delivery" add constraint "webhook_delivery_event_check" check ("event" in (${EVENTS}));`,
    );
    this.addSql(`delete from "records"."early_warning" where "kind" = 'OPINION_OVERDUE';`);
    this.addSql(`alter table "records"."early_warning" drop constraint "early_warning_kind_check";`);
    this.addSql(
      `alter table "records"."early_warning" add constraint "early_warning_kind_check" check ("kind" in (${KINDS}));`,
    );
    this.addSql(`drop table if exists "records"."integrity_opinion";`);
  }
}
