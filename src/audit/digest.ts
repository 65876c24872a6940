import { createHash, createHmac } from 'node:crypto';
import type { AuditHmacKey } from '../config/audit';

/** What one access-log entry's digest covers: every column but its id, hash and key id. */
export interface EntryContent {
  chain: number;
  seq: bigint;
  prevHash: string;
  /** Microseconds since the epoch (PostgreSQL's timestamptz precision). */
  occurredAtMicros: bigint;
  requestId: string;
  actorSub: string;
  actorRole: string;
  actorOrg: string | null;
  subjectKeys: string[];
  resource: string;
  fields: string[];
  purpose: string | null;
  /** Typed purpose (AppointmentPurpose); null on every entry written before it existed. */
  purposeKind?: string | null;
  operation: string;
  outcome: string;
}

type Canonical = string | number | bigint | null | Canonical[];

/** JSON as PostgreSQL's jsonb prints it (`[1, "a", null]`): entries written before keyed digests used that text. */
function render(value: Canonical): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  return value.toString();
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC, from microseconds since the epoch. */
export function isoMicros(micros: bigint): string {
  const iso = new Date(Number(micros / 1000n)).toISOString();
  return `${iso.slice(0, -1)}${(micros % 1000n).toString().padStart(3, '0')}Z`;
}

export function microsOf(date: Date): bigint {
  return BigInt(date.getTime()) * 1000n;
}

/**
 * The one definition of what an entry's digest covers, as UTF-8 bytes. It is the text the
 * SQL function audit.entry_digest produced before Migration20261201100000, so entries
 * written before keyed digests still verify against the same content.
 */
export function canonicalContent(entry: EntryContent): Buffer {
  const content: Canonical[] = [
    entry.chain,
    entry.seq,
    entry.prevHash,
    isoMicros(entry.occurredAtMicros),
    entry.requestId,
    entry.actorSub,
    entry.actorRole,
    entry.actorOrg,
    entry.subjectKeys,
    entry.resource,
    entry.fields,
    entry.purpose,
    entry.operation,
    entry.outcome,
  ];
  // Appended only when present (Migration20261201200000): entries without one keep their content, and their digest.
  if (entry.purposeKind != null) content.push(entry.purposeKind);
  return Buffer.from(render(content), 'utf8');
}

/**
 * HMAC-SHA256 with the key in configuration, hex; `null` key = the legacy unkeyed SHA-256 of
 * entries before keyed digests.
 */
export function entryDigest(entry: EntryContent, key: AuditHmacKey | null): string {
  const content = canonicalContent(entry);
  return (key ? createHmac('sha256', key.key) : createHash('sha256')).update(content).digest('hex');
}
