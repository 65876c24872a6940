import { addMonths, today } from '../../src/common/dates';
import { WebhookDispatcher } from '../../src/subgraphs/records/webhooks/dispatcher';
import { as, codes, Role, type TestHub } from '../helpers/test-hub';
import { selfOf, viewers } from '../helpers/viewers';
import { recordId } from '../workflows/helpers';
import { ALL_EVENTS, DELIVERIES, Receiver, REGISTER, startWebhookHub, verified, waitFor } from './helpers';

const SUBMIT = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created results { recordId } } }`;
const LIST = `mutation($input: ListingInput!) { listSubject(input: $input) { id } }`;
const APPLY = `mutation($input: RepairApplicationInput!) { applyForRepair(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { approveRepair(id: $id, reason: "整改到位") { state } }`;

/** Webhooks end to end: outbox written with the change, signed POSTs to a real receiver, retries, the log. */
describe('webhook deliveries', () => {
  let t: TestHub;
  let dispatcher: WebhookDispatcher;
  let receiver: Receiver;
  beforeAll(async () => {
    ({ t, dispatcher } = await startWebhookHub());
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await dispatcher.stop();
    await receiver.stop();
    await t.close();
  });

  const tendering = () =>
    as(Role.TENDERING, { region: '320900', org: t.demo.tradingCenter.code, sub: 'tender-platform' });
  const register = async (viewer: ReturnType<typeof as>, codes: string[], events = ALL_EVENTS, url = receiver.url) => {
    const result = await t.run(REGISTER, { url, events, codes }, viewer);
    expect(result.errors).toBeUndefined();
    return {
      id: result.data!.registerWebhook.subscription.id as string,
      secret: result.data!.registerWebhook.secret as string,
    };
  };
  const outbox = async (subscriptionId: string) =>
    t.sql<{ event: string; state: string; attempts: number }>(
      'SELECT event, state, attempts FROM records.webhook_delivery WHERE subscription_id = ? ORDER BY id',
      [subscriptionId],
    );
  const record = (externalId: string, subjectCode: string, overrides: Record<string, unknown> = {}) => ({
    externalId,
    subject: { code: subjectCode },
    nature: 'DISHONESTY',
    category: 'ADMINISTRATIVE_PENALTY',
    domain: 'TENDERING',
    severity: 'GENERAL',
    title: '投标文件弄虚作假',
    decidedAt: addMonths(today(), -1),
    disclosure: 'PUBLIC',
    ...overrides,
  });

  it('a listing, a record and a repair reach the watching receiver, signed, with the delivery log', async () => {
    const code = t.demo.penalizedAgency.code;
    const hook = await register(tendering(), [code]);
    const reasonId = await recordId(t, 'TP-2026-0121');

    const listed = await t.run(
      LIST,
      {
        input: {
          subject: { code },
          listType: 'TENDER_BLACKLIST',
          reason: '泄露标底',
          legalBasis: '《江苏省招标投标条例》',
          reasonRecordIds: [reasonId],
        },
      },
      tendering(),
    );
    expect(listed.errors).toBeUndefined();
    const pushed = await t.run(SUBMIT, { input: [record('WH-TP-1', code)] }, tendering());
    expect(pushed.data!.submitRecords.created).toBe(1);
    const applied = await t.run(APPLY, { input: { recordId: reasonId, evidence: '已完成整改' } }, selfOf(code));
    expect(
      (await t.run(APPROVE, { id: applied.data!.applyForRepair.id }, viewers.creditOffice)).errors,
    ).toBeUndefined();

    // LISTED, RECORD_ADDED, RECORD_REPAIRED, and DELISTED: the listing rested only on the repaired record.
    const got = await waitFor(
      () => (receiver.of(hook.id).length >= 4 ? receiver.of(hook.id) : null),
      'four deliveries',
    );
    expect(got.map((r) => r.json.event).sort()).toEqual(['DELISTED', 'LISTED', 'RECORD_ADDED', 'RECORD_REPAIRED']);
    for (const request of got) {
      expect(verified(request, hook.secret)).toBe(true);
      expect(verified(request, 'whsec_someone-else')).toBe(false);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.json.data.subject).toEqual({ code });
    }
    const byEvent = Object.fromEntries(got.map((r) => [r.json.event, r.json.data]));
    expect(byEvent.LISTED.listing).toMatchObject({
      id: listed.data!.listSubject.id,
      listType: 'TENDER_BLACKLIST',
      reason: '泄露标底',
      delistedAt: null,
    });
    expect(byEvent.DELISTED.listing).toMatchObject({
      id: listed.data!.listSubject.id,
      delistReason: expect.stringContaining('信用修复'),
    });
    expect(byEvent.RECORD_ADDED.record).toMatchObject({
      id: pushed.data!.submitRecords.results[0].recordId,
      externalId: 'WH-TP-1',
      title: '投标文件弄虚作假',
      status: 'ACTIVE',
    });
    expect(byEvent.RECORD_ADDED.record).not.toHaveProperty('details');
    expect(byEvent.RECORD_REPAIRED).toMatchObject({
      record: { id: reasonId },
      repairApplicationId: applied.data!.applyForRepair.id,
    });

    const log = await waitFor(async () => {
      const result = await t.run(DELIVERIES, { id: hook.id }, tendering());
      const nodes = result.data!.webhookDeliveries.edges.map((e: any) => e.node);
      return nodes.every((n: any) => n.state === 'DELIVERED') ? nodes : null;
    }, 'the log to show DELIVERED');
    expect(log).toHaveLength(4);
    for (const node of log) {
      expect(node).toMatchObject({
        attempts: 1,
        attemptLog: [{ attempt: 1, statusCode: 200, error: null, succeeded: true }],
      });
      expect(got.find((r) => r.json.id === node.id)!.body).toBe(node.body);
    }
  });

  it('tells each subscriber only what it may see of a record (records visibility of its principal)', async () => {
    const code = t.demo.cleanEnterprise.code;
    const procurement = await register(
      as(Role.PROCUREMENT, { region: '320900', sub: 'gp-system' }),
      [code],
      ['RECORD_ADDED'],
    );
    const foreign = await register(
      as(Role.PROCUREMENT, { region: '410300', sub: 'luoyang-gp' }),
      [code],
      ['RECORD_ADDED'],
    );
    const officeHook = await register(viewers.creditOffice, [code], ['RECORD_ADDED']);
    const self = await register(as(Role.SUBJECT, { org: code, sub: 'enterprise-self' }), [code], ['RECORD_ADDED']);
    const listingsOnly = await register(
      as(Role.PROCUREMENT, { region: '320900', sub: 'gp-system' }),
      [code],
      ['LISTED'],
    );
    const pushed = await t.run(
      SUBMIT,
      {
        input: [
          record('WH-VIS-PUBLIC', code, { category: 'CONTRACT_BREACH', domain: 'GENERAL' }),
          record('WH-VIS-GOV', code, { category: 'CONTRACT_BREACH', domain: 'GENERAL', disclosure: 'GOVERNMENT' }),
          record('WH-VIS-RESTRICTED', code, {
            category: 'CONTRACT_BREACH',
            domain: 'GENERAL',
            disclosure: 'RESTRICTED',
          }),
        ],
      },
      viewers.creditOffice,
    );
    expect(pushed.data!.submitRecords.created).toBe(3);
    const told = async (hook: { id: string }) =>
      (
        await t.sql(
          "SELECT payload #>> '{record,externalId}' AS x FROM records.webhook_delivery WHERE subscription_id = ? ORDER BY 1",
          [hook.id],
        )
      ).map((r: any) => r.x);
    expect(await told(officeHook)).toEqual(['WH-VIS-GOV', 'WH-VIS-PUBLIC', 'WH-VIS-RESTRICTED']);
    expect(await told(self)).toEqual(['WH-VIS-GOV', 'WH-VIS-PUBLIC', 'WH-VIS-RESTRICTED']);
    expect(await told(procurement)).toEqual(['WH-VIS-GOV', 'WH-VIS-PUBLIC']);
    expect(await told(foreign)).toEqual(['WH-VIS-PUBLIC']);
    expect(await told(listingsOnly)).toEqual([]);
    // A re-push with the same content is UNCHANGED: nothing new to tell.
    await t.run(
      SUBMIT,
      { input: [record('WH-VIS-PUBLIC', code, { category: 'CONTRACT_BREACH', domain: 'GENERAL' })] },
      viewers.creditOffice,
    );
    expect(await told(foreign)).toEqual(['WH-VIS-PUBLIC']);
  });

  it('a revocation that ends a listing, and a record derived by a workflow, are told too', async () => {
    const sheyang = t.demo.listedGovernment.code;
    const jianhu = t.demo.county('320925').government.code;
    // A serious-dishonesty listing starts in notice (告知): the credit office, its keeper, is told LISTING_NOTICE.
    const hook = await register(viewers.creditOffice, [sheyang, jianhu], [...ALL_EVENTS, 'LISTING_NOTICE']);
    const id = await recordId(t, 'YC-COURT-2026-001');
    const listed = await t.run(
      LIST,
      {
        input: {
          subject: { code: sheyang },
          listType: 'SERIOUS_DISHONESTY',
          reason: '拒不履行',
          legalBasis: '国办发〔2020〕49号',
          reasonRecordIds: [id],
        },
      },
      viewers.creditOffice,
    );
    expect(listed.errors).toBeUndefined();
    const filed = await t.run(
      `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { recordId: id, reasons: '判决已履行' } },
      selfOf(sheyang),
    );
    expect(
      (
        await t.run(
          `mutation($id: ID!) { revokeObjection(id: $id, decision: "认定错误，撤销") { state } }`,
          { id: filed.data!.fileObjection.id },
          viewers.creditOffice,
        )
      ).errors,
    ).toBeUndefined();
    const registered = await t.run(
      `mutation($input: CommitmentInput!) { registerCommitment(input: $input) { id } }`,
      {
        input: {
          subjectCode: jianhu,
          kind: 'SERVICE',
          title: '政务服务承诺',
          content: '三日内办结',
          dueOn: addMonths(today(), 1),
          disclosure: 'PUBLIC',
        },
      },
      viewers.creditOffice,
    );
    expect(registered.errors).toBeUndefined();
    const breached = await t.run(
      `mutation($id: ID!) { breachCommitment(id: $id, note: "逾期未办结") { breachRecord { id } } }`,
      { id: registered.data!.registerCommitment.id },
      viewers.creditOffice,
    );
    expect(breached.errors).toBeUndefined();
    const rows = await t.sql(
      `SELECT event, payload FROM records.webhook_delivery WHERE subscription_id = ? ORDER BY id`,
      [hook.id],
    );
    // Every listing that rested only on the revoked record ended (the demo data's and ours): one DELISTED each.
    const resting = (
      await t.sql('SELECT listing_id::text AS id FROM records.listing_record WHERE record_id = ? ORDER BY 1', [id])
    ).map((r: any) => r.id);
    expect(resting).toContain(listed.data!.listSubject.id);
    expect(rows.map((r: any) => r.event)).toEqual(['LISTING_NOTICE', ...resting.map(() => 'DELISTED'), 'RECORD_ADDED']);
    const delisted = rows.filter((r: any) => r.event === 'DELISTED');
    expect(delisted.map((r: any) => r.payload.listing.id).sort()).toEqual(resting);
    for (const row of delisted) expect(row.payload.listing.delistReason).toContain('异议撤销');
    expect(rows.at(-1).payload).toMatchObject({
      subject: { code: jianhu },
      record: { id: breached.data!.breachCommitment.breachRecord.id, category: 'COMMITMENT_BREACH' },
    });
  });

  it('a rolled-back change writes no outbox row and sends nothing', async () => {
    const code = t.demo.consultancy.code;
    const hook = await register(tendering(), [code], ['RECORD_ADDED']);
    // Fails validation part-way through the batch.
    const invalid = await t.run(
      SUBMIT,
      { input: [record('WH-RB-1', code), record('WH-RB-2', code, { decidedAt: '2999-01-01' })] },
      tendering(),
    );
    expect(codes(invalid)).toEqual(['BAD_USER_INPUT']);
    // Fails inside the transaction, after the records and their outbox rows were written: the trigger refuses
    // the responsible persons only once it sees the outbox row of WH-RB-3 (else the batch would commit).
    await t.sql(`CREATE FUNCTION records.test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF EXISTS (SELECT 1 FROM records.webhook_delivery WHERE payload #>> '{record,externalId}' = 'WH-RB-3') THEN RAISE EXCEPTION 'refused by test'; END IF;
      RETURN NEW; END $$`);
    await t.sql(
      `CREATE TRIGGER test_refuse BEFORE INSERT ON records.record_responsible FOR EACH ROW EXECUTE FUNCTION records.test_refuse()`,
    );
    try {
      const failed = await t.run(
        SUBMIT,
        {
          input: [
            record('WH-RB-3', code),
            record('WH-RB-4', code, { responsiblePersonCodes: [t.demo.tradingCenterDirector.code] }),
          ],
        },
        tendering(),
      );
      expect(codes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await t.sql('DROP TRIGGER test_refuse ON records.record_responsible');
      await t.sql('DROP FUNCTION records.test_refuse()');
    }
    expect(await t.sql(`SELECT 1 FROM records.credit_record WHERE external_id LIKE 'WH-RB-%'`)).toEqual([]);
    expect(await outbox(hook.id)).toEqual([]);
    // A later committed change is delivered, and it is the only thing the receiver ever got for this webhook.
    expect((await t.run(SUBMIT, { input: [record('WH-RB-5', code)] }, tendering())).errors).toBeUndefined();
    const got = await waitFor(
      () => (receiver.of(hook.id).length > 0 ? receiver.of(hook.id) : null),
      'the committed change',
    );
    expect(got.map((r) => r.json.data.record.externalId)).toEqual(['WH-RB-5']);
  });

  it('a receiver that answers 503, then is down, then comes back gets the delivery after retries; the log shows every attempt', async () => {
    const flaky = await Receiver.start();
    try {
      // Two 503s, then the receiver goes away (connection refused) until the test brings it back.
      flaky.answer = async (_request, index) => {
        if (index === 1) setImmediate(() => void flaky.stop());
        return 503;
      };
      const code = t.demo.commendedEnterprise.code;
      const hook = await register(tendering(), [code], ['RECORD_ADDED'], flaky.url);
      expect((await t.run(SUBMIT, { input: [record('WH-FLAKY-1', code)] }, tendering())).errors).toBeUndefined();
      await waitFor(
        async () =>
          (
            await t.sql(
              `SELECT 1 FROM records.webhook_attempt a JOIN records.webhook_delivery d ON d.id = a.delivery_id
        WHERE d.subscription_id = ? AND a.status_code IS NULL`,
              [hook.id],
            )
          ).length > 0,
        'an attempt on the stopped receiver',
      );
      flaky.answer = () => 200;
      await flaky.listen();
      const [node] = await waitFor(async () => {
        const nodes = (await t.run(DELIVERIES, { id: hook.id }, tendering())).data!.webhookDeliveries.edges.map(
          (e: any) => e.node,
        );
        return nodes[0]?.state === 'DELIVERED' ? nodes : null;
      }, 'delivery after the receiver came back');
      const log = node.attemptLog as {
        attempt: number;
        statusCode: number | null;
        error: string | null;
        succeeded: boolean;
      }[];
      expect(log.map((a) => a.attempt)).toEqual(log.map((_, i) => i + 1));
      expect(log.slice(0, 2)).toEqual([
        expect.objectContaining({ statusCode: 503, error: 'HTTP 503', succeeded: false }),
        expect.objectContaining({ statusCode: 503, succeeded: false }),
      ]);
      expect(log.slice(2, -1).length).toBeGreaterThanOrEqual(1);
      for (const refused of log.slice(2, -1))
        expect(refused).toMatchObject({
          statusCode: null,
          error: expect.stringMatching(/ECONNREFUSED/),
          succeeded: false,
        });
      expect(log.at(-1)).toMatchObject({ statusCode: 200, error: null, succeeded: true });
      expect(node.attempts).toBe(log.length);
      // Every attempt carried the same delivery id and body: the receiver can dedupe.
      const seen = flaky.of(hook.id);
      expect(new Set(seen.map((r) => r.json.id))).toEqual(new Set([node.id]));
      expect(new Set(seen.map((r) => r.body)).size).toBe(1);
      expect(seen.map((r) => r.headers['x-credithub-attempt'])).toEqual(
        log.filter((a) => a.statusCode !== null).map((a) => String(a.attempt)),
      );
      expect(verified(seen.at(-1)!, hook.secret)).toBe(true);
    } finally {
      await flaky.stop();
    }
  });

  it('after the maximum attempts a delivery is FAILED and no longer tried', async () => {
    const broken = await Receiver.start();
    try {
      broken.answer = () => 500;
      const code = t.demo.propertyManager.code;
      const hook = await register(tendering(), [code], ['RECORD_ADDED'], broken.url);
      expect((await t.run(SUBMIT, { input: [record('WH-FAIL-1', code)] }, tendering())).errors).toBeUndefined();
      const [node] = await waitFor(async () => {
        const nodes = (
          await t.run(DELIVERIES, { id: hook.id, states: ['FAILED'] }, tendering())
        ).data!.webhookDeliveries.edges.map((e: any) => e.node);
        return nodes.length ? nodes : null;
      }, 'the delivery to fail');
      const max = t.services.config.webhooks.maxAttempts;
      expect(node.attempts).toBe(max);
      expect(node.attemptLog).toHaveLength(max);
      expect(node.attemptLog.every((a: any) => a.statusCode === 500 && !a.succeeded)).toBe(true);
      expect(broken.of(hook.id)).toHaveLength(max);
      // FAILED is final: a dispatcher round finds nothing due for it.
      expect(
        await t.sql(`SELECT 1 FROM records.webhook_delivery WHERE subscription_id = ? AND state = 'PENDING'`, [
          hook.id,
        ]),
      ).toEqual([]);
    } finally {
      await broken.stop();
    }
  });

  it('several dispatchers (hub processes) never send one delivery twice', async () => {
    const code = t.demo.labourContractor.code;
    const hook = await register(tendering(), [code], ['RECORD_ADDED']);
    const others = [1, 2].map(() =>
      new WebhookDispatcher(t.services.orm, t.services.keys.pii, t.services.config.webhooks, t.services.logger).start(),
    );
    try {
      const input = Array.from({ length: 40 }, (_, i) => record(`WH-MANY-${i}`, code));
      expect((await t.run(SUBMIT, { input }, tendering())).data!.submitRecords.created).toBe(40);
      await waitFor(
        async () =>
          (
            await t.sql(`SELECT 1 FROM records.webhook_delivery WHERE subscription_id = ? AND state = 'DELIVERED'`, [
              hook.id,
            ])
          ).length === 40,
        'forty deliveries',
      );
    } finally {
      await Promise.all(others.map((d) => d.stop()));
    }
    const ids = receiver.of(hook.id).map((r) => r.json.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    const [attempts] = await t.sql(
      `SELECT count(*)::int AS n FROM records.webhook_attempt a JOIN records.webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = ?`,
      [hook.id],
    );
    expect(attempts.n).toBe(40);
  });

  it('stop() lets the delivery in flight finish and records it', async () => {
    const slow = await Receiver.start();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    slow.answer = async () => {
      await held;
      return 200;
    };
    const code = t.demo.farmingEnterprise.code;
    const hook = await register(tendering(), [code], ['RECORD_ADDED'], slow.url);
    try {
      expect((await t.run(SUBMIT, { input: [record('WH-STOP-1', code)] }, tendering())).errors).toBeUndefined();
      await waitFor(() => slow.received.length > 0, 'the request to arrive');
      const stopped = dispatcher.stop();
      release();
      await stopped;
      expect(await outbox(hook.id)).toEqual([{ event: 'RECORD_ADDED', state: 'DELIVERED', attempts: 1 }]);
    } finally {
      dispatcher = new WebhookDispatcher(
        t.services.orm,
        t.services.keys.pii,
        t.services.config.webhooks,
        t.services.logger,
      ).start();
      await slow.stop();
    }
  });
});
