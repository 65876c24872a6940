import type { EntityManager } from '@mikro-orm/postgresql';
import { initiatesMeasures, respondsToMeasure } from '../rules';
import { demand } from '../../../../auth/step-rights';
import { type Principal } from '../../../../auth/principal';
import { addDays, isIsoDate } from '../../../../common/dates';
import { ConflictError, InputError, NotFoundError } from '../../../../common/errors';
import { bilingual, type Bilingual } from '../../../../common/language';
import type { SubjectDirectory } from '../../../../common/subject-directory';
import { pgArray } from '../../../../db/sql';
import { SubjectKind } from '../../../../common/subject-kind';
import { RecordNature, RecordStatus } from '../../enums';
import { ACTIVE_LISTING_SQL } from '../../lists/listing.repository';
import type { CreditPolicy } from '../../policy/credit-policy';
import {
  checkId,
  recordEvent,
  required,
  transition,
  WorkflowObjectType,
  type WorkflowSpec,
} from '../../lifecycle/state-machine';
import { lockRecord } from '../../consequences/record-effects';
import { MeasureBasis, MeasureKind } from './measure.entity';
import { MeasureState } from '../../enums';

export const MEASURE_WORKFLOW: WorkflowSpec<MeasureState> = {
  objectType: WorkflowObjectType.JOINT_MEASURE,
  table: 'records.joint_measure',
  transitions: {
    [MeasureState.INITIATED]: [MeasureState.ACCEPTED, MeasureState.NOT_APPLICABLE, MeasureState.LIFTED],
    [MeasureState.ACCEPTED]: [MeasureState.FED_BACK, MeasureState.LIFTED],
    [MeasureState.NOT_APPLICABLE]: [],
    // A measure applied and fed back is still in force until its basis leaves use.
    [MeasureState.FED_BACK]: [MeasureState.LIFTED],
    [MeasureState.LIFTED]: [MeasureState.LIFT_CONFIRMED],
    [MeasureState.LIFT_CONFIRMED]: [],
  },
};

/** Organizations that can apply a measure (a civil servant or an enterprise cannot). */
const IMPLEMENTING_KINDS: ReadonlySet<SubjectKind> = new Set([
  SubjectKind.GOVERNMENT,
  SubjectKind.DEPARTMENT,
  SubjectKind.INSTITUTION,
  SubjectKind.TOWNSHIP,
]);
export const MAX_IMPLEMENTING_UNITS = 50;

/** What a measure's basis is called in messages. */
const BASIS_NAMES: Record<MeasureBasis, Bilingual> = {
  [MeasureBasis.RECORD]: bilingual('信用记录', 'record'),
  [MeasureBasis.LISTING]: bilingual('名单', 'listing'),
};

export interface MeasureDraft {
  basisType: MeasureBasis;
  basisId: string;
  kind: MeasureKind;
  implementingUnitCodes: string[];
  note?: string | null;
}

interface Basis {
  subject_key: string;
  subject_region: string;
  /** The system that pushed the record or listed the subject. */
  owner: string;
  /** Honour records take incentives; dishonesty records and listings punishments. */
  honour: boolean;
  /** ACTIVE, or the reason the basis can no longer carry measures. */
  state: string;
}

interface MeasureRow {
  state: MeasureState;
  implementing_unit_code: string;
}

/**
 * 联动奖惩 (发起 → 响应 → 反馈). The credit office of the subject's jurisdiction, or the system
 * that pushed the record / listed the subject, initiates measures addressed to implementing
 * units (registered organizations, by code); each unit (token `org` = its code) responds and
 * feeds back the result. Initiation is retry-safe: an existing (basis, unit, kind) is kept.
 */
