import type { EntityManager } from '@mikro-orm/postgresql';
import { creditOfficeDecides } from '../rules';
import { demand } from '../../../../auth/step-rights';
import { type Principal } from '../../../../auth/principal';
import { isIsoDate } from '../../../../common/dates';
import { checkEach, InputError, itemError, refuseInvalid } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { isYuan } from '../../../../common/money';
import type { DirectoryEntry, SubjectDirectory } from '../../../../common/subject-directory';
import { upsertBySource, type UpsertRow } from '../../../../db/idempotent-upsert';
import { SubjectKind } from '../../../../common/subject-kind';
import { SubmitOutcome } from '../../../../common/submission';
import { contentHash } from '../../../../common/submission';
import {
  recordEvent,
  required,
  transition,
  WorkflowObjectType,
  type WorkflowSpec,
} from '../../lifecycle/state-machine';
import { CaseResolution, GovernmentCaseState, type SubmitCaseResult } from './case.entity';
import { GovernmentCaseKind } from '../../enums';
import { resolveConsequences } from './case-records';
import { linkCaseRecords } from '../../findings/case-links';

export const CASE_WORKFLOW: WorkflowSpec<GovernmentCaseState> = {
  objectType: WorkflowObjectType.GOVERNMENT_CASE,
  table: 'records.government_case',
  transitions: { [GovernmentCaseState.OPEN]: [GovernmentCaseState.RESOLVED], [GovernmentCaseState.RESOLVED]: [] },
};

/**
 * Cases against government organs, institutions and the village and community bodies (村居) the
 * district plans track beside them (基层政务诚信) belong in the ledger; not enterprises or persons.
 */
export const CASE_SUBJECT_KINDS: ReadonlySet<SubjectKind> = new Set([
  SubjectKind.GOVERNMENT,
  SubjectKind.DEPARTMENT,
  SubjectKind.INSTITUTION,
  SubjectKind.TOWNSHIP,
  SubjectKind.COMMUNITY,
]);
export const MAX_CASE_BATCH = 500;

const CASE_COLUMNS: [string, string][] = [
  ['external_id', 'text'],
  ['subject_key', 'text'],
  ['subject_region', 'varchar(6)'],
  ['kind', 'text'],
  ['filed_on', 'date'],
  ['amount', 'numeric'],
  ['summary', 'text'],
  ['content_hash', 'text'],
];
const CASE_UPSERT = { table: 'records.government_case', columns: CASE_COLUMNS };

export interface CaseDraft {
  caseNo: string;
  subjectCode: string;
  kind: GovernmentCaseKind;
  filedOn: string;
  amount?: string | null;
  summary: string;
}

/** One case on its own (nothing here reads the database); throws the item's first problem. */
function checkCase(draft: CaseDraft, index: number, today: string): CaseDraft & { index: number } {
  const fail = (field: string, zh: string, en: string) => itemError({ index, field, message: bilingual(zh, en) });
  const caseNo = draft.caseNo?.trim();
  if (!caseNo) throw fail('caseNo', '不能为空', 'must not be empty');
  if (!isIsoDate(draft.filedOn) || draft.filedOn > today)
    throw fail('filedOn', '须为不晚于今天的日期', 'must be a date not after today');
  if (draft.amount != null && !isYuan(draft.amount))
    throw fail('amount', '须为以元计的金额（最多两位小数）', 'is a decimal in yuan');
  const summary = draft.summary?.trim();
  if (!summary) throw fail('summary', '不能为空', 'must not be empty');
  return { ...draft, caseNo, summary, index };
}

/** Every case of the batch checked, all invalid ones reported at once (common/errors.ts invalidItems). */
function checkCases(drafts: CaseDraft[], today: string): CaseDraft[] {
  const { valid, invalid } = checkEach(drafts, (draft, index) => checkCase(draft, index, today));
  const seen = new Map<string, number>();
  valid.forEach(({ index, caseNo }) => {
    const earlier = seen.get(caseNo);
    if (earlier !== undefined)
      invalid.push({
        index,
        field: 'caseNo',
        message: bilingual(`与 input[${earlier}] 重复`, `same as input[${earlier}]`),
      });
    else seen.set(caseNo, index);
  });
  refuseInvalid(invalid);
  return valid;
}

/** The ledger rows of the cases, with their subjects' keys and regions and a hash of the content. */
function caseRows(valid: CaseDraft[], subjects: DirectoryEntry[]): UpsertRow[] {
  return valid.map((d, i) => {
    const content = {
      external_id: d.caseNo,
      subject_key: subjects[i].key,
      kind: d.kind,
      filed_on: d.filedOn,
      amount: d.amount ?? null,
      summary: d.summary,
    };
    return { ...content, subject_region: subjects[i].regionCode, content_hash: contentHash(content) };
  });
}

