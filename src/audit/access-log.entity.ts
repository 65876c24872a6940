import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * The append-only access log (schema `audit`), hash-chained in STRIPES chains. Each entry
 * carries its predecessor's hash in the same chain and its own digest over its content
 * (digest.ts is the one definition of that content), keyed with the HMAC key `keyId`.
 * Partitioned by month of `occurredAt` (Migration20261202000700, docs/audit.md "Partitions"):
 * in the database the primary key is (id, occurred_at), and (chain, seq) is kept unique by the chain heads.
 */
@Entity({ schema: 'audit', tableName: 'access_log' })
@Index({
  name: 'access_log_subjects_idx',
  expression: 'create index "access_log_subjects_idx" on "audit"."access_log" using gin ("subject_keys")',
})
@Index({ name: 'access_log_chain_seq_idx', properties: ['chain', 'seq'] })
export class AccessLogEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'smallint' })
  chain!: number;

  @Property({ type: new BigIntType('string') })
  seq!: string;

  @Property({ type: 'text' })
  prevHash!: string;

  @Property({ type: 'text' })
  hash!: string;

  /** Id of the AUDIT_HMAC_KEYS key of `hash`; null: an unkeyed SHA-256 entry from before keyed digests. */
  @Property({ type: 'text', nullable: true })
  keyId?: string | null;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'text' })
  requestId!: string;

  @Property({ type: 'text' })
  actorSub!: string;

  @Property({ type: 'text' })
  actorRole!: string;

  @Property({ type: 'text', nullable: true })
  actorOrg?: string | null;

  /** Whose data: registry look-up keys (never a clear ID number); a page of persons is one entry. */
  @Property({ type: 'text[]' })
  subjectKeys!: string[];

  /** ARCHIVE, PERSON_CODE, PERSON_STANDING or RESTRICTED_RECORD (docs/audit.md). */
  @Property({ type: 'text' })
  resource!: string;

  /** Which fields or entry kinds were released (or asked for, when denied). */
  @Property({ type: 'text[]' })
  fields!: string[];

  @Property({ type: 'text', nullable: true })
  purpose?: string | null;

  /** Typed purpose (AppointmentPurpose) of a cadre check; `purpose` then holds its note. */
  @Property({ type: 'text', nullable: true })
  purposeKind?: string | null;

  @Property({ type: 'text' })
  operation!: string;

  /** GRANTED or DENIED. */
  @Property({ type: 'text' })
  outcome!: string;
}

/** Head of each chain: writers compare-and-set one row of STRIPES, never a global one. */
@Entity({ schema: 'audit', tableName: 'chain_head' })
export class ChainHead {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  chain!: number;

  @Property({ type: new BigIntType('string') })
  seq!: string;

  @Property({ type: 'text' })
  lastHash!: string;

  /** Last entry of this chain with an unkeyed digest (written before keyed digests); copied into checkpoints. */
  @Property({ type: new BigIntType('string'), default: 0 })
  legacySeq!: string;
}
