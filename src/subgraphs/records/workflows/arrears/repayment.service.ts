import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../../auth/principal';
import { demand } from '../../../../auth/step-rights';
import { isIsoDate } from '../../../../common/dates';
import { ConflictError, InputError, NotFoundError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import { isPositiveYuan } from '../../../../common/money';
import { RecordStatus } from '../../enums';
import { ArrearsRepayment } from '../../findings/arrears';
import { checkId, noSuchObject, recordEvent, required, WorkflowObjectType } from '../../lifecycle/state-machine';
import { lockRecord, settleRecord, type RecordFacts } from '../../consequences/record-effects';
import type { EffectDeps } from '../../consequences/grounds';
import { recordsRepayment } from '../rules';

export interface RepaymentDraft {
  recordId: string;
  amount: string;
  paidOn: string;
  reference: string;
}

/** What recordRepayment answers: the repayment, what is still owed, and whether the record ended by it. */
export interface RepaymentOutcome {
  recordId: string;
  repayment: ArrearsRepayment;
  outstanding: string;
  status: RecordStatus;
  replayed: boolean;
}

/** The arrears of the locked record as a repayment sees them, and an earlier repayment with the same reference. */
interface ArrearsState {
  outstanding: string;
  /** Outstanding once this repayment is made (when it is not over). */
  after: string;
  over: boolean;
  settles: boolean;
  earlier: (ArrearsRepayment & { same: boolean; recordedAt: string }) | null;
}

function checkDraft(draft: RepaymentDraft, today: string): RepaymentDraft {
  if (!isPositiveYuan(draft.amount))
    throw new InputError(
      bilingual('amount 须为大于 0 的以元计金额（最多两位小数）', 'amount is a decimal in yuan above 0'),
      {
        field: 'amount',
      },
    );
  if (!isIsoDate(draft.paidOn) || draft.paidOn > today)
    throw new InputError(bilingual('paidOn 须为不晚于今天的日期', 'paidOn must be a date not after today'), {
      field: 'paidOn',
    });
  const reference = required(draft.reference, 'reference');
  if (reference.length > 200)
    throw new InputError(bilingual('reference 不能超过 200 个字符', 'reference is at most 200 characters'), {
      field: 'reference',
    });
  return { ...draft, recordId: checkId(draft.recordId), reference };
}

/** One statement: outstanding before this repayment, whether it exceeds or settles it, the same reference earlier. */
async function arrearsState(em: EntityManager, d: RepaymentDraft): Promise<ArrearsState | null> {
  const [row] = await em.execute(
    `SELECT o.outstanding::numeric(18,2)::text AS outstanding, ?::numeric > o.outstanding AS over,
            (o.outstanding - ?::numeric)::numeric(18,2)::text AS after,
            ?::numeric = o.outstanding AS settles,
            (SELECT jsonb_build_object('id', y.id::text, 'amount', y.amount::text, 'paidOn', to_char(y.paid_on, 'YYYY-MM-DD'),
                      'reference', y.reference, 'recordedAt', y.created_at,
                      'same', y.amount = ?::numeric AND y.paid_on = ?::date)
             FROM records.arrears_repayment y WHERE y.record_id = a.record_id AND y.reference = ?) AS earlier
     FROM records.arrears a
     CROSS JOIN LATERAL (SELECT a.amount - coalesce(sum(y.amount), 0) AS outstanding
                         FROM records.arrears_repayment y WHERE y.record_id = a.record_id) o
     WHERE a.record_id = ?`,
    [d.amount, d.amount, d.amount, d.amount, d.paidOn, d.reference, d.recordId],
  );
  return (row as ArrearsState) ?? null;
}

const repayment = (row: ArrearsRepayment & { recordedAt: string | Date }) =>
  Object.assign(new ArrearsRepayment(), row, { recordedAt: new Date(row.recordedAt) });

/**
 * 清欠: a repayment on an ARREARS record, on the locked record (its pushing system, debt management or the credit
 * office of the jurisdiction: step right recordsRepayment). Idempotent on (record, reference): the same repayment
 * again answers the first (replayed), the reference with other facts is a CONFLICT. More than the outstanding amount
 * is BAD_USER_INPUT at `amount` (extensions.outstanding); the repayment that clears the debt ends the record by rule
 * (settleRecord: SETTLED, its listings end) in the same transaction.
 */
export async function recordRepayment(
  em: EntityManager,
  viewer: Principal,
  deps: EffectDeps,
  input: RepaymentDraft,
): Promise<RepaymentOutcome> {
  const d = checkDraft(input, deps.today);
  return em.transactional(async (tx) => {
    const facts = await lockRecord(tx, d.recordId);
    if (!facts) throw new NotFoundError(noSuchObject(WorkflowObjectType.CREDIT_RECORD, d.recordId));
    demand(recordsRepayment, viewer, facts);
    const state = await arrearsState(tx, d);
    if (!state)
      throw new InputError(bilingual('该记录不是拖欠款项记录', 'the record is not an ARREARS record'), {
        field: 'recordId',
      });
    if (state.earlier) return replay(facts, state);
    return repay(tx, { viewer, deps }, facts, state, d);
  });
}

/** The same reference again: the first repayment's answer if the facts agree, else CONFLICT. */
function replay(facts: RecordFacts, state: ArrearsState): RepaymentOutcome {
  const { same, ...earlier } = state.earlier!;
  if (!same)
    throw new ConflictError(
      bilingual(
        `还款凭证 ${earlier.reference} 已登记为另一笔还款`,
        `reference ${earlier.reference} names another repayment`,
      ),
      { reason: 'REFERENCE_REUSED' },
    );
  return {
    recordId: facts.id,
    repayment: repayment(earlier),
    outstanding: state.outstanding,
    status: facts.status,
    replayed: true,
  };
}

async function repay(
  em: EntityManager,
  { viewer, deps }: { viewer: Principal; deps: EffectDeps },
  facts: RecordFacts,
  state: ArrearsState,
  d: RepaymentDraft,
): Promise<RepaymentOutcome> {
  if (facts.status !== RecordStatus.ACTIVE)
    throw new ConflictError(
      bilingual(`记录 ${facts.id} 当前为 ${facts.status} 状态，不能登记还款`, `record ${facts.id} is ${facts.status}`),
      { state: facts.status },
    );
  if (state.over)
    throw new InputError(
      bilingual(`还款超过未清偿金额 ${state.outstanding} 元`, `more than the outstanding ${state.outstanding} yuan`),
      { field: 'amount', outstanding: state.outstanding },
    );
  const [row] = await em.execute(
    `INSERT INTO records.arrears_repayment (record_id, amount, paid_on, reference, recorded_by, recorded_role)
     VALUES (?, ?::numeric, ?::date, ?, ?, ?)
     RETURNING id::text, amount::text, to_char(paid_on, 'YYYY-MM-DD') AS "paidOn", reference, created_at AS "recordedAt"`,
    [d.recordId, d.amount, d.paidOn, d.reference, viewer.clientId, viewer.role],
  );
  const why = `清欠还款 ${d.reference}: ${d.amount} 元 (${d.paidOn})`;
  await recordEvent(em, WorkflowObjectType.CREDIT_RECORD, d.recordId, facts.status, facts.status, viewer, why);
  if (state.settles) await settleRecord(em, deps, d.recordId, viewer, `${why}; 已全部清偿`);
  return {
    recordId: facts.id,
    repayment: repayment(row as ArrearsRepayment),
    outstanding: state.after,
    status: state.settles ? RecordStatus.SETTLED : facts.status,
    replayed: false,
  };
}
