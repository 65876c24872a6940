import type { EntityManager } from '@mikro-orm/postgresql';
import { inJurisdiction, type Principal } from '../../../../auth/principal';
import { Role } from '../../../../auth/roles';
import { addDays } from '../../../../common/dates';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../../common/errors';
import { RecordNature, RecordStatus } from '../../enums';
import type { CreditPolicy } from '../../policy/credit-policy';
import { checkId, recordEvent, required, transition, WorkflowObjectType, type WorkflowSpec } from '../core/state-machine';
import { lockRecord, retireRecord } from '../record-effects';
import { notifyRecords } from '../../notifications/outbox';
import { WebhookEvent } from '../../notifications/webhook.entity';
import { RepairState } from './repair.entity';

export const REPAIR_WORKFLOW: WorkflowSpec<RepairState> = {
  objectType: WorkflowObjectType.REPAIR,
  table: 'records.repair_application',
  transitions: {
    [RepairState.SUBMITTED]: [RepairState.APPROVED, RepairState.REJECTED],
    [RepairState.APPROVED]: [],
    [RepairState.REJECTED]: [],
  },
};

/**
 * 信用修复. The subject (its own records) or the credit office on its behalf applies after
 * the minimum publicity period (`repairable_from`); the credit office of the jurisdiction
 * approves (the record becomes REPAIRED: out of public views, status, scores and the
 * listings resting only on it) or rejects with reasons.
 */
export class RepairService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly today: string,
    private readonly policy: CreditPolicy,
  ) {}

  async apply(recordId: string, evidenceText: string): Promise<string> {
    checkId(recordId, 'recordId');
    const evidence = required(evidenceText, 'evidence');
    return this.em.transactional(async (em) => {
      const record = await lockRecord(em, recordId);
      const own = this.viewer.role === Role.SUBJECT && !!this.selfKey && record?.subject_key === this.selfKey;
      const office = this.viewer.role === Role.CREDIT_OFFICE && !!record && inJurisdiction(this.viewer, record.subject_region);
      if (!record) throw new NotFoundError(`no record ${recordId}`);
      if (!own && !office) throw new ForbiddenError('only the subject itself or the credit office of its jurisdiction may apply');
      if (record.nature !== RecordNature.DISHONESTY) throw new InputError('only dishonesty records are repaired', { field: 'recordId' });
      if (record.status !== RecordStatus.ACTIVE) throw new ConflictError(`record ${recordId} is ${record.status}`, { state: record.status });
      if (this.today < record.repairable_from) {
        throw new InputError(`repair may be applied for from ${record.repairable_from} (minimum publicity period)`, {
          field: 'recordId',
          repairableFrom: record.repairable_from,
        });
      }
      const [open] = await em.execute(`SELECT id::text FROM records.repair_application WHERE record_id = ? AND state = 'SUBMITTED'`, [recordId]);
      if (open) throw new ConflictError(`record ${recordId} already has an open repair application ${open.id}`, { state: RepairState.SUBMITTED });
      const [row] = await em.execute(
        `INSERT INTO records.repair_application (record_id, subject_key, subject_region, evidence, applied_by, due_on)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id::text`,
        [recordId, record.subject_key, record.subject_region, evidence, this.viewer.sub, addDays(this.today, this.policy.workflows.repairDecisionDays)],
      );
      await recordEvent(em, WorkflowObjectType.REPAIR, row.id, null, RepairState.SUBMITTED, this.viewer, evidence);
      return row.id as string;
    });
  }

  /** APPROVED: the application and the record change in one transaction, or neither does. */
  async approve(id: string, reasonText: string): Promise<string> {
    const reason = required(reasonText, 'reason');
    return this.em.transactional(async (em) => {
      const { row } = await transition<RepairState, { state: RepairState; subject_region: string; record_id: string }>(em, REPAIR_WORKFLOW, {
        id, to: RepairState.APPROVED, actor: this.viewer, reason,
        authorize: (r) => this.authorizeDecision(r.subject_region),
        set: () => ({ decision_reason: reason, decided_by: this.viewer.sub }),
      });
      // Told before the record leaves the views: whoever could see it learns it was repaired.
      await notifyRecords(em, WebhookEvent.RECORD_REPAIRED, [String(row.record_id)], { day: this.today, extra: { repairApplicationId: id } });
      await retireRecord(em, String(row.record_id), RecordStatus.REPAIRED, this.viewer, `repair application ${id}: ${reason}`);
      return id;
    });
  }

  async reject(id: string, reasonText: string): Promise<string> {
    const reason = required(reasonText, 'reason');
    return this.em.transactional(async (em) => {
      await transition<RepairState, { state: RepairState; subject_region: string }>(em, REPAIR_WORKFLOW, {
        id, to: RepairState.REJECTED, actor: this.viewer, reason,
        authorize: (r) => this.authorizeDecision(r.subject_region),
        set: () => ({ decision_reason: reason, decided_by: this.viewer.sub }),
      });
      return id;
    });
  }

  private authorizeDecision(region: string) {
    if (this.viewer.role !== Role.CREDIT_OFFICE || !inJurisdiction(this.viewer, region)) {
      throw new ForbiddenError('only the credit office of the subject’s jurisdiction decides a repair');
    }
  }
}
