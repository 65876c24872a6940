import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { notifyListings } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';
import type { EffectDeps, LiftGrounds } from '../consequences/grounds';
import { closeWarnings } from '../consequences/warnings';
import { liftMeasures } from '../consequences/measures';

/** How a warning names a listing it rests on (early_warning.source_ref), as GOVERNMENT_CASE:7 names a case. */
export const listingRef = (id: string) => `LISTING:${id}`;

/**
 * What follows once listings have ended (delisted or past their endsOn, the caller has marked them), in the caller's
 * transaction: the watchers are told (DELISTED), the open warnings resting on them close, and their joint measures are
 * LIFTED on `grounds` (MEASURE_LIFTED). One statement each for the outbox and the warnings, one or two for the lift.
 */
export async function listingsEnded(
  em: EntityManager,
  deps: EffectDeps,
  listingIds: readonly string[],
  grounds: LiftGrounds,
  actor: Principal,
): Promise<string[]> {
  if (listingIds.length === 0) return [];
  await notifyListings(em, WebhookEvent.DELISTED, listingIds);
  await closeWarnings(em, { sourceRefs: listingIds.map(listingRef) }, grounds.reason, actor);
  return liftMeasures(em, deps, { listingIds }, grounds, actor);
}
