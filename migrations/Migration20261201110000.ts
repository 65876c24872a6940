import { Migration } from '@mikro-orm/migrations';

const ROLES = [
  'PUBLIC',
  'PROCUREMENT',
  'TENDERING',
  'INVESTMENT',
  'DEBT',
  'ORG_DEPT',
  'DISCIPLINE',
  'COURT',
  'CREDIT_OFFICE',
  'SUBJECT',
];

/**
 * The client registry (docs/clients.md): which client systems may call the hub, keyed by the
 * token's (iss, sub). Rows written before it name a system by its token `sub`; registering each
 * such system with `--id <that sub>` keeps them its own (the demo data is registered that way).
 */
export class Migration20261201110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "access";`);
    this.addSql(
      `create table "access"."client" ("id" text primary key, "issuer" text not null, "subject" text not null, "role" text not null, "region_prefix" varchar(6) not null default '', "org_code" text null, "label" text not null default '', "status" text not null default 'ACTIVE', "operations_restricted" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "revoked_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "access"."client" add constraint "client_issuer_subject_unique" unique ("issuer", "subject");`,
    );
    this.addSql(
      `alter table "access"."client" add constraint "client_role_check" check ("role" in (${ROLES.map((r) => `'${r}'`).join(', ')}) and "role" <> 'PUBLIC');`,
    );
    this.addSql(
      `alter table "access"."client" add constraint "client_status_check" check ("status" in ('ACTIVE', 'REVOKED'));`,
    );
    this.addSql(
      `alter table "access"."client" add constraint "client_region_check" check ("region_prefix" ~ '^[0-9]{0,6}$');`,
    );

    this.addSql(
      `create table "access"."client_operation" ("client_id" text not null references "access"."client" ("id") on delete cascade, "document_hash" char(64) not null, "name" text not null, "registered_at" timestamptz not null default now(), constraint "client_operation_pkey" primary key ("client_id", "document_hash"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop schema if exists "access" cascade;`);
  }
}
