import { Migration } from '@mikro-orm/migrations';

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
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "records"."listing" drop column "objection_decided_by", drop column "objection_decided_at",
        drop column "objection_decision", drop column "objection_outcome", drop column "objected_by",
        drop column "objection_reason", drop column "objected_at", drop column "notice_ends_on", drop column "basis_id";`,
    );
  }
}
