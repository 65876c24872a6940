import { Migration } from '@mikro-orm/migrations';

/** The role the hub runs as (src/db/roles.ts APP_ROLE). */
const APP_ROLE = 'credit_hub_app';

const COLUMNS =
  'id, chain, seq, prev_hash, hash, occurred_at, request_id, actor_sub, actor_role, actor_org, subject_keys, ' +
  'resource, fields, purpose, operation, outcome, key_id, purpose_kind';

/**
 * The access log partitioned by month of `occurred_at` (UTC), docs/audit.md "Partitions":
 *
 * - `audit.access_log` becomes a range-partitioned table with one partition per month,
 *   `audit.access_log_YYYY_MM`; existing rows move over unchanged (ids, hashes, chain order),
 *   the id sequence stays. (chain, seq) can no longer be a unique constraint (a partitioned
 *   table's unique keys must contain the partition key): the chain heads' compare-and-set
 *   (src/audit/chain-append.ts) is what keeps it unique, and `audit verify` what proves it.
 * - The append-only row trigger is defined on the partitioned table, so PostgreSQL clones it
 *   onto every partition, including those created later.
 * - `audit.ensure_month_partition(month)` creates one month's partition and revokes every
 *   privilege on it (the default privileges of Migration20261201100000 would otherwise give
 *   the hub's role UPDATE and DELETE on it): the hub reads and appends through the parent only.
 *   `audit.add_month_partitions(ahead)` creates the current month and `ahead` more; SECURITY
 *   DEFINER, so the hub's own role can keep months ahead at start-up without any DDL right of
 *   its own. No default partition: an entry for a month without a partition is refused, and
 *   the data it would have released is withheld (maintenance keeps months ahead).
 */
export class Migration20261202000700 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit"."access_log" rename to "access_log_unpartitioned";`);
    this.addSql(`alter index "audit"."access_log_subjects_idx" rename to "access_log_unpartitioned_subjects_idx";`);
    this.addSql(
      `alter table "audit"."access_log_unpartitioned" rename constraint "access_log_pkey" to "access_log_unpartitioned_pkey";`,
    );
    this.addSql(
      `create table "audit"."access_log" ("id" bigint not null default nextval('audit.access_log_id_seq'), "chain" smallint not null, "seq" bigint not null, "prev_hash" text not null, "hash" text not null, "occurred_at" timestamptz not null, "request_id" text not null, "actor_sub" text not null, "actor_role" text not null, "actor_org" text null, "subject_keys" text[] not null, "resource" text not null, "fields" text[] not null, "purpose" text null, "operation" text not null, "outcome" text not null, "key_id" text null, "purpose_kind" text null, constraint "access_log_pkey" primary key ("id", "occurred_at")) partition by range ("occurred_at");`,
    );
    this.addSql(`alter sequence "audit"."access_log_id_seq" owned by "audit"."access_log"."id";`);
    this.addSql(`create index "access_log_subjects_idx" on "audit"."access_log" using gin ("subject_keys");`);
    this.addSql(`create index "access_log_chain_seq_idx" on "audit"."access_log" ("chain", "seq");`);
    this.addSql(`create trigger access_log_append_only before update or delete on audit.access_log
      for each row execute function audit.refuse_change();`);
    this.addSql(`revoke all on audit.access_log from public, ${APP_ROLE};`);
    this.addSql(`grant select, insert on audit.access_log to ${APP_ROLE};`);

    this.addSql(`create function audit.ensure_month_partition(month date) returns text
      language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare
        first date := date_trunc('month', month)::date;
        name text := 'access_log_' || to_char(first, 'YYYY_MM');
      begin
        if to_regclass('audit.' || name) is not null then return null; end if;
        execute format('create table audit.%I partition of audit.access_log for values from (%L) to (%L)', name,
          to_char(first, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(first + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
        execute format('revoke all on audit.%I from public, ${APP_ROLE}', name);
        return name;
      end $$;`);
    this.addSql(`create function audit.add_month_partitions(ahead int) returns setof text
      language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare
        this_month date := date_trunc('month', now() at time zone 'UTC')::date;
        made text;
      begin
        if ahead is null or ahead < 0 or ahead > 24 then raise exception 'months ahead must be 0..24, got %', ahead; end if;
        -- One maintainer at a time: two processes starting together must not both create a month.
        perform pg_advisory_xact_lock(hashtext('audit.add_month_partitions'));
        for i in 0..ahead loop
          made := audit.ensure_month_partition((this_month + make_interval(months => i))::date);
          if made is not null then return next made; end if;
        end loop;
      end $$;`);
    this.addSql(`revoke all on function audit.ensure_month_partition(date) from public;`);
    this.addSql(`revoke all on function audit.add_month_partitions(int) from public;`);
    this.addSql(`grant execute on function audit.add_month_partitions(int) to ${APP_ROLE};`);

    // Every month the existing entries fall in, then the current one and three ahead.
    this.addSql(`select audit.ensure_month_partition(m::date) from generate_series(
        (select date_trunc('month', min(occurred_at) at time zone 'UTC') from audit.access_log_unpartitioned),
        (select date_trunc('month', max(occurred_at) at time zone 'UTC') from audit.access_log_unpartitioned),
        interval '1 month') m;`);
    this.addSql(`select audit.add_month_partitions(3);`);
    this.addSql(
      `insert into audit.access_log (${COLUMNS}) select ${COLUMNS} from audit.access_log_unpartitioned order by id;`,
    );
    this.addSql(`drop table audit.access_log_unpartitioned;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create table "audit"."access_log_unpartitioned" ("id" bigint not null default nextval('audit.access_log_id_seq') primary key, "chain" smallint not null, "seq" bigint not null, "prev_hash" text not null, "hash" text not null, "occurred_at" timestamptz not null, "request_id" text not null, "actor_sub" text not null, "actor_role" text not null, "actor_org" text null, "subject_keys" text[] not null, "resource" text not null, "fields" text[] not null, "purpose" text null, "operation" text not null, "outcome" text not null, "key_id" text null, "purpose_kind" text null);`,
    );
    this.addSql(
      `insert into audit.access_log_unpartitioned (${COLUMNS}) select ${COLUMNS} from audit.access_log order by id;`,
    );
    this.addSql(`alter sequence "audit"."access_log_id_seq" owned by "audit"."access_log_unpartitioned"."id";`);
    this.addSql(`drop table audit.access_log;`);
    this.addSql(`drop function audit.add_month_partitions(int);`);
    this.addSql(`drop function audit.ensure_month_partition(date);`);
    this.addSql(`alter table "audit"."access_log_unpartitioned" rename to "access_log";`);
    this.addSql(`alter index "audit"."access_log_unpartitioned_pkey" rename to "access_log_pkey";`);
    this.addSql(`create index "access_log_subjects_idx" on "audit"."access_log" using gin ("subject_keys");`);
    this.addSql(
      `alter table "audit"."access_log" add constraint "access_log_chain_seq_unique" unique ("chain", "seq");`,
    );
    this.addSql(`create trigger access_log_append_only before update or delete on audit.access_log
      for each row execute function audit.refuse_change();`);
    this.addSql(`revoke all on audit.access_log from public, ${APP_ROLE};`);
    this.addSql(`grant select, insert on audit.access_log to ${APP_ROLE};`);
  }
}
