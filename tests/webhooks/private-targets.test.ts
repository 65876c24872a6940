import { Role } from '../../src/auth/roles';
import { WebhookDispatcher } from '../../src/subgraphs/records/notifications/dispatcher';
import { WebhookService } from '../../src/subgraphs/records/notifications/webhook.service';
import { WebhookEvent } from '../../src/subgraphs/records/notifications/webhook.entity';
import { as, codes, startTestHub, type TestHub } from '../helpers/test-hub';
import { REGISTER, TEST_WEBHOOK_ENV } from './helpers';

/** With WEBHOOK_ALLOW_PRIVATE_TARGETS=false (the production default) no webhook reaches inside the network. */
describe('webhooks to private addresses', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { ...TEST_WEBHOOK_ENV, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false', WEBHOOK_DISPATCHER: 'false' } });
  });
  afterAll(() => t.close());
  const tendering = () => as(Role.TENDERING, { region: '320900', sub: 'tender-platform' });

  it('are refused at registration, by literal address or by name', async () => {
    const code = t.demo.enterprises[0].code;
    for (const url of ['http://127.0.0.1:9/hook', 'http://[::1]/hook', 'http://10.0.0.5/admin', 'http://localhost/hook', 'http://169.254.169.254/latest/meta-data']) {
      const result = await t.run(REGISTER, { url, events: ['LISTED'], codes: [code] }, tendering());
      expect([url, codes(result)]).toEqual([url, ['BAD_USER_INPUT']]);
      expect(result.errors![0].extensions).toMatchObject({ field: 'url' });
    }
    const accepted = await t.run(REGISTER, { url: 'https://203.0.113.10/hook', events: ['LISTED'], codes: [code] }, tendering());
    expect(accepted.errors).toBeUndefined();
  });

  it('are refused again at delivery, without a request, and the attempt says why', async () => {
    const em = t.services.orm.em.fork();
    // Registered while allowed (as if the name pointed outside then), delivered while not.
    const { id } = await new WebhookService(em, tendering(), undefined, t.services.keys, t.services.subjectDirectory(em), true)
      .register('http://127.0.0.1:9/hook', [WebhookEvent.LISTED], [t.demo.enterprises[1].code]);
    const [subscription] = await t.sql(`SELECT id FROM records.webhook_subscription WHERE id = ?`, [id]);
    await t.sql(`INSERT INTO records.webhook_delivery (subscription_id, event, payload) VALUES (?, 'LISTED', '{}'::jsonb)`, [subscription.id]);
    const dispatcher = new WebhookDispatcher(t.services.orm, t.services.keys.pii, t.services.config.webhooks, t.services.logger);
    expect(await dispatcher.runOnce()).toBe(1);
    const [attempt] = await t.sql(`SELECT a.error, a.status_code, a.succeeded FROM records.webhook_attempt a
      JOIN records.webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = ?`, [id]);
    expect(attempt).toMatchObject({ status_code: null, succeeded: false });
    expect(attempt.error).toMatch(/refused: 127\.0\.0\.1 resolves to the private address 127\.0\.0\.1/);
  });
});
