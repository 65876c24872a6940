import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../../common/connection';
import { NotFoundError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { parseId } from '../../../common/ids';
import { pgArray } from '../../../db/sql';
import type { RecordsContext } from '../context';
import { deliveryBody } from './dispatcher';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryState, WebhookSubscription } from './webhook.entity';
import { WebhookEvent } from './events';
import { WebhookService } from './webhook.service';

const { ConnectionType: SubscriptionConnectionType } = Connection(WebhookSubscription, 'WebhookSubscription');
@ObjectType('WebhookSubscriptionConnection', { description: 'A page of webhook subscriptions, newest first.' })
export class WebhookSubscriptionConnection extends SubscriptionConnectionType {}

const { ConnectionType: DeliveryConnectionType } = Connection(WebhookDelivery, 'WebhookDelivery');
@ObjectType('WebhookDeliveryConnection', { description: 'A page of webhook deliveries, newest first.' })
export class WebhookDeliveryConnection extends DeliveryConnectionType {}

@ObjectType('RegisteredWebhook', { description: 'A new webhook and its signing secret, shown this once.' })
export class RegisteredWebhook {
  @Field(() => WebhookSubscription, { description: 'The subscription.' })
  subscription!: WebhookSubscription;

  @Field({
    description:
      'HMAC-SHA256 key of the `X-CreditHub-Signature` header. Returned only now: keep it; to change it, register anew and delete this one.',
  })
  secret!: string;
}

const service = (ctx: RecordsContext) =>
  new WebhookService(
    ctx.em,
    ctx.viewer,
    ctx.records.selfKey,
    ctx.services.keys,
    ctx.records.directory,
    ctx.services.config.webhooks.allowPrivateTargets,
  );
const checkId = parseId;

