import type { EntityManager } from '@mikro-orm/postgresql';
import { creditOfficeDecides } from '../rules';
import { demand } from '../../../../auth/step-rights';
import { type Principal } from '../../../../auth/principal';
import { addDays, HUB_TIME_ZONE } from '../../../../common/dates';
import { ConflictError, InputError, NotFoundError, RateLimitedError } from '../../../../common/errors';
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

const MAX_TITLE = 200;
const MAX_CONTENT = 5000;
const MAX_CONTACT = 200;

export interface ComplaintDraft {
  subjectCode: string;
  title: string;
  content: string;
  reporterContact?: string | null;
}

export interface ComplaintRecordDraft {
  category: RecordCategory;
  domain: RecordDomain;
  severity: Severity;
  disclosure: Disclosure;
  title?: string | null;
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

function bounded(value: string | null | undefined, field: string, max: number): string {
  const text = required(value, field);
  if (text.length > max)
    throw new InputError(bilingual(`${field} 不能超过 ${max} 个字符`, `${field} is longer than ${max} characters`), {
      field,
    });
  return text;
}

/**
 * 投诉举报. Anyone reports (PUBLIC included), capped per subject and day and, for
 * authenticated clients, per client and day; the credit office of the subject's
 * jurisdiction assigns, verifies or rejects, closes, and turns a verified complaint into one
 * dishonesty record (external id `complaint:<id>`, so a retry creates nothing more).
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

  async report(draft: ComplaintDraft): Promise<{ id: string; dueOn: string }> {
    const title = bounded(draft.title, 'title', MAX_TITLE);
    const content = bounded(draft.content, 'content', MAX_CONTENT);
    const contact = draft.reporterContact?.trim() || null;
    if (contact && contact.length > MAX_CONTACT)
      throw new InputError(
        bilingual(
          `reporterContact 不能超过 ${MAX_CONTACT} 个字符`,
          `reporterContact is longer than ${MAX_CONTACT} characters`,
        ),
        { field: 'reporterContact' },
      );
    const [subject] = await this.directory.resolve(
      [{ code: draft.subjectCode, path: { index: 0, field: 'subjectCode' } }],
      { register: false },
    );
    if (subject.kind === SubjectKind.ENTERPRISE)
      throw new InputError(
        bilingual(
          '此处投诉举报针对政务失信，不受理对企业的投诉',
          'complaints here concern government dishonesty, not enterprises',
        ),
        { field: 'subjectCode' },
      );
    const dueOn = addDays(this.today, this.policy.workflows.complaintHandlingDays);
    return this.em.transactional(async (em) => {
      await this.checkCap(em, 'subject_key', subject.key, this.policy.workflows.complaintsPerSubjectPerDay);
      if (this.viewer.authenticated)
        await this.checkCap(em, 'reporter_sub', this.viewer.clientId, this.policy.workflows.complaintsPerClientPerDay);
      const [row] = await em.execute(
        `INSERT INTO records.complaint (subject_key, subject_region, title, content, reporter_contact, reporter_sub, reporter_role, due_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id::text`,
        [subject.key, subject.regionCode, title, content, contact, this.viewer.clientId, this.viewer.role, dueOn],
      );
      await recordEvent(em, WorkflowObjectType.COMPLAINT, row.id, null, ComplaintState.SUBMITTED, this.viewer, title);
      return { id: row.id as string, dueOn };
    });
  }

  /**
   * Daily cap, serialised per key with a transaction-scoped advisory lock so racing reports cannot both slip under it.
   */
  private async checkCap(em: EntityManager, column: 'subject_key' | 'reporter_sub', value: string, cap: number) {
    await em.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`complaint:${column}:${value}`]);
    const [row] = await em.execute(
      `SELECT count(*)::int AS n FROM records.complaint WHERE ${column} = ? AND (created_at AT TIME ZONE ?)::date = ?::date`,
      [value, HUB_TIME_ZONE, this.today],
    );
    if (row.n >= cap)
      throw new RateLimitedError(
        bilingual(
          `每个${column === 'subject_key' ? '主体' : '客户系统'}每天最多 ${cap} 件投诉举报`,
          `at most ${cap} complaints per ${column === 'subject_key' ? 'subject' : 'client'} and day`,
        ),
        { limit: cap },
      );
  }

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

  verify(id: string, finding: string) {
    const text = required(finding, 'finding');
    return this.step(id, ComplaintState.VERIFIED, text, { finding: text });
  }

  reject(id: string, finding: string) {
    const text = required(finding, 'finding');
    return this.step(id, ComplaintState.REJECTED, text, { finding: text });
  }

  close(id: string, note: string) {
    const text = required(note, 'note');
    return this.step(id, ComplaintState.CLOSED, text, { closing_note: text });
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
