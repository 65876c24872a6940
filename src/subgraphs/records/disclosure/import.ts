import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { ForbiddenError, InputError, invalidItemsOf, textOf, type InvalidItem } from '../../../common/errors';
import type { SubjectDirectory } from '../../../common/subject-directory';
import type { SubjectKeys } from '../../../identity/subject-keys';
import { SubjectKind } from '../../../common/subject-kind';
import { RecordCategory } from '../enums';
import { SubmitOutcome } from '../../../common/submission';
import type { CreditPolicy } from '../policy/credit-policy';
import { mayPush } from '../findings/push-scope';
import { RecordSubmission } from '../findings/record.service';
import { MAX_RECORD_BATCH } from '../findings/record.validation';
import type { SgsKey, SgsRow } from './items';
import { mapPenaltyRow, type MappedPenalty } from './mapping';
import { labelled, RowError } from './row-checks';
import { bilingual, DEFAULT_LANGUAGE, inLanguage, type Bilingual, type Language } from '../../../common/language';
import type { EvaluationConfig } from '../policy/evaluation-config';

export enum PenaltyImportOutcome {
  IMPORTED = 'IMPORTED',
  UNCHANGED = 'UNCHANGED',
  UPDATED = 'UPDATED',
  REJECTED = 'REJECTED',
}

export interface PenaltyRowReport {
  /** Row number in the caller's file (header = row 1) or position in the mutation's list (from 1). */
  row: number;
  outcome: PenaltyImportOutcome;
  decisionNo: string | null;
  recordId: string | null;
  /** The item at fault, when one is (null for whole-row problems). */
  item: SgsKey | null;
  /** Why the row was rejected, in the caller's language. */
  error: string | null;
}

export interface PenaltyRowIn {
  row: number;
  items: Partial<SgsRow>;
}

const OUTCOME: Record<SubmitOutcome, PenaltyImportOutcome> = {
  [SubmitOutcome.CREATED]: PenaltyImportOutcome.IMPORTED,
  [SubmitOutcome.UPDATED]: PenaltyImportOutcome.UPDATED,
  [SubmitOutcome.UNCHANGED]: PenaltyImportOutcome.UNCHANGED,
};

/** Record fields submitRecords names in its errors, and the 双公示 item they come from. */
const ITEM_OF_FIELD: Record<string, SgsKey> = {
  'subject.name': 'cf_xdr_mc',
  'subject.kind': 'cf_xdr_shxym',
  'subject.regionCode': 'cf_xdr_shxym',
  'subject.code': 'cf_xdr_shxym',
  externalId: 'cf_wsh',
  documentNo: 'cf_wsh',
  title: 'cf_wfxw',
  details: 'cf_sy',
  legalBasis: 'cf_yj',
  decidedAt: 'cf_jdrq',
  decidingAuthorityCode: 'cf_cfjgdm',
};

/** A rejected row's report, its reason (after the item's label, when there is one) in `language`. */
function rejected(
  language: Language,
  row: number,
  decisionNo: string | null,
  item: SgsKey | null,
  reason: Bilingual,
): PenaltyRowReport {
  const error = inLanguage(reason, language);
  return { row, outcome: PenaltyImportOutcome.REJECTED, decisionNo, recordId: null, item, error };
}

const UNREGISTERED_PERSON = labelled(
  'cf_xdr_zjhm',
  bilingual(
    '不是已登记的公务员；平台不归集其他自然人',
    'not a registered civil servant; the hub keeps no other natural persons',
  ),
);

/**
 * Imports 双公示 penalty rows as records through the one write path, RecordSubmission
 * (submitRecords): idempotent on (importing system, decision number). Invalid rows are
 * reported, not written, and do not stop the others; valid rows are written in batches of
 * at most MAX_RECORD_BATCH, each batch all-or-nothing. A row the write path refuses (say, a
 * subject the registry will not register) is taken out and its batch written again without it.
 * One instance remembers the decision numbers it has seen, so a file naming one twice is
 * caught across batches. Row reports are in `language` (the caller's: importPenalties, the CLI).
 */
