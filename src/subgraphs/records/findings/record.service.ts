import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { checkEach, InputError, refuseInvalid } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { SubjectDirectory } from '../../../common/subject-directory';
import { upsertBySource, type UpsertRow } from '../../../db/idempotent-upsert';
import { pgArray } from '../../../db/sql';
import { SubjectKind } from '../../../common/subject-kind';
import { type Disclosure, type RecordCategory, type RecordDomain, type RecordNature, type Severity } from '../enums';
import { SubmitOutcome } from '../../../common/submission';
import type { EvaluationConfig } from '../policy/evaluation-config';
import { raiseRecordWarnings, type WarningDeps } from '../monitoring/warning.raise';
import type { CreditPolicy } from '../policy/credit-policy';
import { publicityWindow } from '../policy/publicity';
import { mayPush } from './push-scope';
import type { RecordInput } from './record.input';
import { notifyRecords } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';
import { MAX_RECORD_BATCH, validateRecordInput, type ValidRecord } from './record.validation';
import { contentHash } from '../../../common/submission';

/** Columns written by a push, with their SQL types: the one list INSERT and UPDATE use. */
const NOT_A_CIVIL_SERVANT = bilingual('不是公务员', 'not a civil servant');

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
  ['policy_version', 'text'],
  ['content_hash', 'text'],
  ['source_items', 'jsonb'],
];
const RECORD_UPSERT = {
  table: 'records.credit_record',
  columns: PUSHED_COLUMNS,
  historyTable: 'records.record_history',
};

export interface SubmitResult {
  index: number;
  externalId: string;
  outcome: SubmitOutcome;
  recordId: string;
}

/**
 * submitRecords: validate the whole batch, resolve (and register) subjects, then write in
 * one transaction. Idempotent on (pushing system, external id): same content = UNCHANGED;
 * different content = UPDATED with version + 1 and the old version kept in record_history
 * (the pushing system owns its records; nobody else can address them).
 */
export class RecordSubmission {
  constructor(
    private readonly em: EntityManager,
    private readonly directory: SubjectDirectory,
    private readonly policy: CreditPolicy,
    private readonly today: string,
    private readonly evaluation: EvaluationConfig,
  ) {}

  async submit(viewer: Principal, inputs: RecordInput[]): Promise<SubmitResult[]> {
    if (inputs.length > MAX_RECORD_BATCH) {
      throw new InputError(
        bilingual(
          `每次最多 ${MAX_RECORD_BATCH} 条记录，本次 ${inputs.length} 条`,
          `at most ${MAX_RECORD_BATCH} records per call, got ${inputs.length}`,
        ),
        { field: 'input' },
      );
    }
    const items = checkBatch(viewer, inputs, this.today);
    if (items.length === 0) return [];
    const persons = items.flatMap((item) =>
      item.responsibleCodes.map((code, i) => ({
        code,
        path: { index: item.index, field: `responsiblePersonCodes[${i}]` },
      })),
    );
    const personEntries = await this.directory.resolve(persons, { register: false });
    refuseInvalid(
      personEntries.flatMap((entry, i) =>
        entry.kind === SubjectKind.PUBLIC_SERVANT ? [] : [{ ...persons[i].path, message: NOT_A_CIVIL_SERVANT }],
      ),
    );
    const subjects = await this.directory.resolve(
      items.map((item) => ({ ...item.input.subject, path: { index: item.index, field: 'subject.code' } })),
      { register: true },
    );
    let personCursor = 0;
    const rows = items.map((item, i) => {
      const personKeys = item.responsibleCodes.map(() => personEntries[personCursor++].key).sort();
      return { row: this.row(item, subjects[i].key, subjects[i].regionCode, personKeys), personKeys };
    });
    return this.em.transactional((em) => this.write(em, viewer, items, rows));
  }

  private row(item: ValidRecord, subjectKey: string, subjectRegion: string, personKeys: string[]): UpsertRow {
    const { input } = item;
    return recordRow(
      {
        subjectKey,
        subjectRegion,
        externalId: item.externalId,
        nature: input.nature,
        category: input.category,
        domain: input.domain,
        severity: input.severity,
        title: item.title,
        details: item.details,
        legalBasis: item.legalBasis,
        documentNo: item.documentNo,
        decidedAt: input.decidedAt,
        decidingAuthorityCode: item.decidingAuthorityCode,
        disclosure: input.disclosure,
        tolerated: item.tolerated,
        sourceItems: input.sourceItems,
      },
      personKeys,
      this.policy,
    );
  }

