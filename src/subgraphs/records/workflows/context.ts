import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isGovernment, type Principal } from '../../../auth/principal';
import { pgArray } from '../../../db/sql';
import { CASE_PUSHERS, GovernmentCase } from './cases/case.entity';
import { Commitment } from './commitments/commitment.entity';
import { Complaint } from './complaints/complaint.entity';
import { eventLoader } from '../lifecycle/history';
import { conditionSql, CONDITIONS, rowsOf } from '../../../auth/conditions';
import { allOf, anyOf, entityFinder, type Finder, type SqlFragment } from '../../../db/finder';
import type { WorkflowEvent } from '../lifecycle/workflow-event.entity';
import { JointMeasure } from './measures/measure.entity';
import { Objection } from './objections/objection.entity';
import { RepairApplication } from './repair/repair.entity';
import type { IntegrityOpinion } from './opinions/opinion.entity';
import { answeredOpinionsLoader, opinionFinder } from './opinions/opinion.finder';
import { measureVisibility } from '../consequences/measure-visibility';

/** Per-request finders and loaders of the workflows (row-level rules live here). */
export interface WorkflowContext {
  repairs: Finder<RepairApplication>;
  objections: Finder<Objection>;
  commitments: Finder<Commitment>;
  measures: Finder<JointMeasure>;
  complaints: Finder<Complaint>;
  cases: Finder<GovernmentCase>;
  /** 廉政意见 requests (opinions/opinion.finder.ts opinionVisibility). */
  opinions: Finder<IntegrityOpinion>;
  /** The ANSWERED opinions on each person, for the file (released by opinions/opinion.archive.ts). */
  answeredOpinions: DataLoader<string, IntegrityOpinion[]>;
  /** Row filter of government cases, also applied by the case ledger's counts. */
  caseVisibility: SqlFragment;
  events: DataLoader<string, WorkflowEvent[]>;
  /**
   * Whether the caller may see each workflow object (by id), keyed by an evaluation's evidence type: for what it cites.
   */
  visible: Record<'GOVERNMENT_CASE' | 'COMMITMENT' | 'OBJECTION' | 'REPAIR', DataLoader<string, boolean>>;
  /** Whether each record has a FILED objection: one statement for a page of records. */
  disputed: DataLoader<string, boolean>;
  /** Whether the caller may see each joint measure (by id): for measures quoted in webhook deliveries. */
  measureVisible: DataLoader<string, boolean>;
  /** Ids of the records linked to each case (cases/case-records.ts): one statement for a page of cases. */
  caseRecordIds: DataLoader<string, string[]>;
}

const office = rowsOf.creditOfficeOf;
const ownRows = rowsOf.self;

/**
 * Repairs: the subject its own; the credit office its jurisdiction.
 * @rowRule
 */
export function repairVisibility(viewer: Principal, selfKey?: string): SqlFragment {
  return anyOf(ownRows(viewer, selfKey), office(viewer));
}

/**
 * Objections: the filer its own (the subject those against the finding, the named civil servant those against its
 * naming); the pushing system and the deciding authority theirs; the credit office its jurisdiction.
 * @rowRule
 */
export function objectionVisibility(viewer: Principal, selfKey?: string): SqlFragment {
  const againstFinding = allOf({ sql: 't.named_person_key IS NULL', params: [] }, ownRows(viewer, selfKey));
  const againstNaming = conditionSql(CONDITIONS.self, viewer, selfKey, { key: 't.named_person_key' });
  const parts = [againstFinding, againstNaming, office(viewer)];
  // The pushing system in the role it pushed with (a token of another role with its `sub` is not it).
  if (isGovernment(viewer)) {
    parts.push({
      sql: 't.record_source_system = ? AND EXISTS (SELECT 1 FROM records.credit_record r WHERE r.id = t.record_id AND r.source_role = ?)',
      params: [viewer.clientId, viewer.role],
    });
  }
  if (isGovernment(viewer) && viewer.org) parts.push({ sql: 't.record_authority_code = ?', params: [viewer.org] });
  return anyOf(...parts);
}

/**
 * Commitments: PUBLIC ones to everyone; all in jurisdiction to government roles; the registrar (client id + role) and
 * the subject theirs.
 * @rowRule
 */
