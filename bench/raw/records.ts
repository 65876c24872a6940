import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import { contentHash } from '../../src/common/submission';
import { publicityTerms } from '../../src/subgraphs/records/policy/publicity';
import { HttpError, type Query, type RawContext } from './context';

const INSERT_COLUMNS = [
  'source_system',
  'source_role',
  'subject_key',
  'subject_region',
  'external_id',
  'nature',
  'category',
  'domain',
  'severity',
  'title',
  'details',
  'legal_basis',
  'document_no',
  'decided_at',
  'deciding_authority_code',
  'disclosure',
  'tolerated',
  'public_until',
  'repairable_from',
  'usable_until',
  'policy_version',
  'content_hash',
];

/** The stored row of one record, in INSERT_COLUMNS order (windows and hash computed as the hub does). */
function rowValues(
  ctx: RawContext,
  record: RecordInput,
  subject: { code_key: string; region_code: string },
  source: string,
  role: string,
): unknown[] {
  const window = publicityTerms(record, ctx.policy);
  const content = {
    subject_key: subject.code_key,
    external_id: record.externalId,
    nature: record.nature,
    category: record.category,
    domain: record.domain,
    severity: record.severity,
    title: record.title,
    details: record.details ?? null,
    legal_basis: record.legalBasis ?? null,
    document_no: record.documentNo ?? null,
    decided_at: record.decidedAt,
    deciding_authority_code: record.decidingAuthorityCode ?? null,
    disclosure: record.disclosure,
    tolerated: record.tolerated ?? false,
  };
  return [
    source,
    role,
    content.subject_key,
    subject.region_code,
    content.external_id,
    content.nature,
    content.category,
    content.domain,
    content.severity,
    content.title,
    content.details,
    content.legal_basis,
    content.document_no,
    content.decided_at,
    content.deciding_authority_code,
    content.disclosure,
    content.tolerated,
    window.until,
    window.repairableFrom,
    window.usableUntil,
    ctx.policy.version,
    contentHash({ ...content, responsible: [] }),
  ];
}

/** The ingest floor: resolve subjects in one statement, then one multi-row INSERT … ON CONFLICT DO NOTHING. */
export async function submitRecords(
  ctx: RawContext,
  body: { source?: string; role?: string; records?: RecordInput[] },
  query: Query,
) {
  const records = body.records;
  if (!Array.isArray(records) || records.length === 0 || records.length > 500)
    throw new HttpError(400, 'records: 1 to 500 items');
  const source = body.source || 'bench-raw';
  const identified = records.map((r) => ctx.keys.identify(r.subject?.code ?? ''));
  identified.forEach((code, i) => {
    if (!code.check.valid) throw new HttpError(400, `records[${i}].subject.code: invalid`);
  });
  const subjects = await query<{ code_key: string; region_code: string }>(
    'SELECT s.code_key, s.region_code FROM subjects.subject s WHERE s.code_key = ANY($1::text[])',
    [[...new Set(identified.flatMap((c) => c.keys))]],
  );
  const byKey = new Map(subjects.map((s) => [s.code_key, s]));
  const params: unknown[] = [];
  const rows = records.map((record, i) => {
    const subject = identified[i].keys.map((key) => byKey.get(key)).find(Boolean);
    if (!subject) throw new HttpError(400, `records[${i}].subject.code: not registered`);
    const values = rowValues(ctx, record, subject, source, body.role ?? 'COURT');
    const base = params.length;
    params.push(...values);
    return `(${values.map((_, k) => `$${base + k + 1}`).join(', ')})`;
  });
  const inserted = await query(
    `INSERT INTO records.credit_record (${INSERT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
       ON CONFLICT (source_system, external_id) DO NOTHING RETURNING id`,
    params,
  );
  return { submitRecords: { created: inserted.length, updated: 0, unchanged: records.length - inserted.length } };
}
