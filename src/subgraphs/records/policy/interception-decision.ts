import type { ListType, RecordCategory, Severity } from '../enums';
import {
  CheckDecision,
  DepositReliefKind,
  type ContextPolicy,
  type InterceptionPolicy,
  type InterceptionRule,
} from './interception';

/**
 * The decision of the interception policy for one subject: a pure function of what the caller
 * may know of it (docs/interception.md). Every matching rule is a reason; the decision is the
 * heaviest of them (BLOCK over WARN), its rule the first of that weight in file order; no match
 * is the context's `clean` rule (PASS).
 */
export interface InterceptionFacts {
  /** Types of the listings in force (lists are public). */
  listTypes: readonly ListType[];
  /** Dishonesty records that count today, of those the caller may see. */
  records: readonly { category: RecordCategory; severity: Severity }[];
  /** Credit level as the caller is told it; null = not told (a person's standing, withheld). */
  level: string | null;
}

export interface RuleRef {
  id: string;
  description: string;
  basis: string;
}

export interface Decided {
  decision: CheckDecision;
  rule: RuleRef;
}

const WEIGHT = [CheckDecision.PASS, CheckDecision.WARN, CheckDecision.BLOCK];

function ref(rule: RuleRef): RuleRef {
  return { id: rule.id, description: rule.description, basis: rule.basis };
}

export function ruleMatches(rule: InterceptionRule, facts: InterceptionFacts): boolean {
  if (rule.listTypes) return facts.listTypes.some((type) => rule.listTypes!.includes(type));
  if (rule.levels) return facts.level !== null && rule.levels.includes(facts.level);
  return facts.records.some(
    (r) =>
      (!rule.recordCategories || rule.recordCategories.includes(r.category)) &&
      (!rule.recordSeverities || rule.recordSeverities.includes(r.severity)),
  );
}

export function decide(facts: InterceptionFacts, policy: ContextPolicy): Decided {
  let best: InterceptionRule | undefined;
  for (const rule of policy.rules) {
    if (!ruleMatches(rule, facts)) continue;
    if (!best || WEIGHT.indexOf(rule.decision) > WEIGHT.indexOf(best.decision)) best = rule;
  }
  return best
    ? { decision: best.decision, rule: ref(best) }
    : { decision: CheckDecision.PASS, rule: ref(policy.clean) };
}

/** The decision of a code that is not answered: unregistered, or withheld (the same by design), or invalid. */
export function decideUnanswered(valid: boolean, policy: ContextPolicy): Decided {
  const rule = valid ? policy.unregistered : policy.invalid;
  return { decision: rule.decision, rule: ref(rule) };
}

/** The heavier of two decisions; the first on a tie (the bidder's before its representative's). */
export function heavier(a: Decided, b: Decided | null): Decided {
  return b && WEIGHT.indexOf(b.decision) > WEIGHT.indexOf(a.decision) ? b : a;
}

export interface Relief {
  kind: DepositReliefKind;
  percent: number;
  rule: RuleRef;
}

/**
 * 信易购: the performance-deposit relief a level earns in procurement (the first rule naming it), for a
 * subject without a serious dishonesty record or a listing in force (`clean`: relief rewards 守信), else none.
 */
export function depositRelief(level: string | null, clean: boolean, policy: InterceptionPolicy): Relief {
  const rule = level === null || !clean ? undefined : policy.depositRelief.rules.find((r) => r.levels.includes(level));
  if (!rule) return { kind: DepositReliefKind.NONE, percent: 0, rule: ref(policy.depositRelief.none) };
  return { kind: rule.kind, percent: rule.percent, rule: ref(rule) };
}
