import { addDays, addMonths } from '../../../common/dates';
import type { SanctionKind } from '../enums';
import type { CreditPolicy } from './credit-policy';

/** A sanction's effect period (处分期间): from the decision date to its last day, null = no end (开除). */
export interface SanctionEffect {
  from: string;
  until: string | null;
}

/**
 * The effect period of a sanction of `kind` decided on `decidedAt`: N months counted from the
 * decision, the last day being the day before the same date N months later (like publicity).
 */
export function sanctionEffect(kind: SanctionKind, decidedAt: string, policy: CreditPolicy): SanctionEffect {
  const months = policy.sanctionPeriods[kind];
  return { from: decidedAt, until: months === null ? null : addDays(addMonths(decidedAt, months), -1) };
}

/** Whether the sanction is in effect on `on` (ISO dates compare as strings). */
export function inEffect(effect: SanctionEffect, on: string): boolean {
  return effect.from <= on && (effect.until === null || on <= effect.until);
}
