import { addDays, today } from '../../src/common/dates';
import { countStatements } from '../../src/db/sql-statements';
import { expireListingsNow, EXPIRY_ACTOR } from '../../src/subgraphs/records/lists/listing-expiry';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { viewers } from '../helpers/viewers';

/**
 * A listing that reaches its endsOn lifts what rests on it (issue #17, docs/lists.md "Expiry"): the expiry job marks
 * the listings whose last day has passed, lifts their joint measures (名单期满, the list rule's basis), closes the
 * warnings resting on them and writes DELISTED / MEASURE_LIFTED to the outbox, one transaction per batch.
 */
describe('listing expiry (credit-hub lists expire, LIST_EXPIRY_INTERVAL_SECONDS)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    // The demo's own listings past their endsOn are expired first: each test below counts only its own.
    await expireListingsNow(t.services);
  });
  afterAll(() => t.close());

  const office = viewers.creditOffice;
  const unitCode = () => t.demo.finance.code;
  const unit = () => as(Role.PROCUREMENT, { region: '320900', org: unitCode(), sub: 'expiry-unit' });
  const day = today();

  const PUSH = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { recordId } } }`;
  const LIST = `mutation($input: ListingInput!) { listSubject(input: $input) { id } }`;
  const INITIATE = `mutation($input: JointMeasureInput!) { initiateJointMeasures(input: $input) { id } }`;
  const ACCEPT = `mutation($id: ID!) { acceptJointMeasure(id: $id, note: "暂停其投标资格") { state } }`;
  const MEASURE = `query($id: ID!) { jointMeasures(filter: { basisId: $id }) { edges { node {
    id basisType state liftReason liftBasis liftedAt history { fromState toState actorSub } } } } }`;
  const LISTINGS = `query($code: String!) { subject(code: $code) { listings(active: false) { id status active } } }`;
  const REGISTER = `mutation($url: String!, $codes: [String!]!) {
    registerWebhook(url: $url, events: [DELISTED, MEASURE_LIFTED], watchCodes: $codes) { subscription { id } } }`;

  /** A tender-blacklist listing of `code` on a fresh record, an ACCEPTED measure on it, its term ending on `endsOn`. */
  async function listing(code: string, externalId: string, endsOn: string, extra: Record<string, string> = {}) {
    const pushed = await t.run(
      PUSH,
      {
        input: [
          {
            externalId,
            subject: { code },
            nature: 'DISHONESTY',
            category: 'CONTRACT_BREACH',
            domain: 'PROCUREMENT',
            severity: 'GENERAL',
            title: `${externalId} 违约`,
            decidedAt: addDays(day, -60),
            disclosure: 'GOVERNMENT',
          },
        ],
      },
      office,
    );
    expect(pushed.errors).toBeUndefined();
    const recordId = pushed.data!.submitRecords.results[0].recordId as string;
    const input = {
      subject: { code },
      listType: 'TENDER_BLACKLIST',
      reason: '串通投标，列入招标投标黑名单',
      basisId: 'JS-TENDERING',
      reasonRecordIds: [recordId],
      ...extra,
    };
    const listed = await t.run(LIST, { input }, viewers.tendering);
    expect(listed.errors).toBeUndefined();
    const listingId = listed.data!.listSubject.id as string;
    const measures = { basisType: 'LISTING', basisId: listingId, kind: 'FUNDING_RESTRICTION' };
    const initiated = await t.run(INITIATE, { input: { ...measures, implementingUnitCodes: [unitCode()] } }, office);
    expect(initiated.errors).toBeUndefined();
    const measureId = initiated.data!.initiateJointMeasures[0].id as string;
    expect((await t.run(ACCEPT, { id: measureId }, unit())).data!.acceptJointMeasure.state).toBe('ACCEPTED');
    // The term is moved back by hand: a listing starts today or later, and the test cannot wait for its end.
    await t.sql('UPDATE records.listing SET starts_on = ?, ends_on = ? WHERE id = ?', [
      addDays(endsOn, -90),
      endsOn,
      listingId,
    ]);
    return { code, recordId, listingId, measureId };
  }

  async function hook(code: string) {
    const url = 'https://hooks.example.gov.cn/expiry';
    const registered = await t.run(REGISTER, { url, codes: [code] }, office);
    expect(registered.errors).toBeUndefined();
    return registered.data!.registerWebhook.subscription.id as string;
  }

  async function measure(id: string, listingId: string) {
    const result = await t.run(MEASURE, { id: listingId }, office);
    expect(result.errors).toBeUndefined();
    return result.data!.jointMeasures.edges.map((e: any) => e.node).find((m: any) => m.id === id);
  }

  const outbox = async (subscription: string) =>
    (
      await t.sql('SELECT event, payload FROM records.webhook_delivery WHERE subscription_id = ? ORDER BY id', [
        subscription,
      ])
    ).map((d: any) => ({ event: d.event as string, listing: d.payload.listing?.id, measure: d.payload.measure?.id }));

  /** A warning resting on the listing, as a rule naming its listing writes it (source_ref LISTING:<id>). */
  async function warningOn(listingId: string, code: string) {
    const [row] = await t.sql(
      `INSERT INTO records.early_warning (kind, rule, dedupe_key, message, subject_key, subject_region, record_ids, source_ref, config_version)
       SELECT 'SERIOUS_FINDING', 'TEST_LISTING', 'TEST_LISTING:' || l.id, '名单在册', l.subject_key, l.subject_region, '[]'::jsonb, 'LISTING:' || l.id, 'test'
       FROM records.listing l WHERE l.id = ? RETURNING id::text`,
      [listingId],
    );
    expect(code).toBeTruthy();
    return row.id as string;
  }
  const warningState = async (id: string) =>
    (await t.sql('SELECT state FROM records.early_warning WHERE id = ?', [id]))[0].state as string;

  it('a listing that ended yesterday: measures LIFTED (名单期满, the rule’s basis), warnings closed, watchers told; one ending today stands', async () => {
    const ended = await listing(t.demo.county('320924').housing.code, 'EXP-ENDED-1', addDays(day, -1));
    const lasting = await listing(t.demo.county('320925').housing.code, 'EXP-TODAY-1', day);
    const [endedHook, lastingHook] = [await hook(ended.code), await hook(lasting.code)];
    const warning = await warningOn(ended.listingId, ended.code);
    const before = await measure(ended.measureId, ended.listingId);
    expect(before).toMatchObject({ state: 'ACCEPTED', liftedAt: null });
    // Already out of force by date (read rule), yet the measure still stands until the expiry runs.
    expect((await t.run(LISTINGS, { code: ended.code }, office)).data!.subject.listings).toContainEqual({
      id: ended.listingId,
      status: 'EXPIRED',
      active: false,
    });

    const done = await expireListingsNow(t.services);
    expect(done).toEqual({ listings: 1, measures: 1 });
    expect(await measure(ended.measureId, ended.listingId)).toMatchObject({
      state: 'LIFTED',
      liftReason: '名单期满: 招标投标不良行为黑名单',
      liftBasis: '《江苏省招标投标条例》',
      liftedAt: expect.any(String),
      history: [
        { toState: 'INITIATED' },
        { toState: 'ACCEPTED' },
        { fromState: 'ACCEPTED', toState: 'LIFTED', actorSub: EXPIRY_ACTOR },
      ],
    });
    expect(await warningState(warning)).toBe('CLOSED');
    expect(await outbox(endedHook)).toEqual([
      { event: 'DELISTED', listing: ended.listingId, measure: undefined },
      { event: 'MEASURE_LIFTED', listing: undefined, measure: ended.measureId },
    ]);
    const [marked] = await t.sql(
      'SELECT expired_at IS NOT NULL AS expired, delisted_at FROM records.listing WHERE id = ?',
      [ended.listingId],
    );
    // Expired, not delisted: the listing reads EXPIRED, as before the run.
    expect(marked).toEqual({ expired: true, delisted_at: null });
    expect((await t.run(LISTINGS, { code: ended.code }, office)).data!.subject.listings).toContainEqual({
      id: ended.listingId,
      status: 'EXPIRED',
      active: false,
    });

    // Its last day is today: still in force, nothing lifted, nobody told.
    expect(await measure(lasting.measureId, lasting.listingId)).toMatchObject({ state: 'ACCEPTED', liftedAt: null });
    expect(await outbox(lastingHook)).toEqual([]);
  });

  it('a second run changes nothing', async () => {
    const ended = await listing(t.demo.county('320921').housing.code, 'EXP-TWICE-1', addDays(day, -3));
    const watcher = await hook(ended.code);
    expect(await expireListingsNow(t.services)).toEqual({ listings: 1, measures: 1 });
    const [after, told] = [await measure(ended.measureId, ended.listingId), await outbox(watcher)];
    const events = await t.sql('SELECT count(*)::int AS n FROM records.workflow_event');
    expect(await expireListingsNow(t.services)).toEqual({ listings: 0, measures: 0 });
    expect(await measure(ended.measureId, ended.listingId)).toEqual(after);
    expect(await outbox(watcher)).toEqual(told);
    expect(await t.sql('SELECT count(*)::int AS n FROM records.workflow_event')).toEqual(events);
  });

  it('a run that fails at its last write leaves nothing: no mark, no lift, no warning closed, no event', async () => {
    const ended = await listing(t.demo.county('320981').housing.code, 'EXP-ROLLBACK-1', addDays(day, -1));
    const watcher = await hook(ended.code);
    const warning = await warningOn(ended.listingId, ended.code);
    await t.sql(`CREATE OR REPLACE FUNCTION records.test_refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.event = 'MEASURE_LIFTED' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`);
    await t.sql(
      `CREATE TRIGGER test_refuse_outbox BEFORE INSERT ON records.webhook_delivery FOR EACH ROW EXECUTE FUNCTION records.test_refuse_outbox()`,
    );
    try {
      await expect(expireListingsNow(t.services)).rejects.toThrow('refused by test');
    } finally {
      await t.sql('DROP TRIGGER test_refuse_outbox ON records.webhook_delivery');
      await t.sql('DROP FUNCTION records.test_refuse_outbox()');
    }
    expect(await measure(ended.measureId, ended.listingId)).toMatchObject({ state: 'ACCEPTED', liftedAt: null });
    expect(await warningState(warning)).toBe('OPEN');
    expect(await outbox(watcher)).toEqual([]);
    expect((await t.sql('SELECT expired_at FROM records.listing WHERE id = ?', [ended.listingId]))[0]).toEqual({
      expired_at: null,
    });
    // The next run does it all.
    expect(await expireListingsNow(t.services)).toEqual({ listings: 1, measures: 1 });
    expect((await measure(ended.measureId, ended.listingId)).state).toBe('LIFTED');
  });

  it('statements per batch do not grow with the listings in it', async () => {
    const one = await listing(t.demo.county('320922').housing.code, 'EXP-COUNT-1', addDays(day, -2));
    await hook(one.code);
    const single = await countStatements(() => expireListingsNow(t.services));
    expect(single.result).toEqual({ listings: 1, measures: 1 });
    const code = t.demo.county('320923').housing.code;
    // One in its decision's own wording: the lift's basis is still the rule's, in the same statements.
    const wording = (n: number): Record<string, string> =>
      n === 2 ? { legalBasis: '《江苏省招标投标条例》第六十条（本案）' } : {};
    for (const n of [1, 2, 3]) await listing(code, `EXP-COUNT-3-${n}`, addDays(day, -2), wording(n));
    await hook(code);
    const three = await countStatements(() => expireListingsNow(t.services));
    expect(three.result).toEqual({ listings: 3, measures: 3 });
    expect(three.count).toBe(single.count);
    // Transaction, mark, outbox, warnings, lift, measure watchers, one insert per subscriber, commit.
    expect(three.count).toBeLessThanOrEqual(9);
  });

  it('who reads the lift: the credit office and the implementing unit, not the public', async () => {
    const ended = await listing(t.demo.county('320902').housing.code, 'EXP-READ-1', addDays(day, -1));
    await expireListingsNow(t.services);
    const read = async (viewer = office) =>
      (await t.run(MEASURE, { id: ended.listingId }, viewer)).data?.jointMeasures.edges.map((e: any) => e.node.state);
    expect(await read(unit())).toEqual(['LIFTED']);
    expect(codes(await t.run(MEASURE, { id: ended.listingId }, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
    expect(await read(as(Role.PROCUREMENT, { region: '320900', org: t.demo.housing.code, sub: 'other-unit' }))).toEqual(
      [],
    );
  });
});
