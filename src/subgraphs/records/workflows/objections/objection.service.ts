import type { EntityManager } from '@mikro-orm/postgresql';
import { actsForSubject, decidesObjection } from '../rules';
import { demand } from '../../../../auth/step-rights';
import { type Principal } from '../../../../auth/principal';
import { addDays } from '../../../../common/dates';
import { ConflictError, InputError, NotFoundError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { RecordStatus } from '../../enums';
import type { CreditPolicy } from '../../policy/credit-policy';
import {
  checkId,
  recordEvent,
  required,
  transition,
  WorkflowObjectType,
  type WorkflowSpec,
} from '../../lifecycle/state-machine';
import { lockRecord, retireRecord } from '../record-effects';
import { correctRecord, type RecordCorrection } from './correction';
import { ObjectionState } from '../../enums';

export const OBJECTION_WORKFLOW: WorkflowSpec<ObjectionState> = {
  objectType: WorkflowObjectType.OBJECTION,
  table: 'records.objection',
  transitions: {
    [ObjectionState.FILED]: [ObjectionState.UPHELD, ObjectionState.CORRECTED, ObjectionState.REVOKED],
    [ObjectionState.UPHELD]: [],
    [ObjectionState.CORRECTED]: [],
    [ObjectionState.REVOKED]: [],
  },
};

interface ObjectionRow {
  state: ObjectionState;
  record_id: string;
  subject_region: string;
  record_source_system: string;
  record_authority_code: string | null;
}

export const MAX_ATTACHMENT_REFS = 20;

/**
 * 异议. The subject (its own records) or the credit office files; the record is disputed
 * until the deciding authority — the system that pushed it, the authority that decided it,
 * or the credit office of the jurisdiction — upholds, corrects or revokes it.
 */
export class ObjectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly today: string,
    private readonly policy: CreditPolicy,
  ) {}

  async file(recordId: string, reasonsText: string, attachmentRefs?: string[] | null): Promise<string> {
    checkId(recordId, 'recordId');
    const reasons = required(reasonsText, 'reasons');
    const refs = (attachmentRefs ?? []).map((r) => r.trim()).filter(Boolean);
    if (refs.length > MAX_ATTACHMENT_REFS)
      throw new InputError(
        bilingual(`最多 ${MAX_ATTACHMENT_REFS} 个附件引用`, `at most ${MAX_ATTACHMENT_REFS} attachment references`),
        { field: 'attachmentRefs' },
      );
    return this.em.transactional(async (em) => {
      const record = await lockRecord(em, recordId);
      if (!record) throw new NotFoundError(bilingual(`没有信用记录 ${recordId}`, `no record ${recordId}`));
      const subject = { selfKey: this.selfKey, subjectKey: record.subject_key, region: record.subject_region };
      demand(actsForSubject, this.viewer, subject);
      if (record.status !== RecordStatus.ACTIVE)
        throw new ConflictError(
          bilingual(`信用记录 ${recordId} 当前为 ${record.status} 状态`, `record ${recordId} is ${record.status}`),
          { state: record.status },
        );
      const [open] = await em.execute(
        `SELECT id::text FROM records.objection WHERE record_id = ? AND state = 'FILED'`,
        [recordId],
      );
      if (open)
        throw new ConflictError(
          bilingual(
            `信用记录 ${recordId} 已有未办结的异议申请 ${open.id}`,
            `record ${recordId} already has an open objection ${open.id}`,
          ),
          {
            state: ObjectionState.FILED,
          },
        );
      const [row] = await em.execute(
        `INSERT INTO records.objection (record_id, subject_key, subject_region, record_source_system, record_authority_code, reasons, attachment_refs, filed_by, due_on)
         VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id::text`,
        [
          recordId,
          record.subject_key,
          record.subject_region,
          record.source_system,
          record.deciding_authority_code,
          reasons,
          JSON.stringify(refs),
          this.viewer.clientId,
          addDays(this.today, this.policy.workflows.objectionResponseDays),
        ],
      );
      await recordEvent(em, WorkflowObjectType.OBJECTION, row.id, null, ObjectionState.FILED, this.viewer, reasons);
      return row.id as string;
    });
  }

  uphold(id: string, decision: string) {
    return this.decide(id, ObjectionState.UPHELD, decision, async () => undefined);
  }

  revoke(id: string, decision: string) {
    return this.decide(id, ObjectionState.REVOKED, decision, (em, row, text) =>
      retireRecord(em, String(row.record_id), RecordStatus.REVOKED, this.viewer, `objection ${id}: ${text}`),
    );
  }

  correct(id: string, decision: string, correction: RecordCorrection) {
    return this.decide(id, ObjectionState.CORRECTED, decision, (em, row, text) =>
      correctRecord(
        em,
        String(row.record_id),
        correction,
        this.viewer,
        this.policy,
        this.today,
        `objection ${id}: ${text}`,
      ),
    );
  }

  /** The objection's step and its effect on the record commit together, or not at all. */
  private async decide(
    id: string,
    to: ObjectionState,
    decisionText: string,
    effect: (em: EntityManager, row: ObjectionRow, text: string) => Promise<void>,
  ) {
    const decision = required(decisionText, 'decision');
    return this.em.transactional(async (em) => {
      const { row } = await transition<ObjectionState, ObjectionRow>(em, OBJECTION_WORKFLOW, {
        id,
        to,
        actor: this.viewer,
        reason: decision,
        authorize: (r) => demand(decidesObjection, this.viewer, r),
        set: () => ({ decision, decided_by: this.viewer.clientId }),
      });
      await effect(em, row, decision);
      return id;
    });
  }
}
