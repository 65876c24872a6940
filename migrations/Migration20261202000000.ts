import { Migration } from '@mikro-orm/migrations';

const EVENTS = `'LISTED', 'DELISTED', 'RECORD_ADDED', 'RECORD_REPAIRED', 'OPINION_REQUESTED', 'OPINION_ANSWERED'`;
const NEW_EVENTS = `'RECORD_REVOKED', 'RECORD_CORRECTED', 'RECORD_SETTLED', 'RECORD_WITHDRAWN', 'MEASURE_LIFTED'`;

/**
 * Consequences of a finding's end (issue #17 items 1 and 2): joint measures move to LIFTED (with the reason, the legal
 * basis and when) and their implementing unit confirms the lift (LIFT_CONFIRMED, with its note and when); a record a
 * pushing system takes back is WITHDRAWN; and a government case is linked to its ENFORCEMENT_DEFAULT records by case
 * number (records.case_record, filled by whichever of the two arrives second). The outbox takes the events that tell
 * them (RECORD_REVOKED, RECORD_CORRECTED, RECORD_SETTLED, RECORD_WITHDRAWN, MEASURE_LIFTED).
 */
export class Migration20261202000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "records"."joint_measure" drop constraint "joint_measure_state_check";`);
    this.addSql(
      `alter table "records"."joint_measure" add constraint "joint_measure_state_check" check ("state" in ('INITIATED', 'ACCEPTED', 'NOT_APPLICABLE', 'FED_BACK', 'LIFTED', 'LIFT_CONFIRMED'));`,
    );
    this.addSql(
      `alter table "records"."joint_measure" add column "lift_reason" text null, add column "lift_basis" text null, add column "lifted_at" timestamptz null, add column "lift_confirmation" text null, add column "lift_confirmed_at" timestamptz null;`,
    );
    this.addSql(`alter table "records"."credit_record" drop constraint "credit_record_status_check";`);
    this.addSql(
      `alter table "records"."credit_record" add constraint "credit_record_status_check" check ("status" in ('ACTIVE', 'REVOKED', 'REPAIRED', 'SETTLED', 'WITHDRAWN'));`,
    );
    this.addSql(
      `create table "records"."case_record" ("case_id" bigint not null references "records"."government_case" ("id") on delete cascade, "record_id" bigint not null references "records"."credit_record" ("id") on delete cascade, constraint "case_record_pkey" primary key ("case_id", "record_id"));`,
    );
    this.addSql(`create index "case_record_record_idx" on "records"."case_record" ("record_id");`);
    this.addSql(`alter table "records"."webhook_delivery" drop constraint "webhook_delivery_event_check";`);
    this.addSql(
      `alter table "records"."webhook_delivery" add constraint "webhook_delivery_event_check" check ("event" in (${EVENTS}, ${NEW_EVENTS}));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "records"."webhook_delivery" where "event" in (${NEW_EVENTS});`);
    this.addSql(`alter table "records"."webhook_delivery" drop constraint "webhook_delivery_event_check";`);
    this.addSql(
      `alter table "records"."webhook_delivery" add constraint "webhook_delivery_event_check" check ("event" in (${EVENTS}));`,
    );
    this.addSql(`drop table "records"."case_record";`);
    this.addSql(`update "records"."credit_record" set "status" = 'REVOKED' where "status" = 'WITHDRAWN';`);
    this.addSql(`alter table "records"."credit_record" drop constraint "credit_record_status_check";`);
    this.addSql(
      `alter table "records"."credit_record" add constraint "credit_record_status_check" check ("status" in ('ACTIVE', 'REVOKED', 'REPAIRED', 'SETTLED'));`,
    );
    this.addSql(
      `alter table "records"."joint_measure" drop column "lift_confirmed_at", drop column "lift_confirmation", drop column "lifted_at", drop column "lift_basis", drop column "lift_reason";`,
    );
    this.addSql(
      `update "records"."joint_measure" set "state" = 'FED_BACK' where "state" in ('LIFTED', 'LIFT_CONFIRMED');`,
    );
    this.addSql(`alter table "records"."joint_measure" drop constraint "joint_measure_state_check";`);
    this.addSql(
      `alter table "records"."joint_measure" add constraint "joint_measure_state_check" check ("state" in ('INITIATED', 'ACCEPTED', 'NOT_APPLICABLE', 'FED_BACK'));`,
    );
  }
}