export class PenaltyImport {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly open: () => { em: EntityManager; directory: SubjectDirectory },
    private readonly keys: SubjectKeys,
    private readonly policy: CreditPolicy,
    private readonly today: string,
    private readonly evaluation: EvaluationConfig,
    private readonly language: Language = DEFAULT_LANGUAGE,
  ) {}

  async importRows(viewer: Principal, rows: PenaltyRowIn[], batchSize = MAX_RECORD_BATCH): Promise<PenaltyRowReport[]> {
    const reports = new Map<number, PenaltyRowReport>();
    const valid: { row: number; mapped: MappedPenalty }[] = [];
    for (const { row, items } of rows) {
      const report = this.check(viewer, row, items);
      if ('outcome' in report) reports.set(row, report);
      else valid.push({ row, mapped: report });
    }
    const { em, directory } = this.open();
    for (const { row, mapped } of await this.unregisteredPersons(directory, valid)) {
      reports.set(row, rejected(this.language, row, mapped.decisionNo, 'cf_xdr_zjhm', UNREGISTERED_PERSON));
    }
    const writable = valid.filter(({ row }) => !reports.has(row));
    const size = Math.max(1, Math.min(batchSize, MAX_RECORD_BATCH));
    for (let start = 0; start < writable.length; start += size) {
      for (const report of await this.writeBatch(em, directory, viewer, writable.slice(start, start + size)))
        reports.set(report.row, report);
    }
    return rows.map(({ row }) => reports.get(row)!);
  }

  private check(viewer: Principal, row: number, items: Partial<SgsRow>): PenaltyRowReport | MappedPenalty {
    let mapped: MappedPenalty;
    try {
      mapped = mapPenaltyRow(items, this.today);
    } catch (error) {
      if (error instanceof RowError)
        return rejected(this.language, row, (items.cf_wsh ?? '').trim() || null, error.item, error.text);
      throw error;
    }
    const { decisionNo, record } = mapped;
    if (!mayPush(viewer.role, RecordCategory.ADMINISTRATIVE_PENALTY, record.domain)) {
      const outside = bilingual(
        `领域为 ${record.domain}（由违法行为类型及处罚依据判定）的处罚超出 ${viewer.role} 可报送的范围`,
        `a penalty in domain ${record.domain} (from the offence and its legal basis) is outside what ${viewer.role} may push`,
      );
      return rejected(this.language, row, decisionNo, 'cf_wfxw', labelled('cf_wfxw', outside));
    }
    const earlier = this.seen.get(decisionNo);
    if (earlier !== undefined)
      return rejected(
        this.language,
        row,
        decisionNo,
        'cf_wsh',
        labelled(
          'cf_wsh',
          bilingual(`“${decisionNo}”已见于第 ${earlier} 行`, `"${decisionNo}" already in row ${earlier}`),
        ),
      );
    this.seen.set(decisionNo, row);
    return mapped;
  }

  /**
   * The hub keeps natural persons only as registered civil servants: it does not register others from a penalty file.
   */
  private async unregisteredPersons(directory: SubjectDirectory, valid: { row: number; mapped: MappedPenalty }[]) {
    const persons = valid
      .filter(({ mapped }) => mapped.naturalPerson)
      .map((item) => ({ ...item, keys: this.keys.identify(item.mapped.record.subject.code).keys }));
    if (persons.length === 0) return [];
    const found = new Map((await directory.lookup(persons.flatMap((p) => p.keys))).map((entry) => [entry.key, entry]));
    return persons.filter((person) => !person.keys.some((key) => found.get(key)?.kind === SubjectKind.PUBLIC_SERVANT));
  }

  private async writeBatch(
    em: EntityManager,
    directory: SubjectDirectory,
    viewer: Principal,
    batch: { row: number; mapped: MappedPenalty }[],
  ): Promise<PenaltyRowReport[]> {
    const reports: PenaltyRowReport[] = [];
    let pending = batch;
    while (pending.length > 0) {
      try {
        const results = await new RecordSubmission(em, directory, this.policy, this.today, this.evaluation).submit(
          viewer,
          pending.map(({ mapped }) => mapped.record),
        );
        return reports.concat(
          results.map((result) => {
            const { row, mapped } = pending[result.index];
            return {
              row,
              outcome: OUTCOME[result.outcome],
              decisionNo: mapped.decisionNo,
              recordId: result.recordId,
              item: null,
              error: null,
            };
          }),
        );
      } catch (error) {
        const invalid = rejectedItems(error, pending.length);
        if (!invalid) throw error;
        for (const { index, field = '', message } of invalid) {
          const reason = textOf(message);
          const { row, mapped } = pending[index];
          const item =
            mapped.naturalPerson && field.startsWith('subject.') ? 'cf_xdr_zjhm' : (ITEM_OF_FIELD[field] ?? null);
          reports.push(rejected(this.language, row, mapped.decisionNo, item, item ? labelled(item, reason) : reason));
        }
        const refused = new Set(invalid.map((item) => item.index));
        pending = pending.filter((_, i) => !refused.has(i));
      }
    }
    return reports;
  }
}

/**
 * The batch items a push refused (every one of them: common/errors.ts invalidItems), or
 * undefined when the error is not about items of this batch (then it is the import's error).
 */
function rejectedItems(error: unknown, batchSize: number): InvalidItem[] | undefined {
  if (!(error instanceof InputError || error instanceof ForbiddenError)) return undefined;
  const all = invalidItemsOf(error) ?? [];
  if (all.length === 0 || all.some((item) => item.index >= batchSize)) return undefined;
  return all;
}

/** Rows per outcome. */
export function countOutcomes(reports: readonly PenaltyRowReport[]): Record<PenaltyImportOutcome, number> {
  const counts = { IMPORTED: 0, UPDATED: 0, UNCHANGED: 0, REJECTED: 0 } as Record<PenaltyImportOutcome, number>;
  for (const report of reports) counts[report.outcome]++;
  return counts;
}
