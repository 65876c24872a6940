import { Migration } from '@mikro-orm/migrations';

/**
 * Rate-limit counters shared by every gateway replica (RATE_LIMIT_STORE=postgres, issue #19 item 2;
 * src/gateway/limiter-store.ts): the table rate-limiter-flexible's PostgreSQL store would create for
 * itself, made here so the hub's role needs no DDL at run time. One row per key (`requests:client:…`,
 * `auth-failures:<address>`): `points` used in the window that ends at `expire` (epoch milliseconds,
 * by the gateway's clock). UNLOGGED: counters of the current minute are not worth WAL, a crash
 * empties them (every client starts a fresh minute), and no replica needs them. The fill factor
 * leaves room on each page, as every request updates its row in place.
 */
export class Migration20261202000600 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create unlogged table "access"."rate_limit" ("key" text primary key, "points" integer not null default 0, "expire" bigint null) with (fillfactor = 70);`,
    );
    this.addSql(`grant select, insert, update, delete on "access"."rate_limit" to credit_hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "access"."rate_limit";`);
  }
}
