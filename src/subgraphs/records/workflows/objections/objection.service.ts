import type { EntityManager } from '@mikro-orm/postgresql';
import { decidesObjection, objectsToOwnNaming } from '../rules';
import { actsForSubject } from '../../findings/rules';
import { demand } from '../../../../auth/step-rights';
import { type Principal } from '../../../../auth/principal';
import { addDays } from '../../../../common/dates';
import { ConflictError, InputError, NotFoundError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { ObjectionMatter, RecordStatus } from '../../enums';
import type { SubjectDirectory } from '../../../../common/subject-directory';
import { SubjectKind } from '../../../../common/subject-kind';
import type { CreditPolicy } from '../../policy/credit-policy';
import {
  checkId,
  recordEvent,
  required,
  transition,
  WorkflowObjectType,
  type WorkflowSpec,
} from '../../lifecycle/state-machine';
import { lockRecord, retireRecord, type RecordFacts } from '../../consequences/record-effects';
import { correctRecord, type RecordCorrection } from './correction';
import type { EvaluationConfig } from '../../policy/evaluation-config';
import { correctNaming } from './naming';
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
  named_person_key: string | null;
}

export const MAX_ATTACHMENT_REFS = 20;

/**
 * 异议. The subject (its own records) or the credit office files; the record is disputed
 * until the deciding authority — the system that pushed it, the authority that decided it,
 * or the credit office of the jurisdiction — upholds, corrects or revokes it. A civil servant
 * named responsible files against that naming (matter NAMING), which the same authority upholds
 * or corrects (correctNaming); the finding is not disputed by it.
 */
