import type { EntityManager } from '@mikro-orm/postgresql';
import { creditOfficeDecides } from '../rules';
import { actsForSubject } from '../../findings/rules';
import { demand } from '../../../../auth/step-rights';
import { type Principal } from '../../../../auth/principal';
import { addDays } from '../../../../common/dates';
import { ConflictError, InputError, NotFoundError } from '../../../../common/errors';
import { bilingual, type Bilingual } from '../../../../common/language';
import { RecordNature, RecordStatus, Severity } from '../../enums';
import { endListing, lockListing } from '../../lists/listing.service';
import { publicityWindow } from '../../policy/publicity';
import type { CreditPolicy } from '../../policy/credit-policy';
import {
  checkId,
  recordEvent,
  required,
  transition,
  WorkflowObjectType,
  type WorkflowSpec,
} from '../../lifecycle/state-machine';
import { lockRecord, retireRecord } from '../../consequences/record-effects';
import type { SubjectDirectory } from '../../../../common/subject-directory';
import { retiredGrounds } from '../../consequences/grounds';
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

interface RepairTarget {
  id: string;
  label: Bilingual;
  subjectKey: string;
  region: string;
}

/**
 * 信用修复. The subject (its own records and listings) or the credit office on its behalf
 * applies after the minimum publicity period; the credit office of the jurisdiction approves
 * or rejects with reasons. Approving a record makes it REPAIRED (out of public views, status,
 * scores and the listings resting only on it); approving a listing ends the listing (移出名单)
 * and leaves its records to their own repairs.
 */
