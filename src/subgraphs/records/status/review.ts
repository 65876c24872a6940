import { inLanguage } from '../../../common/language';
import { checkMessage } from '../../../identity';
import { isPersonKey, type IdentifiedCode } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';
import { Severity } from '../enums';
import { decideView, loadCheckRows, viewOf, type CheckRows, type SubjectView } from '../lists/interception';
import { answersPersonLookups, mayConfirm, noteConfirmed } from '../lists/person-lookup';
import { CheckContext } from '../policy/interception';
import { decideUnanswered, depositRelief } from '../policy/interception-decision';
import { subjectStub } from '../subject.stub';
import { countsOf, workflowCounts, workflowCountsSql, type WorkflowCounts } from './review-rows';
import { CreditReview } from './review.type';

/**
 * creditReview: every code's level, score, records in force, listings, measures and breached
 * commitments, and the interception decision for `context`, in two statements whatever the
 * batch size (lists/interception.ts: the registry, and the records schema's facts with status/review-rows.ts' counts),
 * plus one for CreditReview.records when asked. Released as creditStatus is (status/standing.ts): a resident
 * ID number only to conditions.mayReadFullPersonCode, else the unregistered row (`withheld`).
 */
export async function reviewCodes(
  ctx: RecordsContext,
  identified: IdentifiedCode[],
  context: CheckContext,
): Promise<CreditReview[]> {
  const persons = answersPersonLookups(ctx);
  const keys = [...new Set(identified.flatMap((c) => c.keys).filter((key) => persons || !isPersonKey(key)))];
  const rows = await loadCheckRows(ctx, keys, { counts: workflowCountsSql(ctx, keys) });
  const counts = workflowCounts(rows.counts);
  return identified.map((code) => reviewOf(ctx, code, context, rows, counts));
}

function reviewOf(
  ctx: RecordsContext,
  code: IdentifiedCode,
  context: CheckContext,
  rows: CheckRows,
  counts: Map<string, WorkflowCounts>,
): CreditReview {
  const entry = code.keys
    .map((key) => rows.entries.get(key))
    .find((e) => e !== undefined && (!isPersonKey(e.key) || mayConfirm(ctx, e)));
  const base = {
    code: code.normalized,
    valid: code.check.valid,
    problem: code.check.valid ? null : inLanguage(checkMessage(code.check), ctx.language),
    withheld: code.types.includes('RESIDENT_ID') && !entry,
    context,
    asOf: ctx.records.today,
    policyVersion: `${ctx.records.policy.version} / ${ctx.records.interception.version}`,
  };
  if (!entry) return Object.assign(new CreditReview(), base, unanswered(ctx, code.check.valid, context));
  if (isPersonKey(entry.key)) {
    noteConfirmed(ctx, entry.key, 'creditReview');
    ctx.audit.note({
      resource: 'PERSON_STANDING',
      subjectKey: entry.key,
      fields: ['creditReview'],
      outcome: 'GRANTED',
    });
  }
  const view = viewOf(ctx, entry, rows);
  const subject = entry.visible ? subjectStub(entry.key, entry.name) : null;
  return Object.assign(new CreditReview(), base, { registered: true, subject }, released(ctx, context, view), {
    ...workflowsOf(isPersonKey(entry.key) && view.standing, countsOf(counts, entry.key)),
  });
}

function unanswered(ctx: RecordsContext, valid: boolean, context: CheckContext): Partial<CreditReview> {
  const decided = decideUnanswered(valid, ctx.records.interception.contexts[context]);
  return {
    registered: false,
    subject: null,
    level: null,
    score: null,
    seriousRecordCount: 0,
    generalRecordCount: 0,
    recordIds: [],
    listings: [],
    activeMeasureCount: 0,
    breachedCommitmentCount: 0,
    decision: decided.decision,
    rule: decided.rule,
    depositRelief: null,
  };
}

function released(ctx: RecordsContext, context: CheckContext, view: SubjectView): Partial<CreditReview> {
  const decided = decideView(ctx, context, view);
  const level = view.score?.level ?? null;
  const counted = (severity: Severity) =>
    view.dishonest.reduce((n, r) => n + (r.severity === severity ? (r.count ?? 1) : 0), 0);
  const serious = counted(Severity.SERIOUS);
  return {
    level,
    score: view.score?.score ?? null,
    seriousRecordCount: serious,
    generalRecordCount: counted(Severity.GENERAL),
    recordIds: view.readable.flatMap((row) => (row.id === null ? [] : [row.id])),
    listings: view.listings,
    decision: decided.decision,
    rule: decided.rule,
    depositRelief:
      context === CheckContext.PROCUREMENT && level !== null
        ? depositRelief(level, serious === 0 && !view.listings.length, ctx.records.interception)
        : null,
  };
}

/** A person's standing released counts every row; otherwise only those resting on rows the caller may read. */
function workflowsOf(all: boolean, counts: WorkflowCounts): Partial<CreditReview> {
  return {
    activeMeasureCount: all ? counts.measures : counts.visibleMeasures,
    breachedCommitmentCount: all ? counts.breaches : counts.visibleBreaches,
  };
}