export class ObjectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly today: string,
    private readonly policy: CreditPolicy,
    private readonly directory: SubjectDirectory,
    private readonly evaluation: EvaluationConfig,
  ) {}

  async file(
    recordId: string,
    reasonsText: string,
    attachmentRefs?: string[] | null,
    matter: ObjectionMatter = ObjectionMatter.FINDING,
  ): Promise<string> {
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
      const namedPersonKey = await this.demandFiler(em, record, matter);
      if (record.status !== RecordStatus.ACTIVE)
        throw new ConflictError(
          bilingual(`信用记录 ${recordId} 当前为 ${record.status} 状态`, `record ${recordId} is ${record.status}`),
          { state: record.status },
        );
      await refuseSecondOpen(em, recordId, namedPersonKey);
      const [row] = await em.execute(
        `INSERT INTO records.objection (record_id, subject_key, subject_region, record_source_system, record_authority_code, named_person_key, reasons, attachment_refs, filed_by, due_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id::text`,
        [
          recordId,
          record.subject_key,
          record.subject_region,
          record.source_system,
          record.deciding_authority_code,
          namedPersonKey,
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

  /**
   * Who may file, on the locked record: against the finding the subject or its credit office (actsForSubject);
   * against a naming the person named (objectsToOwnNaming), whose key the objection keeps.
   */
  private async demandFiler(em: EntityManager, record: RecordFacts, matter: ObjectionMatter): Promise<string | null> {
    if (matter === ObjectionMatter.FINDING) {
      const subject = { selfKey: this.selfKey, subjectKey: record.subject_key, region: record.subject_region };
      demand(actsForSubject, this.viewer, subject);
      return null;
    }
    const named: { person_key: string }[] = await em.execute(
      `SELECT person_key FROM records.record_responsible WHERE record_id = ?`,
      [record.id],
    );
    demand(objectsToOwnNaming, this.viewer, { selfKey: this.selfKey, namedKeys: named.map((n) => n.person_key) });
    return this.selfKey!;
  }

  private get deps() {
    return { directory: this.directory, today: this.today };
  }

  /** Either matter: the record (or its naming) stands unchanged. */
  uphold(id: string, decision: string) {
    return this.decide(id, ObjectionState.UPHELD, decision, null, async () => undefined);
  }

  revoke(id: string, decision: string) {
    return this.decide(id, ObjectionState.REVOKED, decision, ObjectionMatter.FINDING, (em, row, text) =>
      retireRecord(em, this.deps, String(row.record_id), {
        to: RecordStatus.REVOKED,
        actor: this.viewer,
        reason: `objection ${id}: ${text}`,
      }),
    );
  }

  correct(id: string, decision: string, correction: RecordCorrection) {
    return this.decide(id, ObjectionState.CORRECTED, decision, ObjectionMatter.FINDING, (em, row, text) =>
      correctRecord(em, this.deps, String(row.record_id), correction, {
        actor: this.viewer,
        policy: this.policy,
        evaluation: this.evaluation,
        note: `objection ${id}: ${text}`,
      }),
    );
  }

  /**
   * CORRECTED for a NAMING objection: the objecting person leaves the record's responsible persons, replaced by the
   * registered civil servant of `replacementCode` if given (naming.ts).
   */
  async correctNaming(id: string, decision: string, replacementCode?: string | null) {
    const replacementKey = replacementCode ? await this.civilServantKey(replacementCode) : null;
    return this.decide(id, ObjectionState.CORRECTED, decision, ObjectionMatter.NAMING, (em, row, text) => {
      if (replacementKey === row.named_person_key)
        throw new InputError(bilingual('替换人员不能是提出异议的本人', 'the replacement is the objecting person'), {
          field: 'replacementCode',
        });
      return correctNaming(
        em,
        String(row.record_id),
        row.named_person_key!,
        replacementKey,
        this.viewer,
        `objection ${id}: ${text}`,
      );
    });
  }

  /** The look-up key of a registered civil servant (BAD_USER_INPUT at `replacementCode` otherwise). */
  private async civilServantKey(code: string): Promise<string> {
    const [entry] = await this.directory.resolve([{ code, path: { index: 0, field: 'replacementCode' } }], {
      register: false,
    });
    if (entry.kind !== SubjectKind.PUBLIC_SERVANT)
      throw new InputError(bilingual('替换人员不是公务员', 'the replacement is not a civil servant'), {
        field: 'replacementCode',
      });
    return entry.key;
  }

  /**
   * The objection's step and its effect on the record commit together, or not at all. `matter`: the one this step
   * decides (null = either); an objection of the other is BAD_USER_INPUT (`matter` = its own), after FORBIDDEN and
   * CONFLICT as every step.
   */
  private async decide(
    id: string,
    to: ObjectionState,
    decisionText: string,
    matter: ObjectionMatter | null,
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
        set: (r) => {
          if (matter) expectMatter(r, matter);
          return { decision, decided_by: this.viewer.clientId };
        },
      });
      await effect(em, row, decision);
      return id;
    });
  }
}

/** An objection's matter: NAMING when it keeps the named person's key. */
export function matterOf(row: { named_person_key?: string | null }): ObjectionMatter {
  return row.named_person_key ? ObjectionMatter.NAMING : ObjectionMatter.FINDING;
}

function expectMatter(row: ObjectionRow, matter: ObjectionMatter): void {
  const actual = matterOf(row);
  if (actual !== matter)
    throw new InputError(
      actual === ObjectionMatter.NAMING
        ? bilingual(
            '对责任人认定的异议以维持或 correctNaming 处理',
            'a NAMING objection is decided by upholdObjection or correctNaming',
          )
        : bilingual('correctNaming 只处理对责任人认定的异议', 'correctNaming decides NAMING objections only'),
      { field: 'id', matter: actual },
    );
}

/** At most one open objection per record against its finding, and per (record, person) against a naming. */
async function refuseSecondOpen(em: EntityManager, recordId: string, namedPersonKey: string | null): Promise<void> {
  const [open] = await em.execute(
    `SELECT id::text FROM records.objection WHERE record_id = ? AND state = 'FILED'
       AND named_person_key IS NOT DISTINCT FROM ?`,
    [recordId, namedPersonKey],
  );
  if (open)
    throw new ConflictError(
      bilingual(
        `信用记录 ${recordId} 已有未办结的异议申请 ${open.id}`,
        `record ${recordId} already has an open objection ${open.id}`,
      ),
      { state: ObjectionState.FILED },
    );
}
