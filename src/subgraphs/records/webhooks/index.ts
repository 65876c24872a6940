import type { Capability } from '../capability';
import { WebhookAttempt, WebhookDelivery, WebhookSubscription, WebhookWatch } from './webhook.entity';
import { WebhookDeliveryResolver, WebhookResolver } from './webhook.resolver';

/** Webhooks: subscriptions, the outbox written in the writer's transaction, signed deliveries. */
export const webhooks: Capability = {
  name: 'webhooks',
  entities: [WebhookSubscription, WebhookWatch, WebhookDelivery, WebhookAttempt],
  resolvers: [WebhookResolver, WebhookDeliveryResolver],
};