export function commitmentVisibility(viewer: Principal, selfKey?: string): SqlFragment {
  const parts = [{ sql: `t.disclosure = 'PUBLIC'`, params: [] as unknown[] }, ownRows(viewer, selfKey)];
  if (isGovernment(viewer)) {
    parts.push(rowsOf.inJurisdiction(viewer), {
      sql: '(t.registered_by = ? AND t.registered_role = ?)',
      params: [viewer.clientId, viewer.role],
    });
  }
  return anyOf(...parts);
}

/**
 * Complaints: the credit office its jurisdiction; the unit assigned to verify one, as a
 * government system (a SUBJECT token carrying the unit's code is the subject side, which
 * never sees complaints). Never the subject or other reporters (the report may identify its author).
 * @rowRule
 */
export function complaintVisibility(viewer: Principal): SqlFragment {
  const parts = [office(viewer)];
  if (isGovernment(viewer) && viewer.org) parts.push({ sql: 't.handling_unit_code = ?', params: [viewer.org] });
  return anyOf(...parts);
}

/**
 * Government cases: the credit office its jurisdiction; a court or the debt office the cases it pushed; the organ its
 * own.
 * @rowRule
 */
export function caseVisibility(viewer: Principal, selfKey?: string): SqlFragment {
  const parts = [ownRows(viewer, selfKey), office(viewer)];
  if (CASE_PUSHERS.has(viewer.role))
    parts.push({ sql: '(t.source_system = ? AND t.source_role = ?)', params: [viewer.clientId, viewer.role] });
  return anyOf(...parts);
}

/** Whether each id is among the rows `finder` shows the viewer: one statement per batch. */
function visibleIds<T extends { id: string }>(finder: Finder<T>): DataLoader<string, boolean> {
  return new DataLoader(async (ids) => {
    const shown = new Set((await finder.byIds(ids)).map((row) => String(row.id)));
    return ids.map((id) => shown.has(String(id)));
  });
}

export function createWorkflowContext(
  em: EntityManager,
  viewer: Principal,
  selfKey: string | undefined,
): WorkflowContext {
  const cases = entityFinder(em, GovernmentCase, 'records.government_case', caseVisibility(viewer, selfKey));
  const commitments = entityFinder(em, Commitment, 'records.commitment', commitmentVisibility(viewer, selfKey));
  const objections = entityFinder(em, Objection, 'records.objection', objectionVisibility(viewer, selfKey));
  const repairs = entityFinder(em, RepairApplication, 'records.repair_application', repairVisibility(viewer, selfKey));
  const measures = entityFinder(em, JointMeasure, 'records.joint_measure', measureVisibility(viewer, selfKey));
  return {
    repairs,
    objections,
    commitments,
    measures,
    measureVisible: visibleIds(measures),
    complaints: entityFinder(em, Complaint, 'records.complaint', complaintVisibility(viewer)),
    cases,
    opinions: opinionFinder(em, viewer, selfKey),
    answeredOpinions: answeredOpinionsLoader(em),
    caseVisibility: caseVisibility(viewer, selfKey),
    events: eventLoader(em),
    visible: {
      GOVERNMENT_CASE: visibleIds(cases),
      COMMITMENT: visibleIds(commitments),
      OBJECTION: visibleIds(objections),
      REPAIR: visibleIds(repairs),
    },
    disputed: new DataLoader(async (ids) => {
      const rows: { record_id: string }[] = await em.execute(
        // A naming objection disputes only the naming, not the finding: the record is not shown disputed for it.
        `SELECT DISTINCT record_id::text FROM records.objection
         WHERE state = 'FILED' AND named_person_key IS NULL AND record_id = ANY(?::bigint[])`,
        [pgArray(ids)],
      );
      const open = new Set(rows.map((r) => r.record_id));
      return ids.map((id) => open.has(String(id)));
    }),
    caseRecordIds: new DataLoader(async (ids) => {
      const rows: { case_id: string; record_id: string }[] = await em.execute(
        `SELECT case_id::text, record_id::text FROM records.case_record WHERE case_id = ANY(?::bigint[]) ORDER BY record_id`,
        [pgArray(ids)],
      );
      return ids.map((id) => rows.filter((r) => r.case_id === String(id)).map((r) => r.record_id));
    }),
  };
}
