import type { EntityManager } from '@mikro-orm/postgresql';
import { CONDITIONS, mayApply, rowsOf } from '../../../auth/conditions';
import type { Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import { demand } from '../../../auth/step-rights';
import { recordVisibility } from '../findings/record.repository';
import { allOf, NOTHING, type SqlFragment } from '../../../db/sql';
import { required, transition, WorkflowObjectType, type WorkflowSpec } from '../lifecycle/state-machine';
import { handlesWarning } from './rules';
import { WarningKind } from './warning.entity';
import { WarningState } from '../enums';

export const WARNING_WORKFLOW: WorkflowSpec<WarningState> = {
  objectType: WorkflowObjectType.EARLY_WARNING,
  table: 'records.early_warning',
  transitions: {
    [WarningState.OPEN]: [WarningState.ACKNOWLEDGED, WarningState.CLOSED],
    [WarningState.ACKNOWLEDGED]: [WarningState.CLOSED],
    [WarningState.CLOSED]: [],
  },
};

/**
 * Warnings: the credit office every kind in its jurisdiction (it reads every record there);
 * the debt system the DEBT_RISK ones in its jurisdiction whose every record it may read
 * (recordVisibility on `today`), since a warning's message quotes its record's title: a
 * warning raised by a RESTRICTED record stays with the credit office.
 * @rowRule
 */
export function warningVisibility(viewer: Principal, today: string): SqlFragment {
  if (mayApply(CONDITIONS.creditOfficeOf, viewer)) return rowsOf.creditOfficeOf(viewer);
  if (viewer.role !== Role.DEBT) return NOTHING;
  const records = recordVisibility(viewer, undefined, today, 'r');
  const everyRecordVisible = {
    sql: `NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(t.record_ids) AS x(id)
          WHERE NOT EXISTS (SELECT 1 FROM records.credit_record r WHERE r.id = x.id::bigint AND ${records.sql}))`,
    params: records.params,
  };
  return allOf(
    rowsOf.inJurisdiction(viewer),
    { sql: 't.kind = ?', params: [WarningKind.DEBT_RISK] },
    everyRecordVisible,
  );
}

type WarningRow = { state: WarningState; kind: WarningKind; subject_region: string };

/** OPEN → ACKNOWLEDGED → CLOSED (or OPEN → CLOSED), each step an event, by those who may see the warning. */
export class WarningService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
  ) {}

  acknowledge(id: string, note?: string | null) {
    return this.step(id, WarningState.ACKNOWLEDGED, note?.trim() || null);
  }

  close(id: string, reason: string) {
    return this.step(id, WarningState.CLOSED, required(reason, 'reason'));
  }

  private step(id: string, to: WarningState, reason: string | null) {
    return this.em.transactional(async (em) => {
      await transition<WarningState, WarningRow>(em, WARNING_WORKFLOW, {
        id,
        to,
        actor: this.viewer,
        reason,
        authorize: (row) => demand(handlesWarning, this.viewer, row),
      });
      return id;
    });
  }
}