/**
 * 涉府失信案件台账. Courts push their cases monthly (idempotent on case number: the same
 * content is UNCHANGED, new facts UPDATED without touching the state); the credit office of
 * the subject's jurisdiction records each resolution (OPEN → RESOLVED, with how and when).
 */
export class CaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly today: string,
    private readonly directory: SubjectDirectory,
  ) {}

  async submit(drafts: CaseDraft[]): Promise<SubmitCaseResult[]> {
    if (drafts.length > MAX_CASE_BATCH)
      throw new InputError(bilingual(`每次最多 ${MAX_CASE_BATCH} 件案件`, `at most ${MAX_CASE_BATCH} cases per call`), {
        field: 'input',
      });
    const valid = checkCases(drafts, this.today);
    if (valid.length === 0) return [];
    const subjects = await this.governmentSubjects(valid);
    return this.writeCases(valid, caseRows(valid, subjects));
  }

  /** Each case's subject (registered already); one of another kind (CASE_SUBJECT_KINDS) refuses its item. */
  private async governmentSubjects(valid: CaseDraft[]): Promise<DirectoryEntry[]> {
    const subjects = await this.directory.resolve(
      valid.map((d, index) => ({ code: d.subjectCode, path: { index, field: 'subjectCode' } })),
      { register: false },
    );
    refuseInvalid(
      subjects.flatMap((subject, index) =>
        CASE_SUBJECT_KINDS.has(subject.kind)
          ? []
          : [
              {
                index,
                field: 'subjectCode',
                message: bilingual(
                  `${subject.kind} 不是政府机关、事业单位或村（居）组织`,
                  `a ${subject.kind} is not a government organ, institution or village/community body`,
                ),
              },
            ],
      ),
    );
    return subjects;
  }

  /** Upserts the cases in one transaction; a new one starts OPEN with its event. */
  private writeCases(valid: CaseDraft[], rows: UpsertRow[]): Promise<SubmitCaseResult[]> {
    return this.em.transactional(async (em) => {
      const outcomes = await upsertBySource(
        em,
        CASE_UPSERT,
        { system: this.viewer.clientId, role: this.viewer.role },
        rows,
      );
      const written = [...outcomes.values()].filter((o) => o.outcome !== 'UNCHANGED').map((o) => o.id);
      await linkCaseRecords(em, { caseIds: written });
      for (const d of valid) {
        const { id, outcome } = outcomes.get(d.caseNo)!;
        if (outcome === 'CREATED')
          await recordEvent(
            em,
            WorkflowObjectType.GOVERNMENT_CASE,
            id,
            null,
            GovernmentCaseState.OPEN,
            this.viewer,
            d.caseNo,
          );
      }
      return valid.map((d, index) => ({
        index,
        caseNo: d.caseNo,
        outcome: outcomes.get(d.caseNo)!.outcome as SubmitOutcome,
        caseId: outcomes.get(d.caseNo)!.id,
      }));
    });
  }

  /**
   * OPEN → RESOLVED on `resolvedOn` (default today; between filing and today): it leaves the stock that month; in the
   * same transaction its warnings close and its linked records retire by the resolution (case-records.ts).
   */
  resolve(id: string, how: CaseResolution, note: string, resolvedOn?: string | null) {
    const text = required(note, 'note');
    const day = resolvedOn ?? this.today;
    if (!isIsoDate(day) || day > this.today)
      throw new InputError(bilingual('resolvedOn 须为不晚于今天的日期', 'resolvedOn must be a date not after today'), {
        field: 'resolvedOn',
      });
    return this.em.transactional(async (em) => {
      await transition<GovernmentCaseState, { state: GovernmentCaseState; subject_region: string; filed_on: string }>(
        em,
        CASE_WORKFLOW,
        {
          id,
          to: GovernmentCaseState.RESOLVED,
          actor: this.viewer,
          reason: `${how}: ${text}`,
          authorize: (row) => demand(creditOfficeDecides, this.viewer, row),
          set: (row) => {
            if (day < row.filed_on)
              throw new InputError(bilingual('resolvedOn 早于立案日期', 'resolvedOn is before the filing date'), {
                field: 'resolvedOn',
              });
            return { resolution: how, resolution_note: text, resolved_on: day };
          },
        },
      );
      const deps = { directory: this.directory, today: this.today };
      await resolveConsequences(em, deps, { caseId: id, how, note: text, actor: this.viewer });
      return id;
    });
  }
}
