import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { conditionSql, CONDITIONS } from '../../../auth/conditions';
import { groupBy } from '../../../common/loaders';
import { pgArray } from '../../../db/sql';
import { anyOf, entityFinder, NOTHING, type Finder, type SqlFragment } from '../../../db/finder';
import { WebhookAttempt, WebhookDelivery, WebhookSubscription } from './webhook.entity';

/** Per-request finders and loaders of webhooks. */
export interface WebhookContext {
  subscriptions: WebhookFinder;
  /** Deliveries of one subscription (the caller checks it may see the subscription). */
  deliveries(subscriptionId: string): Finder<WebhookDelivery>;
  watchCodes: DataLoader<string, string[]>;
  /** Whether the caller owns each subscription (its client and role), for what a delivery body may show. */
  owned: DataLoader<string, boolean>;
  attempts: DataLoader<string, WebhookAttempt[]>;
}

type WebhookFinder = Finder<WebhookSubscription>;

/**
 * The owner: the client system (`sub`) in the role it registered with; a token of another role with the same `sub` is
 * not the owner.
 */
export function ownSubscriptions(viewer: Principal, alias = 't'): SqlFragment {
  return { sql: `(${alias}.owner_sub = ? AND ${alias}.owner_role = ?)`, params: [viewer.clientId, viewer.role] };
}

/**
 * A client system its own webhooks; the credit office also those of clients in its jurisdiction.
 * @rowRule
 */
export function subscriptionVisibility(viewer: Principal): SqlFragment {
  // A subscription's region_prefix is where its client system sits (webhook.service.ts register).
  const office = conditionSql(CONDITIONS.creditOfficeOf, viewer, undefined, { region: 't.region_prefix' });
  return viewer.authenticated ? anyOf(ownSubscriptions(viewer), office) : NOTHING;
}

export function createWebhookContext(em: EntityManager, viewer: Principal): WebhookContext {
  return {
    subscriptions: entityFinder(
      em,
      WebhookSubscription,
      'records.webhook_subscription',
      subscriptionVisibility(viewer),
    ),
    deliveries: (subscriptionId) =>
      entityFinder(em, WebhookDelivery, 'records.webhook_delivery', {
        sql: 't.subscription_id = ?',
        params: [subscriptionId],
      }),
    watchCodes: new DataLoader(async (ids) => {
      const rows: { subscription_id: string; code_display: string }[] = await em.execute(
        'SELECT subscription_id::text, code_display FROM records.webhook_watch WHERE subscription_id = ANY(?::bigint[]) ORDER BY subscription_id, code_display',
        [pgArray(ids)],
      );
      return groupBy(ids, rows, (r) => r.subscription_id).map((group) => group.map((r) => r.code_display));
    }),
    owned: new DataLoader(async (ids) => {
      const own = ownSubscriptions(viewer, 's');
      const rows: { id: string }[] = await em.execute(
        `SELECT s.id::text FROM records.webhook_subscription s WHERE s.id = ANY(?::bigint[]) AND ${own.sql}`,
        [pgArray(ids), ...own.params],
      );
      const mine = new Set(rows.map((r) => r.id));
      return ids.map((id) => viewer.authenticated && mine.has(String(id)));
    }),
    attempts: new DataLoader(async (ids) => {
      const rows: Record<string, unknown>[] = await em.execute(
        'SELECT * FROM records.webhook_attempt WHERE delivery_id = ANY(?::bigint[]) ORDER BY delivery_id, attempt, id',
        [pgArray(ids)],
      );
      return groupBy(
        ids,
        rows.map((row) => em.map(WebhookAttempt, row as never)),
        (a) => String(a.deliveryId),
      );
    }),
  };
}