export class MeasureService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly today: string,
    private readonly policy: CreditPolicy,
    private readonly directory: SubjectDirectory,
  ) {}

  async initiate(draft: MeasureDraft): Promise<string[]> {
    checkId(draft.basisId, 'basisId');
    const codes = await this.implementingUnits(draft.implementingUnitCodes);
    const note = draft.note?.trim() || null;
    return this.em.transactional(async (em) => {
      const basis = await this.lockBasis(em, draft.basisType, draft.basisId);
      this.checkBasis(draft, basis);
      const inserted: { id: string }[] = await em.execute(
        `INSERT INTO records.joint_measure (basis_type, basis_id, subject_key, subject_region, kind, implementing_unit_code, note, initiated_by, initiator_role, response_due_on)
         SELECT ?, ?, ?, ?, ?, u, ?, ?, ?, ? FROM unnest(?::text[]) u
         ON CONFLICT (basis_type, basis_id, implementing_unit_code, kind) DO NOTHING RETURNING id::text`,
        [
          draft.basisType,
          draft.basisId,
          basis.subject_key,
          basis.subject_region,
          draft.kind,
          note,
          this.viewer.clientId,
          this.viewer.role,
          addDays(this.today, this.policy.workflows.measureResponseDays),
          pgArray(codes),
        ],
      );
      for (const row of inserted)
        await recordEvent(
          em,
          WorkflowObjectType.JOINT_MEASURE,
          row.id,
          null,
          MeasureState.INITIATED,
          this.viewer,
          note,
        );
      const all: { id: string }[] = await em.execute(
        `SELECT id::text FROM records.joint_measure WHERE basis_type = ? AND basis_id = ? AND kind = ? AND implementing_unit_code = ANY(?::text[]) ORDER BY id`,
        [draft.basisType, draft.basisId, draft.kind, pgArray(codes)],
      );
      return all.map((r) => r.id);
    });
  }

  /** The distinct implementing units named (1 to MAX_IMPLEMENTING_UNITS), each a registered organ or institution. */
  private async implementingUnits(raw: string[]): Promise<string[]> {
    const codes = [...new Set(raw.map((c) => c.trim()).filter(Boolean))];
    if (codes.length === 0 || codes.length > MAX_IMPLEMENTING_UNITS) {
      throw new InputError(
        bilingual(
          `须指定 1 至 ${MAX_IMPLEMENTING_UNITS} 个实施单位`,
          `name 1 to ${MAX_IMPLEMENTING_UNITS} implementing units`,
        ),
        { field: 'implementingUnitCodes' },
      );
    }
    const units = await this.directory.resolve(
      codes.map((code, index) => ({ code, path: { index, field: 'implementingUnitCodes' } })),
      { register: false },
    );
    units.forEach((unit, index) => {
      if (!IMPLEMENTING_KINDS.has(unit.kind))
        throw new InputError(
          bilingual(
            `implementingUnitCodes[${index}]：${unit.kind} 不能实施联合奖惩措施`,
            `implementingUnitCodes[${index}]: a ${unit.kind} cannot implement measures`,
          ),
          { index, field: 'implementingUnitCodes' },
        );
    });
    return codes;
  }

  /** The caller may initiate on this basis (its credit office or its owner), it is in force, and it fits the kind. */
  private checkBasis(draft: MeasureDraft, basis: Basis): void {
    demand(initiatesMeasures, this.viewer, basis);
    if (basis.state !== 'ACTIVE') {
      const name = BASIS_NAMES[draft.basisType];
      throw new ConflictError(
        bilingual(
          `${name.zh} ${draft.basisId} 当前为 ${basis.state} 状态`,
          `${name.en} ${draft.basisId} is ${basis.state}`,
        ),
        { state: basis.state },
      );
    }
    if (basis.honour !== (draft.kind === MeasureKind.TRUSTWORTHY_INCENTIVE)) {
      throw new InputError(
        basis.honour
          ? bilingual('守信记录只能采取激励措施', 'an honour record takes incentives only')
          : bilingual('激励措施只能以守信记录为依据', 'incentives rest on honour records only'),
        { field: 'kind' },
      );
    }
  }

  /** 响应: the unit will apply the measure; the feedback is then due within measureFeedbackDays. */
  accept(id: string, note?: string | null) {
    const text = note?.trim() || null;
    return this.step(id, MeasureState.ACCEPTED, text, {
      response: text,
      responded_by: this.viewer.clientId,
      feedback_due_on: addDays(this.today, this.policy.workflows.measureFeedbackDays),
    });
  }

  /** 响应: the measure does not apply to this unit, with the reason. */
  decline(id: string, reason: string) {
    const text = required(reason, 'reason');
    return this.step(id, MeasureState.NOT_APPLICABLE, text, { response: text, responded_by: this.viewer.clientId });
  }

  /** 反馈: the result and the date it was applied (not in the future). */
  feedBack(id: string, result: string, resultDate: string) {
    const text = required(result, 'result');
    if (!isIsoDate(resultDate) || resultDate > this.today)
      throw new InputError(bilingual('resultDate 须为不晚于今天的日期', 'resultDate must be a date not after today'), {
        field: 'resultDate',
      });
    return this.step(id, MeasureState.FED_BACK, text, { result: text, result_date: resultDate });
  }

  /** 解除确认: the implementing unit confirms it stopped applying a LIFTED measure, saying what it undid. */
  confirmLifted(id: string, note: string) {
    const text = required(note, 'note');
    return this.step(id, MeasureState.LIFT_CONFIRMED, text, { lift_confirmation: text, lift_confirmed_at: new Date() });
  }

  private step(id: string, to: MeasureState, reason: string | null, columns: Record<string, unknown>) {
    return this.em.transactional(async (em) => {
      await transition<MeasureState, MeasureRow>(em, MEASURE_WORKFLOW, {
        id,
        to,
        actor: this.viewer,
        reason,
        authorize: (row) => demand(respondsToMeasure, this.viewer, row),
        set: () => columns,
      });
      return id;
    });
  }

  private async lockBasis(em: EntityManager, type: MeasureBasis, id: string): Promise<Basis> {
    if (type === MeasureBasis.RECORD) {
      const record = await lockRecord(em, id);
      if (!record) throw new NotFoundError(bilingual(`没有信用记录 ${id}`, `no record ${id}`));
      return {
        subject_key: record.subject_key,
        subject_region: record.subject_region,
        owner: record.source_system,
        honour: record.nature === RecordNature.HONOR,
        state: record.status === RecordStatus.ACTIVE ? 'ACTIVE' : record.status,
      };
    }
    const [listing] = await em.execute(
      `SELECT l.subject_key, l.subject_region, l.listed_by AS owner, false AS honour, CASE WHEN ${ACTIVE_LISTING_SQL} THEN 'ACTIVE' ELSE 'ENDED' END AS state
       FROM records.listing l WHERE l.id = ? FOR UPDATE`,
      [this.today, this.today, id],
    );
    if (!listing) throw new NotFoundError(bilingual(`没有名单 ${id}`, `no listing ${id}`));
    return listing as Basis;
  }
}
