import type { EntityManager } from '@mikro-orm/postgresql';
import { makePrincipal, type Principal } from '../../../auth/principal';
import { today } from '../../../common/dates';
import type { SubjectDirectory } from '../../../common/subject-directory';
import type { HubServices } from '../../../services';
import type { ListType } from '../enums';
import { LISTING_EXPIRED, type LiftGrounds } from '../consequences/grounds';
import { basisOf, listKeepers, type ListRules } from './list-rules';
import { listingsEnded } from './listing-end';

/** The client id the expiry writes its events as; the role is the list's first keeper (list-rules.json). */
export const EXPIRY_ACTOR = 'credit-hub-list-expiry';
/** Listings per transaction. */
export const EXPIRY_BATCH = 200;

export interface ExpiryDeps {
  rules: ListRules;
  /** The subject directory on the batch's transaction (who may be told, webhooks). */
  directoryOf: (em: EntityManager) => SubjectDirectory;
  today: string;
  batchSize?: number;
}

export interface ExpiryResult {
  listings: number;
  measures: number;
}

interface DueListing {
  id: string;
  list_type: ListType;
  basis_id: string | null;
  legal_basis: string;
}

/**
 * Marks (expired_at) up to `limit` listings whose last day (endsOn) is before `today`, neither delisted nor withdrawn
 * nor marked yet, and returns them; SKIP LOCKED so that two runs (CLI and the records process) never take the same.
 */
function markExpired(em: EntityManager, day: string, limit: number): Promise<DueListing[]> {
  return em.execute(
    `UPDATE records.listing l SET expired_at = now()
     FROM (SELECT d.id FROM records.listing d
           WHERE d.expired_at IS NULL AND d.delisted_at IS NULL AND d.ends_on IS NOT NULL AND d.ends_on < ?::date
             AND d.objection_outcome IS DISTINCT FROM 'WITHDRAW_LISTING'
           ORDER BY d.ends_on, d.id LIMIT ? FOR UPDATE SKIP LOCKED) due
     WHERE l.id = due.id
     RETURNING l.id::text, l.list_type, l.basis_id, l.legal_basis`,
    [day, limit],
  );
}

/** Grounds and actor of an expiry, per list and basis: 名单期满 and the basis of the list rule the listing rests on. */
function expiryOf(rules: ListRules, row: DueListing): { key: string; grounds: LiftGrounds; actor: Principal } {
  const rule = rules.lists[row.list_type];
  // The decision's own wording (legal_basis) only when its basis is no longer configured: groups stay per rule basis.
  const basis = basisOf(rule, row.basis_id)?.text ?? row.legal_basis;
  return {
    key: `${row.list_type}|${basis}`,
    grounds: { reason: `${LISTING_EXPIRED}: ${rule.name}`, basis },
    actor: makePrincipal({ sub: EXPIRY_ACTOR, role: listKeepers(rule)[0] }),
  };
}

/**
 * One batch in the caller's transaction: marks the due listings, then per list and basis what follows a listing's end,
 * the very function delisting uses (listing-end.ts listingsEnded: DELISTED, warnings closed, measures LIFTED with
 * MEASURE_LIFTED). Statements: one to mark, then at most four plus one per measure subscriber per (list, basis) pair,
 * so a batch's cost is bounded by the configured bases, not by the listings in it.
 */
export async function expireBatch(em: EntityManager, deps: ExpiryDeps, limit: number): Promise<ExpiryResult> {
  const due = await markExpired(em, deps.today, limit);
  const groups = new Map<string, { expiry: ReturnType<typeof expiryOf>; ids: string[] }>();
  for (const row of due) {
    const expiry = expiryOf(deps.rules, row);
    const group = groups.get(expiry.key) ?? { expiry, ids: [] };
    group.ids.push(row.id);
    groups.set(expiry.key, group);
  }
  const effects = { directory: deps.directoryOf(em), today: deps.today };
  let measures = 0;
  for (const { expiry, ids } of groups.values())
    measures += (await listingsEnded(em, effects, ids, expiry.grounds, expiry.actor)).length;
  return { listings: due.length, measures };
}

/**
 * Ends every listing past its endsOn with what rests on it (docs/lists.md "Expiry"): one transaction per batch, until
 * a batch is not full. Idempotent: a marked listing is never taken again, so a second run changes nothing.
 */
export async function expireListings(em: EntityManager, deps: ExpiryDeps): Promise<ExpiryResult> {
  const size = deps.batchSize ?? EXPIRY_BATCH;
  const total: ExpiryResult = { listings: 0, measures: 0 };
  for (;;) {
    const done = await em.fork().transactional((tx) => expireBatch(tx, deps, size));
    total.listings += done.listings;
    total.measures += done.measures;
    if (done.listings < size) return total;
  }
}

/** expireListings on today's date with the hub's rules and directory (`credit-hub lists expire`, the timer below). */
export function expireListingsNow(services: HubServices): Promise<ExpiryResult> {
  return expireListings(services.orm.em, {
    rules: services.listRules,
    directoryOf: (em) => services.subjectDirectory(em),
    today: today(),
  });
}

export interface ListExpiry {
  stop(): Promise<void>;
}

/**
 * Runs the expiry at start and every LIST_EXPIRY_INTERVAL_SECONDS in the process that sends the webhooks (the records
 * service, or the single process); null when the interval is 0 (then only `credit-hub lists expire` runs it). A failed
 * run is logged and retried at the next interval: nothing was written by it.
 */
export function startListExpiry(services: HubServices): ListExpiry | null {
  const seconds = services.config.listExpiryIntervalSeconds;
  if (seconds === 0 || !services.config.webhooks.dispatcher) return null;
  let running: Promise<void> = Promise.resolve();
  const tick = () =>
    (running = running.then(async () => {
      try {
        const done = await expireListingsNow(services);
        if (done.listings > 0) services.logger.info(done, 'listings past their endsOn ended, their measures lifted');
      } catch (error) {
        services.logger.warn({ err: error }, 'listing expiry failed; retrying at the next interval');
      }
    }));
  void tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
