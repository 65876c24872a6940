import { addDays, addMonths } from '../../../common/dates';
import type { RecordCategory, RecordNature, Severity } from '../enums';
import type { CreditPolicy } from './credit-policy';

export interface PublicityWindow {
  /** First day the record may be published: the decision date. */
  from: string;
  /** First day an application for early end of publicity (credit repair) may be made. */
  repairableFrom: string;
  /** Last day of publicity; afterwards publicity stops by itself. */
  until: string;
}

/**
 * The publicity window of a record under the policy: the most specific rule wins
 * (category + severity, then severity, then nature alone).
 */
export function publicityWindow(
  record: { nature: RecordNature; severity: Severity; category?: RecordCategory; decidedAt: string },
  policy: CreditPolicy,
): PublicityWindow {
  const candidates = policy.publicity.rules
    .filter((rule) => rule.nature === record.nature)
    .filter((rule) => !rule.severity || rule.severity === record.severity)
    .filter((rule) => !rule.category || rule.category === record.category)
    .sort((a, b) => specificity(b) - specificity(a));
  const rule = candidates[0];
  if (!rule)
    throw new Error(`no publicity rule for ${record.nature}/${record.severity}/${record.category ?? 'any category'}`);
  return {
    from: record.decidedAt,
    repairableFrom: addMonths(record.decidedAt, rule.minMonths),
    // The window covers [from, until]: one year from 2025-03-10 ends on 2026-03-09.
    until: addDays(addMonths(record.decidedAt, rule.maxMonths), -1),
  };
}

function specificity(rule: { severity?: string; category?: string }): number {
  return (rule.category ? 2 : 0) + (rule.severity ? 1 : 0);
}

export function isWithinWindow(window: { from: string; until: string }, on: string): boolean {
  return window.from <= on && on <= window.until;
}
