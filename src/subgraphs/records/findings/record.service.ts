import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { checkEach, InputError, refuseInvalid } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { DirectoryEntry, SubjectDirectory } from '../../../common/subject-directory';
import { executeBound } from '../../../db/bound';
import { upsertBySource, type UpsertRow } from '../../../db/idempotent-upsert';
import { pgArray } from '../../../db/sql';
import { SubjectKind } from '../../../common/subject-kind';
import { SubmitOutcome } from '../../../common/submission';
import type { EvaluationConfig } from '../policy/evaluation-config';
import { raiseRecordWarnings } from '../monitoring/warning.raise';
import { linkCaseRecords } from './case-links';
import { RecordCategory } from '../enums';
import type { CreditPolicy } from '../policy/credit-policy';
import { mayPush } from './push-scope';
import type { RecordInput } from './record.input';
import { notifyRecords } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';
import { MAX_RECORD_BATCH, validateRecordInput, type ValidRecord } from './record.validation';
import { RECORD_UPSERT, recordRow, writtenRows } from './record-row';
import { writeArrears } from './arrears';

const NOT_A_CIVIL_SERVANT = bilingual('不是公务员', 'not a civil servant');

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
    const rows = items.map((item, i): PushRow => {
      const personKeys = item.responsibleCodes.map(() => personEntries[personCursor++].key).sort();
      return {
        row: this.row(item, subjects[i].key, subjects[i].regionCode, personKeys),
        personKeys,
        subject: subjects[i],
      };
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
        sanctionKind: input.sanctionKind,
        arrears: item.arrears,
      },
      personKeys,
      this.policy,
    );
  }

  private async write(em: EntityManager, viewer: Principal, items: ValidRecord[], rows: PushRow[]) {
    const outcomes = await upsertBySource(
      em,
      RECORD_UPSERT,
      { system: viewer.clientId, role: viewer.role },
      rows.map(({ row }) => row),
    );
    const idOf = (row: UpsertRow) => outcomes.get(row.external_id)!.id;
    const outcomeOf = (row: UpsertRow) => outcomes.get(row.external_id)!.outcome;
    const created = new Set(
      rows.filter(({ row }) => outcomeOf(row) === SubmitOutcome.CREATED).map(({ row }) => idOf(row)),
    );
    await notifyRecords(em, this.directory, WebhookEvent.RECORD_ADDED, [...created], { day: this.today });
    const written = rows.filter(({ row }) => outcomeOf(row) !== SubmitOutcome.UNCHANGED);
    await writeDependents(em, items, rows, written, idOf, created);
    // Early warnings in the same transaction as the write (monitoring/warning.raise.ts), on the rows the write
    // returned and the subjects' kinds resolved above: nothing read again.
    await raiseRecordWarnings(
      em,
      { directory: this.directory, config: this.evaluation, today: this.today },
      written.map(({ row }) => idOf(row)),
      { rows: writtenRows(outcomes), kinds: new Map(rows.map(({ subject }) => [subject.key, subject.kind])) },
    );
    return items.map((item) => ({
      index: item.index,
      externalId: item.externalId,
      outcome: outcomes.get(item.externalId)!.outcome as SubmitOutcome,
      recordId: outcomes.get(item.externalId)!.id,
    }));
  }
}

/** A pushed item's row, its responsible persons' keys and its subject as resolved. */
interface PushRow {
  row: UpsertRow;
  personKeys: string[];
  subject: DirectoryEntry;
}

/** What hangs off the written records: responsible persons, arrears, case links (unchanged rows keep theirs). */
async function writeDependents(
  em: EntityManager,
  items: ValidRecord[],
  rows: PushRow[],
  written: PushRow[],
  idOf: (row: UpsertRow) => string,
  created: ReadonlySet<string>,
) {
  const changedIds = written.map(({ row }) => idOf(row)).filter((id) => !created.has(id));
  if (changedIds.length > 0) {
    await em.execute('DELETE FROM records.record_responsible WHERE record_id = ANY(?::bigint[])', [
      pgArray(changedIds),
    ]);
  }
  await writeArrears(
    em,
    items.flatMap((item, i) =>
      item.arrears && written.includes(rows[i]) ? [{ recordId: idOf(rows[i].row), arrears: item.arrears }] : [],
    ),
  );
  const responsible = written.flatMap(({ row, personKeys }) =>
    personKeys.map((person_key) => ({ record_id: idOf(row), person_key })),
  );
  if (responsible.length > 0) {
    await executeBound(
      em,
      `INSERT INTO records.record_responsible (record_id, person_key)
       SELECT x.record_id, x.person_key FROM jsonb_to_recordset(?::jsonb) AS x(record_id bigint, person_key text)`,
      [JSON.stringify(responsible)],
    );
  }
  // A court's ENFORCEMENT_DEFAULT record finds its case by number, whichever came first (workflows/cases).
  const enforcement = written.filter(({ row }) => row.category === RecordCategory.ENFORCEMENT_DEFAULT);
  await linkCaseRecords(em, { recordIds: enforcement.map(({ row }) => idOf(row)), created });
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
