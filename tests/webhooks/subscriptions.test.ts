import { makeUscc } from '../../src/identity';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { firstError } from '../workflows/helpers';
import { ALL_EVENTS, DELIVERIES, REGISTER } from './helpers';

const LIST = `{ webhookSubscriptions { totalCount edges { node { id ownerSub url events watchCodes } } } }`;
const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) }`;
const URL = 'https://hooks.example.gov.cn/credit';

/** Who may register, see, read the log of and delete webhooks, and which subjects each may watch. */
describe('webhook subscriptions', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ demo: 'subjects' });
  });
  afterAll(() => t.close());

  const register = (viewer: ReturnType<typeof as>, watchCodes: string[], overrides: Record<string, unknown> = {}) =>
    t.run(REGISTER, { url: URL, events: ALL_EVENTS, codes: watchCodes, ...overrides }, viewer);

  it('PUBLIC (no token, no client identity) may not register, list, read logs or delete', async () => {
    expect(codes(await register(PUBLIC_PRINCIPAL, [t.demo.blacklistedEnterprise.code]))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(LIST, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(DELIVERIES, { id: '1' }, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(DELETE, { id: '1' }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
  });

  it.each([
    Role.PROCUREMENT,
    Role.TENDERING,
    Role.INVESTMENT,
    Role.DEBT,
    Role.ORG_DEPT,
    Role.DISCIPLINE,
    Role.COURT,
    Role.CREDIT_OFFICE,
    Role.SUBJECT,
  ])('%s may watch organizations, anywhere (they are public)', async (role) => {
    const viewer = as(role, {
      region: '320900',
      sub: `sys-${role}`,
      org: role === Role.SUBJECT ? t.demo.portConstructionGroup.code : undefined,
    });
    const result = await register(viewer, [t.demo.blacklistedEnterprise.code, t.demo.luoyang.enterprise.code]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerWebhook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(result.data!.registerWebhook.subscription).toMatchObject({
      url: URL,
      events: ALL_EVENTS,
      ownerSub: `sys-${role}`,
      ownerRole: role,
      watchCodes: [t.demo.blacklistedEnterprise.code, t.demo.luoyang.enterprise.code].sort(),
    });
  });

  it('civil servants: those who may know their standing; for anyone else the code is as good as unregistered', async () => {
    const person = t.demo.cityCadre; // 320900
    const other = t.demo.sanctionedCadre;
    const masked = `${person.code.slice(0, 6)}********${person.code.slice(-4)}`;
    const yancheng = await register(as(Role.DISCIPLINE, { region: '320900', sub: 'jw' }), [person.code]);
    expect(yancheng.data!.registerWebhook.subscription.watchCodes).toEqual([masked]);
    expect(
      firstError(
        await register(as(Role.DISCIPLINE, { region: '410300', sub: 'ly-jw' }), [
          t.demo.blacklistedEnterprise.code,
          person.code,
        ]),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'watchCodes' });
    // Procurement of the same city may see the person in the registry, not follow their standing.
    expect(
      firstError(await register(as(Role.PROCUREMENT, { region: '320900', sub: 'gp' }), [person.code])),
    ).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'watchCodes' });
    const self = await register(as(Role.SUBJECT, { org: person.code, sub: 'self-service' }), [person.code]);
    expect(self.errors).toBeUndefined();
    expect(codes(await register(as(Role.SUBJECT, { org: person.code, sub: 'self-service' }), [other.code]))).toEqual([
      'BAD_USER_INPUT',
    ]);
    // Only look-up keys and masked codes are stored: never the ID number, not even the SUBJECT's own `org`.
    const stored = JSON.stringify(
      await t.sql(
        `SELECT s.*, w.* FROM records.webhook_subscription s JOIN records.webhook_watch w ON w.subscription_id = s.id`,
      ),
    );
    expect(stored).not.toContain(person.code);
    expect(stored).toContain(masked);
  });

  it('refuses bad input with BAD_USER_INPUT naming the item', async () => {
    const viewer = as(Role.PROCUREMENT, { region: '320900', sub: 'gp' });
    const code = t.demo.blacklistedEnterprise.code;
    expect(firstError(await register(viewer, [code], { url: 'ftp://example.gov.cn/in' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'url',
    });
    expect(firstError(await register(viewer, [code], { url: 'not a url' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'url',
    });
    expect(firstError(await register(viewer, [code], { events: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'events',
    });
    expect(firstError(await register(viewer, []))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'watchCodes' });
    expect(firstError(await register(viewer, [code, '91110000600037341N']))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'watchCodes',
      index: 1,
    });
    const unknown = await register(viewer, [code, makeUscc('91', '320902', '85009999')]);
    expect(firstError(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'watchCodes', index: 1 });
    // Not a code problem (those carry `check`, as for the mistyped code above): the answer of a code nobody may watch.
    expect(unknown.errors![0].extensions).not.toHaveProperty('check');
    expect(firstError(await register(viewer, [code, '91110000600037341N']))).toHaveProperty('check');
    expect(codes(await t.run(REGISTER, { url: URL, events: ['SOMETHING'], codes: [code] }, viewer))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('the secret is shown once and stored encrypted; the dispatcher can read it back', async () => {
    const result = await register(as(Role.TENDERING, { region: '320900', sub: 'tp-secret' }), [
      t.demo.blacklistedEnterprise.code,
    ]);
    const { secret, subscription } = result.data!.registerWebhook;
    const [row] = await t.sql('SELECT secret_cipher FROM records.webhook_subscription WHERE id = ?', [subscription.id]);
    expect(row.secret_cipher).not.toContain(secret);
    expect(t.services.keys.pii.decrypt(row.secret_cipher)).toBe(secret);
    const listed = await t.run(
      `{ webhookSubscriptions { edges { node { id } } } }`,
      {},
      as(Role.TENDERING, { region: '320900', sub: 'tp-secret' }),
    );
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('a client sees its own webhooks; the credit office those of clients in its jurisdiction; nobody else', async () => {
    const owner = as(Role.INVESTMENT, { region: '320922', sub: 'binhai-investment' });
    const created = await register(owner, [t.demo.blacklistedEnterprise.code], { events: ['LISTED'] });
    const id = created.data!.registerWebhook.subscription.id;
    const ids = async (viewer: ReturnType<typeof as>) =>
      (await t.run(LIST, {}, viewer)).data!.webhookSubscriptions.edges.map((e: any) => e.node.id);
    expect(await ids(owner)).toEqual([id]);
    expect(await ids(as(Role.INVESTMENT, { region: '320922', sub: 'another-system' }))).not.toContain(id);
    expect(await ids(as(Role.CREDIT_OFFICE, { region: '320900', sub: 'yc-office' }))).toContain(id);
    expect(await ids(as(Role.CREDIT_OFFICE, { region: '320922', sub: 'binhai-office' }))).toContain(id);
    expect(await ids(as(Role.CREDIT_OFFICE, { region: '320902', sub: 'tinghu-office' }))).not.toContain(id);
    expect(await ids(as(Role.CREDIT_OFFICE, { region: '410300', sub: 'ly-office' }))).not.toContain(id);

    expect((await t.run(DELIVERIES, { id }, owner)).data!.webhookDeliveries.totalCount).toBe(0);
    expect(
      (await t.run(DELIVERIES, { id }, as(Role.CREDIT_OFFICE, { region: '320900', sub: 'yc-office' }))).errors,
    ).toBeUndefined();
    expect(
      codes(await t.run(DELIVERIES, { id }, as(Role.INVESTMENT, { region: '320922', sub: 'another-system' }))),
    ).toEqual(['NOT_FOUND']);
    expect(
      codes(await t.run(DELIVERIES, { id }, as(Role.CREDIT_OFFICE, { region: '410300', sub: 'ly-office' }))),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await t.run(DELIVERIES, { id: 'x' }, owner))).toEqual(['BAD_USER_INPUT']);
  });

  it('only the owner deletes; its watches and log go with it', async () => {
    const owner = as(Role.COURT, { region: '320900', sub: 'court-hooks' });
    const id = (await register(owner, [t.demo.blacklistedEnterprise.code])).data!.registerWebhook.subscription.id;
    expect(codes(await t.run(DELETE, { id }, as(Role.COURT, { region: '320900', sub: 'other-court' })))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await t.run(DELETE, { id }, as(Role.CREDIT_OFFICE, { region: '320900', sub: 'yc-office' })))).toEqual([
      'NOT_FOUND',
    ]);
    expect((await t.run(DELETE, { id }, owner)).data!.deleteWebhook).toBe(id);
    expect(await t.sql('SELECT 1 FROM records.webhook_watch WHERE subscription_id = ?', [id])).toEqual([]);
    expect(codes(await t.run(DELETE, { id }, owner))).toEqual(['NOT_FOUND']);
    expect(codes(await t.run(DELIVERIES, { id }, owner))).toEqual(['NOT_FOUND']);
  });
});
