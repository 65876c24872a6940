import { ForbiddenError } from '../common/errors';
import type { Bilingual } from '../common/language';
import type { Principal } from './principal';

/**
 * The right to take one step on one object (decide this repair, resolve this case), decided
 * on the row the step has locked, so that a concurrent change cannot slip between the check
 * and the write. A shield rule decides who may call the mutation at all (by role); the step
 * right decides, in the same transaction, whether this caller may act on this row. Each is
 * declared once, in its capability's rules.ts with the tag `@stepRight` (listed in
 * docs/permissions.md), and built on the named conditions of src/auth/conditions.ts.
 */
export interface StepRight<Facts> {
  /** Stable machine name, answered in `extensions.reason` of the refusal. */
  readonly name: string;
  /** What the refusal says: who may take the step. */
  readonly refusal: Bilingual;
  holds(viewer: Principal, facts: Facts): boolean;
}

export function stepRight<Facts>(
  name: string,
  refusal: Bilingual,
  holds: (viewer: Principal, facts: Facts) => boolean,
): StepRight<Facts> {
  return Object.freeze({ name, refusal, holds });
}

/** FORBIDDEN (reason = the right's name) unless the right holds for this viewer and row. */
export function demand<Facts>(right: StepRight<Facts>, viewer: Principal, facts: Facts): void {
  if (!right.holds(viewer, facts)) throw new ForbiddenError(right.refusal, { reason: right.name });
}
