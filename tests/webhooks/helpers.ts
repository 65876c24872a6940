import http from 'node:http';
import { freePort } from '../../src/common/net';
import {
  startWebhookDispatcher,
  WEBHOOK_HEADERS,
  type WebhookDispatcher,
} from '../../src/subgraphs/records/webhooks/dispatcher';
import { verifyWebhookSignature } from '../../src/subgraphs/records/webhooks/signature';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/** Dispatcher timing for tests: seconds, not hours (docs/webhooks.md lists the defaults). */
export const TEST_WEBHOOK_ENV = {
  WEBHOOK_POLL_INTERVAL_MS: '40',
  WEBHOOK_BATCH_SIZE: '10',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_MAX_ATTEMPTS: '5',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_RETRY_MAX_MS: '400',
};

export async function startWebhookHub(): Promise<{ t: TestHub; dispatcher: WebhookDispatcher }> {
  const t = await startTestHub({ env: TEST_WEBHOOK_ENV });
  return { t, dispatcher: startWebhookDispatcher(t.services)! };
}

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { id: string; event: string; occurredAt: string; subscriptionId: string; data: any };
}

/**
 * A real HTTP receiver on a free loopback port. `answer` decides the status of each request
 * (default 200); `stop()`/`listen()` take it off the network and bring it back on the same port.
 */
export class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received, index: number) => number | Promise<number> = () => 200;
  private server: http.Server | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<Receiver> {
    const receiver = new Receiver(await freePort());
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/credit`;
  }

  listen(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const request: Received = { headers: req.headers, body, json: JSON.parse(body) };
        this.received.push(request);
        const status = await this.answer(request, this.received.length - 1);
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      });
    });
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Not listening any more: connections are refused until listen(). */
  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      // A request in flight still gets its answer; idle keep-alive connections close now.
      const force = setTimeout(() => server.closeAllConnections(), 2000);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  of(subscriptionId: string): Received[] {
    return this.received.filter((r) => r.json.subscriptionId === subscriptionId);
  }
}

/** Polls until `condition` returns a truthy value (returned), or fails after the deadline. */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  what: string,
  deadlineMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The receiver side of the contract: headers consistent with the body, signature valid now. */
export function verified(request: Received, secret: string): boolean {
  const h = request.headers;
  return (
    h[WEBHOOK_HEADERS.event] === request.json.event &&
    h[WEBHOOK_HEADERS.delivery] === request.json.id &&
    verifyWebhookSignature(
      secret,
      String(h[WEBHOOK_HEADERS.timestamp]),
      request.body,
      String(h[WEBHOOK_HEADERS.signature]),
      300,
    )
  );
}

export const REGISTER = `mutation($url: String!, $events: [WebhookEvent!]!, $codes: [String!]!) {
  registerWebhook(url: $url, events: $events, watchCodes: $codes) { secret subscription { id url events watchCodes ownerSub ownerRole regionPrefix } }
}`;

export const DELIVERIES = `query($id: ID!, $states: [WebhookDeliveryState!]) {
  webhookDeliveries(subscriptionId: $id, states: $states, first: 200) {
    totalCount edges { node { id event state attempts body attemptLog { attempt statusCode error durationMs succeeded } } }
  }
}`;

export const ALL_EVENTS = ['LISTED', 'DELISTED', 'RECORD_ADDED', 'RECORD_REPAIRED'];
