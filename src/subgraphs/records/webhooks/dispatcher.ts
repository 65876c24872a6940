import type { WebhookSettings } from '../../../config';
import type { Logger } from '../../../common/logger';
import { webhookAttempts } from '../../../common/metrics';
import type { HubServices } from '../../../services';
import type { Orm } from '../../../db/orm';
import type { PiiProtector } from '../../../identity/pii';
import { retryDelayMs } from './retry';
import { signWebhook } from './signature';
import { pinnedPost } from './pinned-post';
import { checkedTarget } from './target-guard';

/** Headers of a delivery (docs/webhooks.md). */
export const WEBHOOK_HEADERS = {
  event: 'x-credithub-event',
  delivery: 'x-credithub-delivery',
  attempt: 'x-credithub-attempt',
  timestamp: 'x-credithub-timestamp',
  signature: 'x-credithub-signature',
} as const;

interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  url: string;
  secret_cipher: string;
}

interface AttemptResult {
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  succeeded: boolean;
  /** null = no retry: delivered, or FAILED. */
  retry_ms: number | null;
}

/** The exact bytes that are signed and sent; the same on every attempt of a delivery. */
export function deliveryBody(
  delivery: Pick<ClaimedDelivery, 'id' | 'subscription_id' | 'event' | 'payload' | 'created_at'>,
): string {
  return JSON.stringify({
    id: delivery.id,
    event: delivery.event,
    occurredAt: new Date(delivery.created_at).toISOString(),
    subscriptionId: delivery.subscription_id,
    data: delivery.payload,
  });
}

/**
 * Sends the outbox. Each round claims up to batchSize due deliveries in one statement
 * (FOR UPDATE SKIP LOCKED, so several hub processes never claim the same row) and leases
 * them by moving next_attempt_at past the request timeout: a process that dies mid-round
 * leaves them to be retried by another when the lease ends (at-least-once; receivers
 * dedupe on the delivery id). Then it POSTs them concurrently and records every attempt.
 */
export class WebhookDispatcher {
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly pii: PiiProtector,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  /** Runs rounds until stop(): straight on while there is a full batch, else after pollIntervalMs. */
  start(): this {
    if (this.loop) return this;
    this.loop = (async () => {
      while (!this.stopping) {
        let sent = 0;
        try {
          sent = await this.runOnce();
        } catch (error) {
          this.logger.error({ err: error }, 'webhook dispatcher round failed');
        }
        if (sent < this.settings.batchSize && !this.stopping) await this.pause(this.settings.pollIntervalMs);
      }
    })();
    this.logger.info(
      { pollIntervalMs: this.settings.pollIntervalMs, maxAttempts: this.settings.maxAttempts },
      'webhook dispatcher started',
    );
    return this;
  }