@Resolver(() => WebhookSubscription)
export class WebhookResolver {
  @Query(() => WebhookSubscriptionConnection, {
    nullable: true,
    description: 'Your webhooks (the credit office: also those of client systems in its jurisdiction), newest first.',
  })
  async webhookSubscriptions(
    @Ctx() ctx: RecordsContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<WebhookSubscriptionConnection> {
    const all = { sql: 'true', params: [] };
    const { nodes, hasNextPage } = await ctx.webhooks.subscriptions.page(all, pageSize(first), decodeCursor(after));
    return toConnection(WebhookSubscriptionConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.webhooks.subscriptions.count(all),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Query(() => WebhookDeliveryConnection, {
    nullable: true,
    description:
      'The delivery log of a webhook you may see: every change sent or to be sent, newest first, with its attempts.',
  })
  async webhookDeliveries(
    @Ctx() ctx: RecordsContext,
    @Arg('subscriptionId', () => ID) subscriptionId: string,
    @Arg('states', () => [WebhookDeliveryState], { nullable: true, description: 'Only these states.' })
    states?: WebhookDeliveryState[],
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<WebhookDeliveryConnection> {
    checkId(subscriptionId, 'subscriptionId');
    if ((await ctx.webhooks.subscriptions.byIds([subscriptionId])).length === 0)
      throw new NotFoundError(
        bilingual(`没有您可查看的 webhook ${subscriptionId}`, `no webhook ${subscriptionId} visible to you`),
      );
    const finder = ctx.webhooks.deliveries(subscriptionId);
    const where = states?.length
      ? { sql: 't.state = ANY(?::text[])', params: [pgArray(states)] }
      : { sql: 'true', params: [] };
    const { nodes, hasNextPage } = await finder.page(where, pageSize(first), decodeCursor(after));
    return toConnection(WebhookDeliveryConnection, {
      nodes,
      hasNextPage,
      totalCount: () => finder.count(where),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Mutation(() => RegisteredWebhook, {
    description:
      'Registers a webhook: POSTs of the chosen events about the watched subjects, signed with the secret returned here (once).',
  })
  async registerWebhook(
    @Ctx() ctx: RecordsContext,
    @Arg('url', { description: 'http(s) URL that receives the POSTs.' }) url: string,
    @Arg('events', () => [WebhookEvent], { description: 'Which changes.' }) events: WebhookEvent[],
    @Arg('watchCodes', () => [String], {
      description: 'USCCs or resident ID numbers of registered subjects you may see.',
    })
    watchCodes: string[],
  ): Promise<RegisteredWebhook> {
    const { id, secret } = await service(ctx).register(url, events, watchCodes);
    const [subscription] = await ctx.webhooks.subscriptions.byIds([id]);
    return Object.assign(new RegisteredWebhook(), { subscription, secret });
  }

  @Mutation(() => ID, {
    description: 'Deletes one of your webhooks, with its pending deliveries and its delivery log; returns its id.',
  })
  async deleteWebhook(@Ctx() ctx: RecordsContext, @Arg('id', () => ID) id: string): Promise<string> {
    return service(ctx).delete(id);
  }

  @FieldResolver(() => [String], {
    description: 'The watched subjects: USCCs, and ID numbers masked (110105********002X).',
  })
  watchCodes(@Root() subscription: WebhookSubscription, @Ctx() ctx: RecordsContext): Promise<string[]> {
    return ctx.webhooks.watchCodes.load(String(subscription.id));
  }
}

/**
 * What of a stored payload the reader may see: the payload was computed for the owner when
 * the change happened. The record in it is loaded through the records finder (one statement
 * per page, and a RESTRICTED record is noted for the access log like on any other path);
 * a reader other than the owner who may not read it now gets it withheld.
 */
async function payloadForReader(ctx: RecordsContext, delivery: WebhookDelivery): Promise<Record<string, unknown>> {
  // An opinion request is for its parties only (outbox.ts notifyOpinions): to any other reader it is withheld.
  if (delivery.payload.opinion)
    return (await ctx.webhooks.owned.load(String(delivery.subscriptionId)))
      ? delivery.payload
      : { ...delivery.payload, opinion: { withheld: true } };
  const measureId = (delivery.payload.measure as { id?: string } | undefined)?.id;
  if (measureId) {
    // A lifted measure (measure-outbox.ts) as the measures' own rule lets the reader see it now.
    const [visible, owned] = await Promise.all([
      ctx.workflows.measureVisible.load(measureId),
      ctx.webhooks.owned.load(String(delivery.subscriptionId)),
    ]);
    return visible || owned ? delivery.payload : { ...delivery.payload, measure: { withheld: true } };
  }
  const recordId = (delivery.payload.record as { id?: string } | undefined)?.id;
  if (!recordId) return delivery.payload;
  const [visible, owned] = await Promise.all([
    ctx.records.loaders.recordById.load(recordId),
    ctx.webhooks.owned.load(String(delivery.subscriptionId)),
  ]);
  return visible || owned ? delivery.payload : { ...delivery.payload, record: { withheld: true } };
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => String, {
    description:
      'The JSON body as POSTed (id, event, occurredAt, subscriptionId, data). A reader other than the owner ' +
      '(the credit office of the jurisdiction) sees a record in it only if it may read that record now; ' +
      'otherwise `data.record` is `{"withheld": true}`; a joint measure (`data.measure`) likewise by the measures\' rule; ' +
      'an opinion (`data.opinion`) only to the owner. ' +
      'A RESTRICTED record shown is logged.',
  })
  async body(@Root() delivery: WebhookDelivery, @Ctx() ctx: RecordsContext): Promise<string> {
    const payload = await payloadForReader(ctx, delivery);
    return deliveryBody({
      id: String(delivery.id),
      subscription_id: String(delivery.subscriptionId),
      event: delivery.event,
      payload,
      created_at: delivery.createdAt,
    });
  }

  @FieldResolver(() => [WebhookAttempt], {
    description: 'Every attempt, oldest first: status code or error, duration.',
  })
  attemptLog(@Root() delivery: WebhookDelivery, @Ctx() ctx: RecordsContext): Promise<WebhookAttempt[]> {
    return ctx.webhooks.attempts.load(String(delivery.id));
  }
}
