import { Migration } from '@mikro-orm/migrations';

/**
 * The COMMITMENT_OVERDUE sweep (monitoring/warning.raise.ts) runs before every warning list and asks for the pending
 * commitments past their due date: without an index leading on the due date for pending ones it read the whole
 * commitment table (tests/records/plans-at-scale.test.ts). Partial: fulfilled, changed and breached commitments,
 * the bulk of the table over the years, are never its candidates.
 */
export class Migration20261203000600 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "commitment_pending_due_idx" on "records"."commitment" ("due_on") where "state" = 'PENDING';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "records"."commitment_pending_due_idx";`);
  }
}
