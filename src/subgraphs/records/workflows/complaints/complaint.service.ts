import type { EntityManager } from '@mikro-orm/postgresql';
import { creditOfficeDecides } from '../rules';
import { demand } from '../../../../auth/step-rights';
import { type Principal } from '../../../../auth/principal';
import { ConflictError, InputError, NotFoundError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import type { SubjectDirectory } from '../../../../common/subject-directory';
import { SubjectKind } from '../../../../common/subject-kind';
import { Disclosure, RecordCategory, RecordDomain, RecordNature, Severity } from '../../enums';
import type { CreditPolicy } from '../../policy/credit-policy';
import type { EvaluationConfig } from '../../policy/evaluation-config';
import { writeDerivedRecord } from '../../findings/record-row';
import {
  checkId,
  recordEvent,
  required,
  transition,
  WorkflowObjectType,
  type WorkflowSpec,
} from '../../lifecycle/state-machine';
import { ComplaintState } from './complaint.entity';

export const COMPLAINT_WORKFLOW: WorkflowSpec<ComplaintState> = {
  objectType: WorkflowObjectType.COMPLAINT,
  table: 'records.complaint',
  transitions: {
    [ComplaintState.SUBMITTED]: [ComplaintState.ASSIGNED],
    [ComplaintState.ASSIGNED]: [ComplaintState.VERIFIED, ComplaintState.REJECTED],
    [ComplaintState.VERIFIED]: [ComplaintState.CLOSED],
    [ComplaintState.REJECTED]: [ComplaintState.CLOSED],
    [ComplaintState.CLOSED]: [],
  },
};

export interface ComplaintRecordDraft {
  category: RecordCategory;
  domain: RecordDomain;
  severity: Severity;
  disclosure: Disclosure;
  title?: string | null;
}

const MAX_ANSWER = 5000;

/** The column set by a step that releases an answer to the reporter; none when the step gives none. */
function answerToReporter(answer: string | null | undefined): { answer_to_reporter?: string } {
  if (answer === null || answer === undefined) return {};
  const text = required(answer, 'answerToReporter');
  if (text.length > MAX_ANSWER)
    throw new InputError(
      bilingual(
        `answerToReporter 不能超过 ${MAX_ANSWER} 个字符`,
        `answerToReporter is longer than ${MAX_ANSWER} characters`,
      ),
      { field: 'answerToReporter' },
    );
  return { answer_to_reporter: text };
}

interface ComplaintRow {
  state: ComplaintState;
  subject_key: string;
  subject_region: string;
  title: string;
  content: string;
  finding: string | null;
  record_id: string | null;
}

/**
 * 投诉举报 after the report (complaint-intake.ts): the credit office of the subject's
 * jurisdiction assigns, verifies or rejects, closes, and turns a verified complaint into one
 * dishonesty record (external id `complaint:<id>`, so a retry creates nothing more). Verifying,
 * rejecting and closing may release an answer to the reporter (`answer_to_reporter`, read with the
 * receipt); a step without one keeps the answer released before.
 */
export class ComplaintService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly today: string,
    private readonly policy: CreditPolicy,
    private readonly directory: SubjectDirectory,
    private readonly evaluation: EvaluationConfig,
  ) {}

  async assign(id: string, handlingUnitCode: string, note?: string | null) {
    const [unit] = await this.directory.resolve(
      [{ code: required(handlingUnitCode, 'handlingUnitCode'), path: { index: 0, field: 'handlingUnitCode' } }],
      { register: false },
    );
    if (unit.kind === SubjectKind.ENTERPRISE || unit.kind === SubjectKind.PUBLIC_SERVANT)
      throw new InputError(bilingual('投诉举报须交由政府单位办理', 'complaints are assigned to a government unit'), {
        field: 'handlingUnitCode',
      });
    return this.step(id, ComplaintState.ASSIGNED, note?.trim() || null, {
      handling_unit_code: handlingUnitCode.trim(),
    });
  }

  verify(id: string, finding: string, answer?: string | null) {
    const text = required(finding, 'finding');
    return this.step(id, ComplaintState.VERIFIED, text, { finding: text, ...answerToReporter(answer) });
  }

  reject(id: string, finding: string, answer?: string | null) {
    const text = required(finding, 'finding');
    return this.step(id, ComplaintState.REJECTED, text, { finding: text, ...answerToReporter(answer) });
  }

  close(id: string, note: string, answer?: string | null) {
    const text = required(note, 'note');
    return this.step(id, ComplaintState.CLOSED, text, { closing_note: text, ...answerToReporter(answer) });
  }

  /**
   * One dishonesty record from a VERIFIED complaint, in one transaction with the link and an
   * event. Retry-safe: the locked row already links a record → that record, nothing new.
   */
  async toRecord(id: string, draft: ComplaintRecordDraft): Promise<string> {
    checkId(id);
    if (draft.category === RecordCategory.COMMENDATION)
      throw new InputError(bilingual('投诉举报只能转为失信记录', 'a complaint becomes a dishonesty record'), {
        field: 'category',
      });
    return this.em.transactional(async (em) => {
      const [row] = (await em.execute('SELECT * FROM records.complaint WHERE id = ? FOR UPDATE', [
        id,
      ])) as ComplaintRow[];
      if (!row) throw new NotFoundError(bilingual(`没有投诉举报 ${id}`, `no complaint ${id}`));
      demand(creditOfficeDecides, this.viewer, row);
      if (row.record_id) return id;
      if (row.state !== ComplaintState.VERIFIED)
        throw new ConflictError(
          bilingual(
            `投诉举报 ${id} 当前为 ${row.state} 状态：只有经核实（VERIFIED）的投诉举报可以转为信用记录`,
            `complaint ${id} is ${row.state}: only a VERIFIED complaint becomes a record`,
          ),
          {
            state: row.state,
          },
        );
      const record = await writeDerivedRecord(
        em,
        { system: this.viewer.clientId, role: this.viewer.role },
        this.policy,
        {
          subjectKey: row.subject_key,
          subjectRegion: row.subject_region,
          externalId: `complaint:${id}`,
          nature: RecordNature.DISHONESTY,
          category: draft.category,
          domain: draft.domain,
          severity: draft.severity,
          title: draft.title?.trim() || row.title,
          details: `${row.content}\n核查：${row.finding ?? ''}`,
          legalBasis: null,
          documentNo: null,
          decidedAt: this.today,
          decidingAuthorityCode: this.viewer.org ?? null,
          disclosure: draft.disclosure,
        },
        { directory: this.directory, config: this.evaluation, today: this.today },
      );
      await em.execute('UPDATE records.complaint SET record_id = ?, updated_at = now() WHERE id = ?', [record.id, id]);
      await recordEvent(em, WorkflowObjectType.COMPLAINT, id, row.state, row.state, this.viewer, `record ${record.id}`);
      return id;
    });
  }

  private step(id: string, to: ComplaintState, reason: string | null, columns: Record<string, unknown>) {
    return this.em.transactional(async (em) => {
      await transition<ComplaintState, ComplaintRow>(em, COMPLAINT_WORKFLOW, {
        id,
        to,
        actor: this.viewer,
        reason,
        authorize: (row) => demand(creditOfficeDecides, this.viewer, row),
        set: () => columns,
      });
      return id;
    });
  }
}