  private async write(
    em: EntityManager,
    viewer: Principal,
    items: ValidRecord[],
    rows: { row: UpsertRow; personKeys: string[] }[],
  ) {
    const outcomes = await upsertBySource(
      em,
      RECORD_UPSERT,
      { system: viewer.clientId, role: viewer.role },
      rows.map(({ row }) => row),
    );
    const createdIds = [...outcomes.values()].filter((o) => o.outcome === SubmitOutcome.CREATED).map((o) => o.id);
    await notifyRecords(em, this.directory, WebhookEvent.RECORD_ADDED, createdIds, { day: this.today });
    const written = rows.filter(({ row }) => outcomes.get(row.external_id)!.outcome !== SubmitOutcome.UNCHANGED);
    const changedIds = written
      .filter(({ row }) => outcomes.get(row.external_id)!.outcome === SubmitOutcome.UPDATED)
      .map(({ row }) => outcomes.get(row.external_id)!.id);
    if (changedIds.length > 0) {
      await em.execute('DELETE FROM records.record_responsible WHERE record_id = ANY(?::bigint[])', [
        pgArray(changedIds),
      ]);
    }
    const responsible = written.flatMap(({ row, personKeys }) =>
      personKeys.map((person_key) => ({ record_id: outcomes.get(row.external_id)!.id, person_key })),
    );
    if (responsible.length > 0) {
      await em.execute(
        `INSERT INTO records.record_responsible (record_id, person_key)
         SELECT x.record_id, x.person_key FROM jsonb_to_recordset(?::jsonb) AS x(record_id bigint, person_key text)`,
        [JSON.stringify(responsible)],
      );
    }
    // Early warnings in the same transaction as the write (monitoring/warning.raise.ts).
    await raiseRecordWarnings(
      em,
      { directory: this.directory, config: this.evaluation, today: this.today },
      written.map(({ row }) => outcomes.get(row.external_id)!.id),
    );
    return items.map((item) => ({
      index: item.index,
      externalId: item.externalId,
      outcome: outcomes.get(item.externalId)!.outcome as SubmitOutcome,
      recordId: outcomes.get(item.externalId)!.id,
    }));
  }
}

/**
 * Every item checked on its own and against the batch, before anything is looked up or
 * written: all invalid items are reported at once (BAD_USER_INPUT), then every item the
 * caller may not push (FORBIDDEN), each with its index and field (common/errors.ts invalidItems).
 */
function checkBatch(viewer: Principal, inputs: RecordInput[], today: string): ValidRecord[] {
  const { valid: items, invalid } = checkEach(inputs, (input, index) => validateRecordInput(input, index, today));
  const seen = new Map<string, number>();
  for (const item of items) {
    const earlier = seen.get(item.externalId);
    if (earlier !== undefined)
      invalid.push({
        index: item.index,
        field: 'externalId',
        message: bilingual(`与 input[${earlier}] 重复`, `same as input[${earlier}]`),
      });
    else seen.set(item.externalId, item.index);
  }
  refuseInvalid(invalid);
  refuseInvalid(
    items
      .filter((item) => !mayPush(viewer.role, item.input.category, item.input.domain))
      .map((item) => ({
        index: item.index,
        message: bilingual(
          `${viewer.role} 无权推送 ${item.input.domain} 领域的 ${item.input.category} 记录`,
          `${viewer.role} may not push ${item.input.category} in ${item.input.domain}`,
        ),
      })),
    'FORBIDDEN',
  );
  return items;
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
}

/**
 * The stored row of a record: its content, the publicity window and policy version, and the
 * content hash that makes a re-push with the same content UNCHANGED.
 */
export function recordRow(
  record: DerivedRecord & { tolerated: boolean },
  personKeys: string[],
  policy: CreditPolicy,
): UpsertRow {
  const window = publicityWindow(record, policy);
  const content = {
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
    disclosure: record.disclosure,
    tolerated: record.tolerated,
    // Only when present, so records pushed without source items keep the hash they always had.
    ...(record.sourceItems ? { source_items: record.sourceItems } : {}),
  };
  return {
    ...content,
    subject_region: record.subjectRegion,
    public_until: window.until,
    repairable_from: window.repairableFrom,
    policy_version: policy.version,
    content_hash: contentHash({ ...content, responsible: personKeys }),
  };
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
  if (outcome !== SubmitOutcome.UNCHANGED) await raiseRecordWarnings(em, warnings, [id]);
  return { id, outcome: outcome as SubmitOutcome };
}
