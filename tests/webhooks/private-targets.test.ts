import { Role } from '../../src/auth/roles';
import { WebhookDispatcher } from '../../src/subgraphs/records/webhooks/dispatcher';
import { WebhookService } from '../../src/subgraphs/records/webhooks/webhook.service';
import { WebhookEvent } from '../../src/subgraphs/records/webhooks/events';
import { as, codes, startTestHub, type TestHub } from '../helpers/test-hub';
import { REGISTER, TEST_WEBHOOK_ENV } from './helpers';

/** In production (WEBHOOK_ALLOW_PRIVATE_TARGETS defaults to false there) no webhook reaches a non-public address. */
describe('webhooks to non-public addresses, in production', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { ...TEST_WEBHOOK_ENV, NODE_ENV: 'production', WEBHOOK_DISPATCHER: 'false' } });
  });
  afterAll(() => t.close());
  const tendering = () => as(Role.TENDERING, { region: '320900', sub: 'tender-platform' });

  it('the production default refuses them', () => {
    expect(t.services.config.webhooks.allowPrivateTargets).toBe(false);
  });

  it.each([
    'http://127.0.0.1:9/hook',
    'http://[::1]/hook',
    'http://10.0.0.5/admin',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://198.18.0.1/hook',
    'http://224.0.0.1/hook',
    'http://240.0.0.1/hook',
    'http://0.0.0.0/hook',
    'http://100.64.0.1/hook',
    'http://192.0.0.8/hook',
    'http://192.0.2.1/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::127.0.0.1]/hook',
    'http://[64:ff9b::7f00:1]/hook',
    'http://[64:ff9b:1::a00:1]/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
    'http://[ff02::1]/hook',
    'http://[2001:db8::1]/hook',
    'http://[2002:7f00:1::1]/hook',
  ])('registration refuses %s', async (url) => {
    const result = await t.run(REGISTER, { url, events: ['LISTED'], codes: [t.demo.enterprises[0].code] }, tendering());
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ field: 'url' });
    expect(result.errors![0].path).toEqual(['registerWebhook']);
  });

  it('registration accepts a global unicast address', async () => {
    const accepted = await t.run(
      REGISTER,
      { url: 'https://1.1.1.1/hook', events: ['LISTED'], codes: [t.demo.enterprises[0].code] },
      tendering(),
    );
    expect(accepted.errors).toBeUndefined();
  });

  it('are refused again at delivery, without a request, and the attempt says why', async () => {
    const em = t.services.orm.em.fork();
    // Registered while allowed (as if the name pointed outside then), delivered while not.
    const { id } = await new WebhookService(
      em,
      tendering(),
      undefined,
      t.services.keys,
      t.services.subjectDirectory(em),
      true,
    ).register('http://127.0.0.1:9/hook', [WebhookEvent.LISTED], [t.demo.enterprises[1].code]);
    const [subscription] = await t.sql(`SELECT id FROM records.webhook_subscription WHERE id = ?`, [id]);
    await t.sql(
      `INSERT INTO records.webhook_delivery (subscription_id, event, payload) VALUES (?, 'LISTED', '{}'::jsonb)`,
      [subscription.id],
    );
    const dispatcher = new WebhookDispatcher(
      t.services.orm,
      t.services.keys.pii,
      t.services.config.webhooks,
      t.services.logger,
    );
    expect(await dispatcher.runOnce()).toBe(1);
    const [attempt] = await t.sql(
      `SELECT a.error, a.status_code, a.succeeded FROM records.webhook_attempt a
      JOIN records.webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = ?`,
      [id],
    );
    expect(attempt).toMatchObject({ status_code: null, succeeded: false });
    expect(attempt.error).toMatch(/refused: 127\.0\.0\.1 resolves to the non-public address 127\.0\.0\.1/);
  });
});
