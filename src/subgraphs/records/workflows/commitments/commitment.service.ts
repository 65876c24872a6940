import type { EntityManager } from '@mikro-orm/postgresql';
import { commitsForSubject, declaresCommitmentOutcome, registersCommitmentKind } from '../rules';
import { demand } from '../../../../auth/step-rights';
import { type Principal } from '../../../../auth/principal';
import { isIsoDate } from '../../../../common/dates';
import { InputError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { isYuan } from '../../../../common/money';
import type { SubjectDirectory } from '../../../../common/subject-directory';
import { Disclosure, RecordNature, Severity } from '../../enums';
import type { CreditPolicy } from '../../policy/credit-policy';
import type { EvaluationConfig } from '../../policy/evaluation-config';
import { writeDerivedRecord } from '../../findings/record-row';
import {
  recordEvent,
  required,
  transition,
  WorkflowObjectType,
  type WorkflowSpec,
} from '../../lifecycle/state-machine';
import { CommitmentKind, CommitmentState } from './commitment.entity';
import { BREACH_RECORD } from './commitment.scope';

export const COMMITMENT_WORKFLOW: WorkflowSpec<CommitmentState> = {
  objectType: WorkflowObjectType.COMMITMENT,
  table: 'records.commitment',
  transitions: {
    [CommitmentState.PENDING]: [CommitmentState.FULFILLED, CommitmentState.BREACHED, CommitmentState.CHANGED],
    [CommitmentState.FULFILLED]: [],
    [CommitmentState.BREACHED]: [],
    [CommitmentState.CHANGED]: [],
  },
};

export interface CommitmentDraft {
  subjectCode: string;
  kind: CommitmentKind;
  title: string;
  content: string;
  counterpartyCode?: string | null;
  counterpartyName?: string | null;
  amount?: string | null;
  dueOn: string;
  disclosure: Disclosure;
}

interface CommitmentRow {
  state: CommitmentState;
  subject_key: string;
  subject_region: string;
  kind: CommitmentKind;
  title: string;
  content: string;
  disclosure: Disclosure;
  registered_by: string;
}

/**
 * 守信践诺. Registered by the credit office, the investment-promotion or procurement system
 * (their kinds, in their jurisdiction) or the subject itself; the outcome is declared by the
 * registering system (not a SUBJECT: nobody judges its own promise) or the credit office.
 */
export class CommitmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly today: string,
    private readonly policy: CreditPolicy,
    private readonly directory: SubjectDirectory,
    private readonly evaluation: EvaluationConfig,
  ) {}

  async register(draft: CommitmentDraft): Promise<string> {
    demand(registersCommitmentKind, this.viewer, { kind: draft.kind });
    const title = required(draft.title, 'title');
    const content = required(draft.content, 'content');
    if (!isIsoDate(draft.dueOn))
      throw new InputError(bilingual('dueOn 须为日期', 'dueOn must be a date'), { field: 'dueOn' });
    if (draft.disclosure === Disclosure.RESTRICTED)
      throw new InputError(
        bilingual('公开承诺的公开范围须为 PUBLIC 或 GOVERNMENT', 'a public commitment is PUBLIC or GOVERNMENT'),
        { field: 'disclosure' },
      );
    if (draft.amount != null && !isYuan(draft.amount))
      throw new InputError(bilingual('amount 须为以元计的金额', 'amount is a decimal in yuan'), { field: 'amount' });
    if (draft.kind === CommitmentKind.INVESTMENT_CONTRACT && !draft.counterpartyCode?.trim()) {
      throw new InputError(bilingual('招商引资合同须写明合同相对方', 'an investment contract names its counterparty'), {
        field: 'counterpartyCode',
      });
    }
    const [subject] = await this.directory.resolve(
      [{ code: draft.subjectCode, path: { index: 0, field: 'subjectCode' } }],
      { register: false },
    );
    demand(commitsForSubject, this.viewer, {
      selfKey: this.selfKey,
      subjectKey: subject.key,
      region: subject.regionCode,
    });
    return this.em.transactional(async (em) => {
      const [row] = await em.execute(
        `INSERT INTO records.commitment (subject_key, subject_region, kind, title, content, counterparty_code, counterparty_name, amount, due_on, disclosure, registered_by, registered_role)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id::text`,
        [
          subject.key,
          subject.regionCode,
          draft.kind,
          title,
          content,
          draft.counterpartyCode?.trim() || null,
          draft.counterpartyName?.trim() || null,
          draft.amount ?? null,
          draft.dueOn,
          draft.disclosure,
          this.viewer.clientId,
          this.viewer.role,
        ],
      );
      await recordEvent(em, WorkflowObjectType.COMMITMENT, row.id, null, CommitmentState.PENDING, this.viewer, title);
      return row.id as string;
    });
  }

  fulfil(id: string, note: string) {
    return this.step(id, CommitmentState.FULFILLED, required(note, 'note'), (text) => ({ outcome_note: text }));
  }

  /** A lawful change (依法变更) needs its legal basis and the compensation granted. */
  change(id: string, legalBasis: string, compensation: string) {
    const basis = required(legalBasis, 'legalBasis');
    const paid = required(compensation, 'compensation');
    return this.step(id, CommitmentState.CHANGED, `${basis}; ${paid}`, () => ({
      change_legal_basis: basis,
      compensation: paid,
    }));
  }

  /**
   * BREACHED, and in the same transaction the dishonesty record on the committing subject,
   * pushed as the declaring system under external id `commitment:<id>` — exactly one.
   */
  breach(id: string, note: string, severity: Severity = Severity.GENERAL) {
    const text = required(note, 'note');
    return this.step(id, CommitmentState.BREACHED, text, async (_text, row, em) => {
      const mapping = BREACH_RECORD[row.kind];
      const record = await writeDerivedRecord(
        em,
        { system: this.viewer.clientId, role: this.viewer.role },
        this.policy,
        {
          subjectKey: row.subject_key,
          subjectRegion: row.subject_region,
          externalId: `commitment:${id}`,
          nature: RecordNature.DISHONESTY,
          category: mapping.category,
          domain: mapping.domain,
          severity,
          title: `未践行承诺：${row.title}`,
          details: `${row.content}\n${text}`,
          legalBasis: null,
          documentNo: null,
          decidedAt: this.today,
          decidingAuthorityCode: this.viewer.org ?? null,
          disclosure: row.disclosure,
        },
        { directory: this.directory, config: this.evaluation, today: this.today },
      );
      return { outcome_note: text, breach_record_id: record.id };
    });
  }

  private step(
    id: string,
    to: CommitmentState,
    reason: string,
    set: (
      text: string,
      row: CommitmentRow,
      em: EntityManager,
    ) => Record<string, unknown> | Promise<Record<string, unknown>>,
  ) {
    return this.em.transactional(async (em) => {
      await transition<CommitmentState, CommitmentRow>(em, COMMITMENT_WORKFLOW, {
        id,
        to,
        actor: this.viewer,
        reason,
        authorize: (row) => demand(declaresCommitmentOutcome, this.viewer, row),
        set: (row) => set(reason, row, em),
      });
      return id;
    });
  }
}