  /** Finishes the round in flight (bounded by the request timeout), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  /** One round: claim, send, record. Returns how many deliveries were attempted. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    if (claimed.length === 0) return 0;
    const results = await Promise.all(claimed.map((delivery) => this.send(delivery)));
    await this.record(results);
    return claimed.length;
  }

  private claim(): Promise<ClaimedDelivery[]> {
    const leaseMs = this.settings.timeoutMs + 30_000;
    return this.orm.em.fork().execute(
      `WITH due AS (
         SELECT d.id FROM records.webhook_delivery d
         WHERE d.state = 'PENDING' AND d.next_attempt_at <= now()
         ORDER BY d.next_attempt_at, d.id
         LIMIT ? FOR UPDATE SKIP LOCKED)
       UPDATE records.webhook_delivery d
       SET attempts = d.attempts + 1, next_attempt_at = now() + ? * interval '1 millisecond'
       FROM due, records.webhook_subscription s
       WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id::text, d.subscription_id::text, d.event, d.payload, d.attempts, d.created_at, s.url, s.secret_cipher`,
      [this.settings.batchSize, leaseMs],
    );
  }

  private async send(delivery: ClaimedDelivery): Promise<AttemptResult> {
    const body = deliveryBody(delivery);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      // Resolved and checked at every delivery (a name may have been pointed inside since
      // registration), then connected to that very address.
      const target = await checkedTarget(delivery.url, this.settings.allowPrivateTargets);
      const timestamp = String(Math.floor(Date.now() / 1000));
      statusCode = await pinnedPost(
        delivery.url,
        target,
        body,
        {
          'content-type': 'application/json',
          'user-agent': 'credit-hub-webhooks/1',
          [WEBHOOK_HEADERS.event]: delivery.event,
          [WEBHOOK_HEADERS.delivery]: delivery.id,
          [WEBHOOK_HEADERS.attempt]: String(delivery.attempts),
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.signature]: signWebhook(this.pii.decrypt(delivery.secret_cipher), timestamp, body),
        },
        this.settings.timeoutMs,
      );
      if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
    } catch (caught) {
      error = describeFailure(caught, this.settings.timeoutMs);
    }
    const succeeded = error === null;
    const retry = succeeded ? null : retryDelayMs(delivery.attempts, policyOf(this.settings), this.random);
    webhookAttempts.inc({ outcome: succeeded ? 'delivered' : retry === null ? 'failed' : 'retry' });
    if (!succeeded)
      this.logger.warn(
        { delivery: delivery.id, attempt: delivery.attempts, error, retryInMs: retry },
        'webhook delivery attempt failed',
      );
    return {
      delivery_id: delivery.id,
      attempt: delivery.attempts,
      status_code: statusCode,
      error: error?.slice(0, 500) ?? null,
      duration_ms: Math.round(performance.now() - started),
      succeeded,
      retry_ms: retry,
    };
  }

  /**
   * The attempts and the new states, in one transaction; rows whose subscription was deleted meanwhile are gone
   * and skipped.
   */
  private async record(results: AttemptResult[]): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const json = JSON.stringify(results);
      const columns =
        'delivery_id bigint, attempt int, status_code int, error text, duration_ms int, succeeded boolean, retry_ms bigint';
      await em.execute(
        `INSERT INTO records.webhook_attempt (delivery_id, attempt, status_code, error, duration_ms, succeeded)
         SELECT x.delivery_id, x.attempt, x.status_code, x.error, x.duration_ms, x.succeeded
         FROM jsonb_to_recordset(?::jsonb) AS x(${columns})
         JOIN records.webhook_delivery d ON d.id = x.delivery_id`,
        [json],
      );
      await em.execute(
        `UPDATE records.webhook_delivery d SET
           state = CASE WHEN x.succeeded THEN 'DELIVERED' WHEN x.retry_ms IS NULL THEN 'FAILED' ELSE 'PENDING' END,
           delivered_at = CASE WHEN x.succeeded THEN now() END,
           next_attempt_at = CASE WHEN x.retry_ms IS NULL THEN now() ELSE now() + x.retry_ms * interval '1 millisecond' END
         FROM jsonb_to_recordset(?::jsonb) AS x(${columns})
         WHERE d.id = x.delivery_id`,
        [json],
      );
    });
  }
}

function policyOf(settings: WebhookSettings) {
  return { maxAttempts: settings.maxAttempts, baseDelayMs: settings.retryBaseMs, maxDelayMs: settings.retryMaxMs };
}

/** A short, stable reason for the delivery log: timeout, connection refused, DNS failure … */
function describeFailure(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  if (err?.code && err.message && !err.message.includes(err.code)) return `${err.code}: ${err.message}`;
  return err?.message ?? String(error);
}

/** The dispatcher of the process that serves the records subgraph, unless WEBHOOK_DISPATCHER=false. */
export function startWebhookDispatcher(services: HubServices): WebhookDispatcher | null {
  if (!services.config.webhooks.dispatcher) return null;
  return new WebhookDispatcher(services.orm, services.keys.pii, services.config.webhooks, services.logger).start();
}
