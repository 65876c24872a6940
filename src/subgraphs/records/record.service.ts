import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal';
import { ForbiddenError, InputError } from '../../common/errors';
import type { SubjectDirectory } from '../../common/subject-directory';
import { pgArray } from '../../db/sql';
import { SubjectKind } from '../subjects/subject-kind';
import { SubmitOutcome } from './enums';
import type { CreditPolicy } from './policy/credit-policy';
import { publicityWindow } from './policy/publicity';
import { mayPush } from './push-scope';
import type { RecordInput } from './record.input';
import { contentHash, MAX_RECORD_BATCH, validateRecordInput, type ValidRecord } from './record.validation';

/** Columns written by a push, with their SQL types: the one list INSERT and UPDATE use. */
const PUSHED_COLUMNS: [string, string][] = [
  ['subject_key', 'text'], ['subject_region', 'varchar(6)'], ['external_id', 'text'], ['nature', 'text'], ['category', 'text'],
  ['domain', 'text'], ['severity', 'text'], ['title', 'text'], ['details', 'text'], ['legal_basis', 'text'],
  ['document_no', 'text'], ['decided_at', 'date'], ['deciding_authority_code', 'text'], ['disclosure', 'text'],
  ['tolerated', 'boolean'], ['public_until', 'date'], ['repairable_from', 'date'], ['policy_version', 'text'], ['content_hash', 'text'],
];
const RECORDSET = `jsonb_to_recordset(?::jsonb) AS x(${PUSHED_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')})`;
const INSERT_SQL = `INSERT INTO records.credit_record (source_system, source_role, ${PUSHED_COLUMNS.map(([c]) => c).join(', ')})
  SELECT ?, ?, ${PUSHED_COLUMNS.map(([c]) => `x.${c}`).join(', ')} FROM ${RECORDSET}
  ON CONFLICT (source_system, external_id) DO NOTHING RETURNING id::text, external_id`;
const UPDATE_SQL = `UPDATE records.credit_record r SET ${PUSHED_COLUMNS.map(([c]) => `${c} = x.${c}`).join(', ')},
  version = r.version + 1, updated_at = now()
  FROM ${RECORDSET} WHERE r.source_system = ? AND r.external_id = x.external_id`;