export class RepairService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly today: string,
    private readonly policy: CreditPolicy,
    private readonly directory: SubjectDirectory,
  ) {}

  /** Applies for repair of a dishonesty record or of a listing (exactly one of the two). */
  async apply(target: { recordId?: string | null; listingId?: string | null }, evidenceText: string): Promise<string> {
    const { recordId, listingId } = target;
    if (!recordId === !listingId)
      throw new InputError(
        bilingual(
          '须且只须指定一条信用记录（recordId）或一个名单（listingId）',
          'name either a record (recordId) or a listing (listingId)',
        ),
        {
          field: recordId ? 'listingId' : 'recordId',
        },
      );
    if (recordId) checkId(recordId, 'recordId');
    if (listingId) checkId(listingId, 'listingId');
    const evidence = required(evidenceText, 'evidence');
    return this.em.transactional(async (em) => {
      const object = recordId
        ? await this.repairableRecord(em, recordId)
        : await this.repairableListing(em, listingId!);
      const column = recordId ? 'record_id' : 'listing_id';
      const [open] = await em.execute(
        `SELECT id::text FROM records.repair_application WHERE ${column} = ? AND state = 'SUBMITTED'`,
        [object.id],
      );
      if (open)
        throw new ConflictError(
          bilingual(
            `${object.label.zh} 已有未办结的信用修复申请 ${open.id}`,
            `${object.label.en} already has an open repair application ${open.id}`,
          ),
          {
            state: RepairState.SUBMITTED,
          },
        );
      const [row] = await em.execute(
        `INSERT INTO records.repair_application (${column}, subject_key, subject_region, evidence, applied_by, due_on)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id::text`,
        [
          object.id,
          object.subjectKey,
          object.region,
          evidence,
          this.viewer.clientId,
          addDays(this.today, this.policy.workflows.repairDecisionDays),
        ],
      );
      await recordEvent(em, WorkflowObjectType.REPAIR, row.id, null, RepairState.SUBMITTED, this.viewer, evidence);
      return row.id as string;
    });
  }

  private async repairableRecord(em: EntityManager, recordId: string): Promise<RepairTarget> {
    const record = await lockRecord(em, recordId);
    if (!record) throw new NotFoundError(bilingual(`没有信用记录 ${recordId}`, `no record ${recordId}`));
    this.authorizeApplication(record.subject_key, record.subject_region);
    if (record.nature !== RecordNature.DISHONESTY)
      throw new InputError(bilingual('只有失信记录可以申请信用修复', 'only dishonesty records are repaired'), {
        field: 'recordId',
      });
    if (record.status !== RecordStatus.ACTIVE)
      throw new ConflictError(
        bilingual(`信用记录 ${recordId} 当前为 ${record.status} 状态`, `record ${recordId} is ${record.status}`),
        { state: record.status },
      );
    this.checkRepairableFrom(record.repairable_from, 'recordId');
    return {
      id: recordId,
      label: bilingual(`信用记录 ${recordId}`, `record ${recordId}`),
      subjectKey: record.subject_key,
      region: record.subject_region,
    };
  }

  /**
   * A listing is a serious-dishonesty punishment: it may be repaired once the minimum
   * publicity period of serious dishonesty has passed since its first day.
   */
  private async repairableListing(em: EntityManager, listingId: string): Promise<RepairTarget> {
    const listing = await lockListing(em, listingId);
    if (!listing) throw new NotFoundError(bilingual(`没有名单 ${listingId}`, `no listing ${listingId}`));
    this.authorizeApplication(listing.subject_key, listing.subject_region);
    const ended = listing.delisted_at || (listing.ends_on !== null && listing.ends_on < this.today);
    if (ended)
      throw new ConflictError(bilingual(`名单 ${listingId} 已终止`, `listing ${listingId} has already ended`), {
        state: 'ENDED',
      });
    const { repairableFrom } = publicityWindow(
      { nature: RecordNature.DISHONESTY, severity: Severity.SERIOUS, decidedAt: listing.starts_on },
      this.policy,
    );
    this.checkRepairableFrom(repairableFrom, 'listingId');
    return {
      id: listingId,
      label: bilingual(`名单 ${listingId}`, `listing ${listingId}`),
      subjectKey: listing.subject_key,
      region: listing.subject_region,
    };
  }

  private authorizeApplication(subjectKey: string, region: string) {
    demand(actsForSubject, this.viewer, { selfKey: this.selfKey, subjectKey, region });
  }

  private checkRepairableFrom(repairableFrom: string, field: string) {
    if (this.today < repairableFrom) {
      throw new InputError(
        bilingual(
          `自 ${repairableFrom} 起方可申请信用修复（最短公示期）`,
          `repair may be applied for from ${repairableFrom} (minimum publicity period)`,
        ),
        {
          field,
          repairableFrom,
        },
      );
    }
  }

  /** APPROVED: the application and the record change in one transaction, or neither does. */
  async approve(id: string, reasonText: string): Promise<string> {
    const reason = required(reasonText, 'reason');
    return this.em.transactional(async (em) => {
      const { row } = await transition<
        RepairState,
        { state: RepairState; subject_region: string; record_id: string | null; listing_id: string | null }
      >(em, REPAIR_WORKFLOW, {
        id,
        to: RepairState.APPROVED,
        actor: this.viewer,
        reason,
        authorize: (r) => demand(creditOfficeDecides, this.viewer, r),
        set: () => ({ decision_reason: reason, decided_by: this.viewer.clientId }),
      });
      const why = `repair application ${id}: ${reason}`;
      const deps = { directory: this.directory, today: this.today };
      if (row.record_id) {
        const told = { repairApplicationId: id };
        await retireRecord(em, deps, String(row.record_id), {
          to: RecordStatus.REPAIRED,
          actor: this.viewer,
          reason: why,
          told,
        });
      } else {
        const grounds = retiredGrounds(RecordStatus.REPAIRED, why);
        await endListing(em, deps, String(row.listing_id), { delistReason: grounds.reason, grounds }, this.viewer);
      }
      return id;
    });
  }

  async reject(id: string, reasonText: string): Promise<string> {
    const reason = required(reasonText, 'reason');
    return this.em.transactional(async (em) => {
      await transition<RepairState, { state: RepairState; subject_region: string }>(em, REPAIR_WORKFLOW, {
        id,
        to: RepairState.REJECTED,
        actor: this.viewer,
        reason,
        authorize: (r) => demand(creditOfficeDecides, this.viewer, r),
        set: () => ({ decision_reason: reason, decided_by: this.viewer.clientId }),
      });
      return id;
    });
  }
}
