import { Migration } from '@mikro-orm/migrations';

/** The role the hub runs as (src/db/roles.ts APP_ROLE; docs/audit.md "Roles"). */
const APP_ROLE = 'credit_hub_app';

/**
 * Access log keyed outside the database, and a least-privileged role for the hub.
 *
 * - Entries get `key_id`: the AUDIT_HMAC_KEYS key their digest is keyed with, computed in
 *   the hub (src/audit/digest.ts), never in SQL. Entries already written keep `key_id` null:
 *   their unkeyed SHA-256 over the same content still verifies, but only up to each chain's
 *   `legacy_seq` (their number now), which checkpoints copy so it cannot move unnoticed.
 *   `audit.entry_digest` is dropped: the content is defined once, in digest.ts.
 * - Role `credit_hub_app` (created NOLOGIN when absent; a deployment logs in as it or as a
 *   member of it): ordinary DML on the hub's schemas, now and, through default privileges,
 *   for every table later migrations create; on the log only INSERT and SELECT, on the chain
 *   heads SELECT and UPDATE of (seq, last_hash). No DDL, no TRUNCATE, no trigger changes:
 *   those need ownership, which stays with the role that runs migrations.
 */
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit"."access_log" add column "key_id" text null;`);
    this.addSql(`alter table "audit"."chain_head" add column "legacy_seq" bigint not null default 0;`);
    this.addSql(`update "audit"."chain_head" set "legacy_seq" = "seq";`);
    this
      .addSql(`drop function if exists audit.entry_digest(smallint, bigint, text, timestamptz, text, text, text, text, text[], text,
      text[], text, text, text);`);

    this.addSql(`do $$ begin
        if not exists (select from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} nologin; end if;
      end $$;`);
    // Schemas this role owns (the hub's), but the log's and public (migration bookkeeping).
    this.addSql(`do $$ declare s text; begin
        for s in select nspname from pg_namespace where nspowner = (select oid from pg_roles where rolname = current_user)
                   and nspname not in ('public', 'audit') and nspname not like 'pg\\_%' loop
          execute format('grant usage on schema %I to ${APP_ROLE}', s);
          execute format('grant select, insert, update, delete on all tables in schema %I to ${APP_ROLE}', s);
          execute format('grant usage, select on all sequences in schema %I to ${APP_ROLE}', s);
        end loop;
      end $$;`);
    // Whatever later migrations (run by this same owner) create is the hub's to use, DML only.
    this.addSql(`alter default privileges grant usage on schemas to ${APP_ROLE};`);
    this.addSql(`alter default privileges grant select, insert, update, delete on tables to ${APP_ROLE};`);
    this.addSql(`alter default privileges grant usage, select on sequences to ${APP_ROLE};`);

    this.addSql(`grant usage on schema audit to ${APP_ROLE};`);
    this.addSql(`revoke all on audit.access_log, audit.chain_head from ${APP_ROLE};`);
    this.addSql(`grant select, insert on audit.access_log to ${APP_ROLE};`);
    this.addSql(`grant usage on sequence audit.access_log_id_seq to ${APP_ROLE};`);
    this.addSql(`grant select on audit.chain_head to ${APP_ROLE};`);
    this.addSql(`grant update (seq, last_hash) on audit.chain_head to ${APP_ROLE};`);
    // Readiness asks whether migrations are pending: reading the migrator's table, never writing it.
    this.addSql(`do $$ begin
        if to_regclass('public.mikro_orm_migrations') is not null then grant select on public.mikro_orm_migrations to ${APP_ROLE}; end if;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`do $$ begin
        if to_regclass('public.mikro_orm_migrations') is not null then revoke all on public.mikro_orm_migrations from ${APP_ROLE}; end if;
      end $$;`);
    this.addSql(`alter default privileges revoke usage on schemas from ${APP_ROLE};`);
    this.addSql(`alter default privileges revoke select, insert, update, delete on tables from ${APP_ROLE};`);
    this.addSql(`alter default privileges revoke usage, select on sequences from ${APP_ROLE};`);
    this.addSql(`do $$ declare s text; begin
        for s in select nspname from pg_namespace where nspowner = (select oid from pg_roles where rolname = current_user)
                   and nspname not in ('public') and nspname not like 'pg\\_%' loop
          execute format('revoke all on all tables in schema %I from ${APP_ROLE}', s);
          execute format('revoke all on all sequences in schema %I from ${APP_ROLE}', s);
          execute format('revoke usage on schema %I from ${APP_ROLE}', s);
        end loop;
      end $$;`);
    this
      .addSql(`create function audit.entry_digest(chain smallint, seq bigint, prev_hash text, occurred_at timestamptz, request_id text,
        actor_sub text, actor_role text, actor_org text, subject_keys text[], resource text, fields text[], purpose text, operation text, outcome text)
      returns text language sql immutable as $$
        select encode(sha256(convert_to(jsonb_build_array(chain, seq, prev_hash,
          to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), request_id, actor_sub, actor_role, actor_org,
          subject_keys, resource, fields, purpose, operation, outcome)::text, 'UTF8')), 'hex')
      $$;`);
    this.addSql(`alter table "audit"."chain_head" drop column "legacy_seq";`);
    this.addSql(`alter table "audit"."access_log" drop column "key_id";`);
  }
}
