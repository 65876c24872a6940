import { bilingual, inLanguage } from '../../../common/language';
import { checkMessage } from '../../../identity';
import { isPersonKey, type IdentifiedCode } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';
import { CheckDecision, type CheckContext } from '../policy/interception';
import { decideUnanswered, type Decided } from '../policy/interception-decision';
import { decideView, viewOf, type CheckRows } from './interception';
import { RepresentativeCheck } from './interception.type';
import { mayConfirm, noteConfirmed } from './person-lookup';
import { subjectStub } from '../subject.stub';

/**
 * A bidder's legal representative (法定代表人), checked by resident ID number in the same
 * statements as the bidders (docs/interception.md, "What a decision reveals").
 *
 * The number is weighed for every caller: the listings in force (lists are public) and the
 * records the caller may read, the level only for conditions.maySeePersonStanding. To a caller
 * that may not look the person up by full number (conditions.mayReadFullPersonCode), the answer
 * is only a BLOCK or WARN with its rule (which names a list or a record category), never the
 * subject, and a PASS is the answer for an unregistered number, so the registry's persons are not
 * confirmed. Every weighing of a registered person is noted (PERSON_STANDING, `interception`).
 */
export function checkRepresentative(
  ctx: RecordsContext,
  code: IdentifiedCode,
  rows: CheckRows,
  context: CheckContext,
): RepresentativeCheck {
  const policy = ctx.records.interception.contexts[context];
  const personCode = code.check.valid && code.types.includes('RESIDENT_ID');
  if (!personCode) {
    const problem = code.check.valid
      ? bilingual('法定代表人须以公民身份号码核查', 'a legal representative is checked by resident ID number')
      : checkMessage(code.check);
    return answer(decideUnanswered(false, policy), { valid: false, problem: inLanguage(problem, ctx.language) });
  }
  const entry = code.keys
    .filter(isPersonKey)
    .map((key) => rows.entries.get(key))
    .find((e) => e !== undefined);
  if (!entry) return answer(decideUnanswered(true, policy));
  ctx.audit.note({ resource: 'PERSON_STANDING', subjectKey: entry.key, fields: ['interception'], outcome: 'GRANTED' });
  const decided = decideView(ctx, context, viewOf(ctx, entry, rows));
  if (!mayConfirm(ctx, entry))
    return answer(decided.decision === CheckDecision.PASS ? decideUnanswered(true, policy) : decided);
  noteConfirmed(ctx, entry.key, 'blacklistCheck.legalRepresentative');
  return answer(decided, { subject: entry.visible ? subjectStub(entry.key, entry.name) : null });
}

function answer(decided: Decided, extra: Partial<RepresentativeCheck> = {}): RepresentativeCheck {
  return Object.assign(new RepresentativeCheck(), {
    valid: true,
    problem: null,
    subject: null,
    decision: decided.decision,
    rule: decided.rule,
    ...extra,
  });
}
