import { Migration } from '@mikro-orm/migrations';

/**
 * Credit reports (issue #15 item 5, docs/credit-report.md): each issued report as signed (the compact JWS, its SHA-256
 * and the key id), numbered XYBG-YYYYMMDD-NNNNNN by a per-day sequence, with the issuing client's claims (the report
 * tells what that client may read; verification recomputes its facts as that client) and the digest of those facts,
 * and the SHA-256 of the report's one-time download token (never the token) until it is used or expires.
 */
export class Migration20261202000400 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "records"."credit_report" (
      "id" bigserial primary key,
      "number" text not null,
      "issued_on" date not null,
      "sequence" integer not null,
      "issued_at" timestamptz not null default now(),
      "purpose" text not null,
      "subject_key" text not null,
      "subject_region" varchar(6) not null,
      "issued_by" text not null,
      "issuer_sub" text not null,
      "issuer_iss" text not null,
      "issuer_role" text not null,
      "issuer_region" varchar(12) not null,
      "issuer_org" text null,
      "key_id" text not null,
      "jws" text not null,
      "digest" char(64) not null,
      "facts_digest" char(64) not null,
      "download_token_hash" char(64) null,
      "download_expires_at" timestamptz null,
      constraint "credit_report_number_unique" unique ("number"),
      constraint "credit_report_day_sequence_unique" unique ("issued_on", "sequence")
    );`);
    this.addSql(`create index "credit_report_issuer_idx" on "records"."credit_report" ("issued_by", "issued_at");`);
    this.addSql(`create index "credit_report_subject_idx" on "records"."credit_report" ("subject_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "records"."credit_report";`);
  }
}
