import { addDays, addMonths } from '../../../common/dates';
import type { RecordCategory, RecordNature, SanctionKind, Severity } from '../enums';
import type { CreditPolicy } from './credit-policy';
import { penaltyFacts, type PenaltyFacts } from './penalty-facts';
import { PublicityPeriod, type PublicityRule } from './publicity-rules';
import { sanctionEffect } from './sanction-effect';

export interface PublicityWindow {
  /** First day the record may be published: the decision date. */
  from: string;
  /** First day an application for early end of publicity (credit repair) may be made. */
  repairableFrom: string;
  /** Last day of publicity; afterwards publicity stops by itself. */
  until: string;
}

/** The window and what else the rule decides: how long the record is used, whether it is ever public. */
export interface PublicityTerms extends PublicityWindow {
  /** Last day government systems share and use the record (使用期限); afterwards the credit office and the subject. */
  usableUntil: string;
  /** Id of the rule applied. */
  rule: string;
  /** false: the record is never PUBLIC (SAMR Order 45: warnings). */
  published: boolean;
}

/** What the rules look at: the record's classification, its sanction kind and its imported 双公示 items. */
export interface PublicityRecord {
  nature: RecordNature;
  severity: Severity;
  category?: RecordCategory;
  decidedAt: string;
  sanctionKind?: SanctionKind | null;
  sourceItems?: Record<string, string> | null;
}

function matches(rule: PublicityRule, record: PublicityRecord, facts: PenaltyFacts): boolean {
  return (
    rule.nature === record.nature &&
    (!rule.severity || rule.severity === record.severity) &&
    (!rule.category || rule.category === record.category) &&
    (!rule.authority || rule.authority === facts.authority) &&
    (!rule.penalties || (!!facts.penalty && rule.penalties.includes(facts.penalty))) &&
    (rule.period !== PublicityPeriod.SANCTION_EFFECT || !!record.sanctionKind)
  );
}

/** Authority, penalty class and effect period say more than category, category more than severity. */
function specificity(rule: PublicityRule): number {
  return (
    (rule.authority ? 8 : 0) +
    (rule.penalties ? 8 : 0) +
    (rule.period === PublicityPeriod.SANCTION_EFFECT ? 8 : 0) +
    (rule.category ? 2 : 0) +
    (rule.severity ? 1 : 0)
  );
}

/** The rule a record falls under: the most specific matching one; ties go to the first in the file. */
export function publicityRuleFor(record: PublicityRecord, policy: CreditPolicy, facts?: PenaltyFacts): PublicityRule {
  const known = facts ?? penaltyFacts(record.sourceItems, policy.publicity);
  const rule = policy.publicity.rules
    .filter((candidate) => matches(candidate, record, known))
    .reduce<PublicityRule | undefined>(
      (best, r) => (!best || specificity(r) > specificity(best) ? r : best),
      undefined,
    );
  if (!rule)
    throw new Error(`no publicity rule for ${record.nature}/${record.severity}/${record.category ?? 'any category'}`);
  return rule;
}

/** Last day of `months` counted from `start`: one year from 2025-03-10 ends on 2026-03-09. */
const lastDay = (start: string, months: number) => addDays(addMonths(start, months), -1);

/**
 * The record's publicity under the policy: the rule's period (months, or the sanction's effect period; a longer
 * restriction where the rule covers it), ended earlier by the authority's own 公示截止期 when given (never later: the
 * rule's maximum is the legal maximum), then the use period counted from the day after publicity ends.
 */
export function publicityTerms(record: PublicityRecord, policy: CreditPolicy): PublicityTerms {
  const facts = penaltyFacts(record.sourceItems, policy.publicity);
  const rule = publicityRuleFor(record, policy, facts);
  const maximum = lastDay(record.decidedAt, rule.maxMonths);
  let until = maximum;
  let repairableFrom = addMonths(record.decidedAt, rule.minMonths ?? 0);
  if (rule.period === PublicityPeriod.SANCTION_EFFECT) {
    until = sanctionEffect(record.sanctionKind!, record.decidedAt, policy).until ?? maximum;
    // A sanction ends with its effect period, not by credit repair: no early end to apply for.
    repairableFrom = addDays(until, 1);
  }
  if (rule.coversRestriction && facts.restrictionEnd && facts.restrictionEnd > until) until = facts.restrictionEnd;
  if (facts.authorityEnd && facts.authorityEnd >= record.decidedAt && facts.authorityEnd < until)
    until = facts.authorityEnd;
  const useMonths = rule.useMonths ?? policy.publicity.useMonths;
  return {
    from: record.decidedAt,
    repairableFrom,
    until,
    usableUntil: lastDay(addDays(until, 1), useMonths),
    rule: rule.id,
    published: rule.published,
  };
}

/** The publicity window alone (publicityTerms). */
export function publicityWindow(record: PublicityRecord, policy: CreditPolicy): PublicityWindow {
  const { from, repairableFrom, until } = publicityTerms(record, policy);
  return { from, repairableFrom, until };
}

export function isWithinWindow(window: { from: string; until: string }, on: string): boolean {
  return window.from <= on && on <= window.until;
}