type Row = Record<string, unknown> & { external_id: string; content_hash: string };

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
  ) {}

  async submit(viewer: Principal, inputs: RecordInput[]): Promise<SubmitResult[]> {
    if (inputs.length > MAX_RECORD_BATCH) {
      throw new InputError(`at most ${MAX_RECORD_BATCH} records per call, got ${inputs.length}`, { field: 'input' });
    }
    const items = inputs.map((input, index) => validateRecordInput(input, index, this.today));
    const seen = new Map<string, number>();
    for (const item of items) {
      if (seen.has(item.externalId)) throw new InputError(`input[${item.index}].externalId: same as input[${seen.get(item.externalId)}]`, { index: item.index, field: 'externalId' });
      seen.set(item.externalId, item.index);
      if (!mayPush(viewer.role, item.input.category, item.input.domain)) {
        throw new ForbiddenError(`input[${item.index}]: ${viewer.role} may not push ${item.input.category} in ${item.input.domain}`, { index: item.index });
      }
    }
    if (items.length === 0) return [];
    const persons = items.flatMap((item) => item.responsibleCodes.map((code, i) => ({ code, path: { index: item.index, field: `responsiblePersonCodes[${i}]` } })));
    const personEntries = await this.directory.resolve(persons, { register: false });
    personEntries.forEach((entry, i) => {
      if (entry.kind !== SubjectKind.PUBLIC_SERVANT) throw new InputError(`input[${persons[i].path.index}].${persons[i].path.field}: not a civil servant`, persons[i].path);
    });
    const subjects = await this.directory.resolve(items.map((item) => ({ ...item.input.subject, path: { index: item.index, field: 'subject.code' } })), { register: true });
    let personCursor = 0;
    const rows = items.map((item, i) => {
      const personKeys = item.responsibleCodes.map(() => personEntries[personCursor++].key).sort();
      return { row: this.row(item, subjects[i].key, subjects[i].regionCode, personKeys), personKeys };
    });
    return this.em.transactional((em) => this.write(em, viewer, items, rows));
  }

  private row(item: ValidRecord, subjectKey: string, subjectRegion: string, personKeys: string[]): Row {
    const { input } = item;
    const window = publicityWindow(input, this.policy);
    const content = {
      subject_key: subjectKey, external_id: item.externalId, nature: input.nature, category: input.category, domain: input.domain,
      severity: input.severity, title: item.title, details: item.details, legal_basis: item.legalBasis, document_no: item.documentNo,
      decided_at: input.decidedAt, deciding_authority_code: item.decidingAuthorityCode, disclosure: input.disclosure, tolerated: item.tolerated,
    };
    return {
      ...content,
      subject_region: subjectRegion,
      public_until: window.until,
      repairable_from: window.repairableFrom,
      policy_version: this.policy.version,
      content_hash: contentHash({ ...content, responsible: personKeys }),
    };
  }

  private async write(em: EntityManager, viewer: Principal, items: ValidRecord[], rows: { row: Row; personKeys: string[] }[]) {
    const connection = em.getConnection();
    const lockExisting = async (externalIds: string[]) =>
      (await connection.execute(
        'SELECT id::text, external_id, content_hash FROM records.credit_record WHERE source_system = ? AND external_id = ANY(?::text[]) FOR UPDATE',
        [viewer.sub, pgArray(externalIds)],
      )) as { id: string; external_id: string; content_hash: string }[];

    const existing = new Map((await lockExisting(items.map((i) => i.externalId))).map((r) => [r.external_id, r]));
    const fresh = rows.filter(({ row }) => !existing.has(row.external_id));
    const ids = new Map<string, string>();
    const outcomes = new Map<string, SubmitOutcome>();
    if (fresh.length > 0) {
      const inserted = (await connection.execute(INSERT_SQL, [viewer.sub, viewer.role, JSON.stringify(fresh.map((f) => f.row))])) as { id: string; external_id: string }[];
      for (const row of inserted) {
        ids.set(row.external_id, row.id);
        outcomes.set(row.external_id, SubmitOutcome.CREATED);
      }
      // Inserted meanwhile by a concurrent push of the same batch: now theirs to compare.
      const raced = fresh.filter(({ row }) => !ids.has(row.external_id)).map(({ row }) => row.external_id);
      if (raced.length > 0) for (const row of await lockExisting(raced)) existing.set(row.external_id, row);
    }
    const changed = rows.filter(({ row }) => {
      const before = existing.get(row.external_id);
      if (!before || outcomes.has(row.external_id)) return false;
      ids.set(row.external_id, before.id);
      const same = before.content_hash === row.content_hash;
      outcomes.set(row.external_id, same ? SubmitOutcome.UNCHANGED : SubmitOutcome.UPDATED);
      return !same;
    });
    if (changed.length > 0) {
      const changedIds = changed.map(({ row }) => ids.get(row.external_id)!);
      await connection.execute(
        `INSERT INTO records.record_history (record_id, version, content, changed_by)
         SELECT r.id, r.version, to_jsonb(r) - 'id', ? FROM records.credit_record r WHERE r.id = ANY(?::bigint[])`,
        [viewer.sub, pgArray(changedIds)],
      );
      await connection.execute(UPDATE_SQL, [JSON.stringify(changed.map((c) => c.row)), viewer.sub]);
      await connection.execute('DELETE FROM records.record_responsible WHERE record_id = ANY(?::bigint[])', [pgArray(changedIds)]);
    }
    const responsible = [...fresh.filter(({ row }) => outcomes.get(row.external_id) === SubmitOutcome.CREATED), ...changed]
      .flatMap(({ row, personKeys }) => personKeys.map((person_key) => ({ record_id: ids.get(row.external_id)!, person_key })));
    if (responsible.length > 0) {
      await connection.execute(
        `INSERT INTO records.record_responsible (record_id, person_key)
         SELECT x.record_id, x.person_key FROM jsonb_to_recordset(?::jsonb) AS x(record_id bigint, person_key text)`,
        [JSON.stringify(responsible)],
      );
    }
    return items.map((item) => ({
      index: item.index,
      externalId: item.externalId,
      outcome: outcomes.get(item.externalId)!,
      recordId: ids.get(item.externalId)!,
    }));
  }
}
