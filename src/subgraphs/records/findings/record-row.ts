import type { EntityManager } from '@mikro-orm/postgresql';
import { SubmitOutcome, contentHash } from '../../../common/submission';
import { upsertBySource, type UpsertResult, type UpsertRow } from '../../../db/idempotent-upsert';
import {
  Disclosure,
  type RecordCategory,
  type RecordDomain,
  type RecordNature,
  type SanctionKind,
  type Severity,
} from '../enums';
import { raiseRecordWarnings, WRITTEN_COLUMNS, type RecordSqlRow, type WarningDeps } from '../monitoring/warning.raise';
import type { CreditPolicy } from '../policy/credit-policy';
import { publicityTerms } from '../policy/publicity';
import type { ValidArrears } from './arrears.input';
import { notifyRecords } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';

/* The stored form of a credit record: the row a push or a workflow writes, and the write of a derived record. */

/** Columns written by a push, with their SQL types: the one list INSERT and UPDATE use. */
const PUSHED_COLUMNS: [string, string][] = [
  ['subject_key', 'text'],
  ['subject_region', 'varchar(6)'],
  ['external_id', 'text'],
  ['nature', 'text'],
  ['category', 'text'],
  ['domain', 'text'],
  ['severity', 'text'],
  ['title', 'text'],
  ['details', 'text'],
  ['legal_basis', 'text'],
  ['document_no', 'text'],
  ['decided_at', 'date'],
  ['deciding_authority_code', 'text'],
  ['disclosure', 'text'],
  ['tolerated', 'boolean'],
  ['public_until', 'date'],
  ['repairable_from', 'date'],
  ['usable_until', 'date'],
  ['policy_version', 'text'],
  ['content_hash', 'text'],
  ['source_items', 'jsonb'],
  ['sanction_kind', 'text'],
];
export const RECORD_UPSERT = {
  table: 'records.credit_record',
  columns: PUSHED_COLUMNS,
  historyTable: 'records.record_history',
  // What the early-warning rules read of a written record, returned by the write instead of read again.
  returning: WRITTEN_COLUMNS,
};

/** The written rows (CREATED, UPDATED) of an upsert with RECORD_UPSERT, as the warning rules read them. */
export function writtenRows(outcomes: Map<string, UpsertResult>): RecordSqlRow[] {
  return [...outcomes.values()].flatMap((o) => (o.row ? [o.row as unknown as RecordSqlRow] : []));
}

/**
 * A record a workflow derives (a breached commitment, a verified complaint): no RecordInput,
 * the subject is known by key.
 */
export interface DerivedRecord {
  subjectKey: string;
  subjectRegion: string;
  externalId: string;
  nature: RecordNature;
  category: RecordCategory;
  domain: RecordDomain;
  severity: Severity;
  title: string;
  details: string | null;
  legalBasis: string | null;
  documentNo: string | null;
  decidedAt: string;
  decidingAuthorityCode: string | null;
  disclosure: Disclosure;
  /** Data items of the source format with no column of their own (an import's); part of the content. */
  sourceItems?: Record<string, string> | null;
  /** 处分种类 of a disciplinary sanction (pushed by its deciding system); part of the content. */
  sanctionKind?: SanctionKind | null;
  /** The money of an ARREARS record (stored in records.arrears, not a column here); part of the content. */
  arrears?: ValidArrears | null;
}

/**
 * The stored row of a record: its content, the publicity and use periods and policy version, and the
 * content hash that makes a re-push with the same content UNCHANGED.
 */
export function recordRow(
  record: DerivedRecord & { tolerated: boolean },
  personKeys: string[],
  policy: CreditPolicy,
): UpsertRow {
  const terms = publicityTerms(record, policy);
  const content: Record<string, unknown> = {
    subject_key: record.subjectKey,
    external_id: record.externalId,
    nature: record.nature,
    category: record.category,
    domain: record.domain,
    severity: record.severity,
    title: record.title,
    details: record.details,
    legal_basis: record.legalBasis,
    document_no: record.documentNo,
    decided_at: record.decidedAt,
    deciding_authority_code: record.decidingAuthorityCode,
    // A rule that never publishes (SAMR Order 45: warnings) keeps a PUBLIC push among government systems.
    disclosure: !terms.published && record.disclosure === Disclosure.PUBLIC ? Disclosure.GOVERNMENT : record.disclosure,
    tolerated: record.tolerated,
  };
  // Only when present, so records pushed without source items keep the hash they always had.
  if (record.sourceItems) content.source_items = record.sourceItems;
  if (record.sanctionKind) content.sanction_kind = record.sanctionKind;
  // Not a column of credit_record (jsonb_to_recordset ignores it): a changed amount makes the re-push UPDATED.
  if (record.arrears) content.arrears = record.arrears;
  const hash = contentHash({ ...content, responsible: personKeys });
  // The row is the content object itself, extended after hashing: copying it for each of 500 rows cost more than
  // the rest of the row (CPU profile of submitRecords, docs/benchmarks.md).
  content.subject_region = record.subjectRegion;
  content.public_until = terms.until;
  content.repairable_from = terms.repairableFrom;
  content.usable_until = terms.usableUntil;
  content.policy_version = policy.version;
  content.content_hash = hash;
  return content as UpsertRow;
}

/**
 * Writes a derived record inside the caller's transaction, through the same idempotent
 * upsert as a push: the workflow's external id (e.g. `commitment:12`) makes a retried step
 * UNCHANGED instead of creating a second record. Its early warnings are raised in the same
 * transaction, as for a push.
 */
export async function writeDerivedRecord(
  em: EntityManager,
  source: { system: string; role: string },
  policy: CreditPolicy,
  record: DerivedRecord,
  warnings: WarningDeps,
) {
  const outcomes = await upsertBySource(em, RECORD_UPSERT, source, [
    recordRow({ ...record, tolerated: false }, [], policy),
  ]);
  const { id, outcome } = outcomes.get(record.externalId)!;
  if (outcome === SubmitOutcome.CREATED) await notifyRecords(em, warnings.directory, WebhookEvent.RECORD_ADDED, [id]);
  if (outcome !== SubmitOutcome.UNCHANGED)
    await raiseRecordWarnings(em, warnings, [id], { rows: writtenRows(outcomes) });
  return { id, outcome: outcome as SubmitOutcome };
}
