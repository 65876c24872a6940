import { ArrayType, BigIntType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WebhookEvent } from './events';

export enum WebhookDeliveryState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  description: 'PENDING (due or waiting for a retry), DELIVERED (a 2xx answer), FAILED (maximum attempts reached).',
});

/**
 * A client system's webhook. The owner is the registered client (its id, docs/clients.md); its role, jurisdiction and
 * organization are kept as they were at registration, since deliveries are filtered by what
 * that principal may see when the change happens. The signing secret is stored encrypted
 * (PiiProtector, AES-256-GCM under PII_SECRET): the dispatcher needs it back to sign.
 */
@ObjectType('WebhookSubscription', {
  description: 'A webhook registered by a client system: where to POST which changes about which subjects.',
})
@Entity({ schema: 'records', tableName: 'webhook_subscription' })
@Index({ name: 'webhook_subscription_owner_idx', properties: ['ownerSub'] })
export class WebhookSubscription {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID, { description: 'Stable identifier of the subscription.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field({ description: 'Registered client system (its client id) that registered it.' })
  @Property({ type: 'text' })
  ownerSub!: string;

  @Field({ description: 'Role of that client system at registration.' })
  @Property({ type: 'text' })
  ownerRole!: string;

  @Field({ description: 'Its jurisdiction (division-code prefix, empty = national) at registration.' })
  @Property({ type: 'string', columnType: 'varchar(6)' })
  regionPrefix!: string;

  /** Government roles: the organization's USCC (records it decided are visible to it). Never a person's ID number. */
  @Property({ type: 'text', nullable: true })
  ownerOrg?: string | null;

  /** SUBJECT: the look-up key of itself (a keyed hash for a person), for its own records. */
  @Property({ type: 'text', nullable: true })
  selfKey?: string | null;

  @Field({ description: 'Where deliveries are POSTed (http or https).' })
  @Property({ type: 'text' })
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The changes subscribed to.' })
  @Property({ type: ArrayType })
  events!: WebhookEvent[];

  @Property({ type: 'text' })
  secretCipher!: string;

  @Field({ description: 'When it was registered.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** A subject a subscription watches, by look-up key; `codeDisplay` is the USCC or the masked ID number. */
@Entity({ schema: 'records', tableName: 'webhook_watch' })
@Index({ name: 'webhook_watch_subject_idx', properties: ['subjectKey'] })
export class WebhookWatch {
  @PrimaryKey({ type: 'bigint' })
  subscriptionId!: string;

  @PrimaryKey({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'text' })
  codeDisplay!: string;
}

/**
 * The transactional outbox: one row per (change, subscription), written in the transaction
 * of the change. The dispatcher claims due rows (FOR UPDATE SKIP LOCKED), POSTs them, and
 * moves them to DELIVERED or, after the maximum attempts, FAILED.
 */
@ObjectType('WebhookDelivery', { description: 'One change to be delivered to one webhook, with its attempts.' })
@Entity({ schema: 'records', tableName: 'webhook_delivery' })
@Index({
  name: 'webhook_delivery_due_idx',
  expression: `create index "webhook_delivery_due_idx" on "records"."webhook_delivery" ("next_attempt_at") where "state" = 'PENDING'`,
})
@Index({ name: 'webhook_delivery_subscription_idx', properties: ['subscriptionId', 'id'] })
export class WebhookDelivery {
  [OptionalProps]?: 'createdAt' | 'state' | 'attempts' | 'nextAttemptAt';

  @Field(() => ID, {
    description:
      'Delivery id, sent as `X-CreditHub-Delivery` and `id` in the body: the same on every retry, for receiver-side dedupe.',
  })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => ID, { description: 'The subscription.' })
  @Property({ type: new BigIntType('string') })
  subscriptionId!: string;

  @Field(() => WebhookEvent, { description: 'What happened.' })
  @Enum({ items: () => WebhookEvent, type: 'text' })
  event!: WebhookEvent;

  /** The event's `data` (JSON); the body adds id, event, occurredAt and subscriptionId. */
  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Field(() => WebhookDeliveryState, { description: 'Where the delivery stands.' })
  @Enum({ items: () => WebhookDeliveryState, type: 'text', default: WebhookDeliveryState.PENDING })
  state: WebhookDeliveryState = WebhookDeliveryState.PENDING;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Property({ type: 'int', default: 0 })
  attempts: number = 0;

  @Field({ description: 'When the next attempt is due (PENDING), or was last scheduled.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When a receiver accepted it (2xx).' })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  @Field({ description: 'When the change happened (the outbox row was written with it).' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** The delivery log: every attempt, successful or not. */
@ObjectType('WebhookAttempt', {
  description: 'One attempt to deliver: when, the answer (status code or error) and how long it took.',
})
@Entity({ schema: 'records', tableName: 'webhook_attempt' })
@Index({ name: 'webhook_attempt_delivery_idx', properties: ['deliveryId', 'attempt'] })
export class WebhookAttempt {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: new BigIntType('string') })
  deliveryId!: string;

  @Field(() => Int, { description: '1 for the first attempt.' })
  @Property({ type: 'int' })
  attempt!: number;

  @Field({ description: 'When the attempt ended.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Field(() => Int, {
    nullable: true,
    description: 'HTTP status the receiver answered; null when there was no answer.',
  })
  @Property({ type: 'int', nullable: true })
  statusCode?: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed (connection refused, timeout, non-2xx status).' })
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Field(() => Int, { description: 'Milliseconds from sending to the answer (or the error).' })
  @Property({ type: 'int' })
  durationMs!: number;

  @Field({ description: 'Whether the receiver accepted it (2xx).' })
  @Property({ type: 'boolean' })
  succeeded!: boolean;
}
