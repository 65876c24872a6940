import type { Principal } from '../../src/auth/principal';
import { addMonths, today } from '../../src/common/dates';
import { countStatements } from '../../src/db/sql-statements';
import { startTestHub, type OperationResult, type TestHub } from '../helpers/test-hub';
import { viewers } from '../helpers/viewers';
import { REGISTER } from '../webhooks/helpers';

/**
 * No N+1 on the records subgraph's list fields: a page of one item costs as many SQL
 * statements as a page of many, nested lists and entities included (subjects through
 * federation, records, history, listings). Ranking entries, Subject.records/listings and the
 * blacklist check have theirs in monitoring/evaluation.test.ts and status-and-blacklist.test.ts.
 *
 * The one-item page is chosen so that its item has every nested part the many-item page has
 * (a list without a breach record would skip that loader). Each query runs once before it is
 * counted: reading warnings first raises the computed ones. The access log's appends for
 * RESTRICTED data read are left out of the count: one per request and resource, on a random
 * chain (src/audit/chain-append.ts), not one per item; the trust tests cover them.
 */
describe('list fields cost the same statements for one item as for many', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const HISTORY = 'history { id fromState toState actorSub actorRole reason at }';
  const RECORD = `{ id title subject { code name } responsiblePersons { code name } ${HISTORY} }`;

  /** The statements `query` causes, the access log's appends left out (see above). */
  async function statements(query: string, variables: Record<string, unknown>, viewer: Principal) {
    const { result, statements: all } = await countStatements(() => t.run(query, variables, viewer), true);
    expect(result.errors).toBeUndefined();
    return { ...result, statements: all.filter((sql) => !/\baudit\.chain_head\b/.test(sql)).length };
  }

  /** Runs `query` with `one` (a page of one item) and `many` variables, after a warm-up run. */
  async function oneAndMany(
    query: string,
    one: Record<string, unknown> = { first: 1 },
    many: Record<string, unknown> = { first: 50 },
    viewer: Principal = viewers.creditOffice,
  ) {
    await t.run(query, many, viewer);
    return { one: await statements(query, one, viewer), all: await statements(query, many, viewer) };
  }
  const edges = (result: OperationResult, field: string): unknown[] => result.data[field].edges;

  it.each([
    [
      'commitments',
      `query($first: Int, $filter: CommitmentFilterInput) { commitments(first: $first, filter: $filter) { totalCount edges { node { id state status
        subject { code name } breachRecord ${RECORD} ${HISTORY} } } } }`,
      { filter: { statuses: ['BREACHED'] } },
    ],
    [
      'objections',
      `query($first: Int) { objections(first: $first) { totalCount edges { node { id state overdue
        record ${RECORD} ${HISTORY} } } } }`,
    ],
    [
      'repairApplications',
      `query($first: Int) { repairApplications(first: $first) { totalCount edges { node { id state overdue
        record ${RECORD} listing { id listType subject { code name } reasonRecords ${RECORD} } ${HISTORY} } } } }`,
    ],
    [
      'jointMeasures',
      `query($first: Int) { jointMeasures(first: $first) { totalCount edges { node { id state kind overdue
        subject { code name } record ${RECORD} ${HISTORY} } } } }`,
    ],
    [
      'complaints',
      `query($first: Int, $states: [ComplaintState!]) { complaints(first: $first, states: $states) { totalCount edges { node { id state overdue
        subject { code name } record ${RECORD} ${HISTORY} } } } }`,
      { states: ['VERIFIED'] },
    ],
    [
      'governmentCases',
      `query($first: Int) { governmentCases(first: $first) { totalCount edges { node { id state overdue
        subject { code name } ${HISTORY} } } } }`,
    ],
    ['records', `query($first: Int) { records(first: $first) { totalCount edges { node ${RECORD} } } }`],
  ] as [string, string, Record<string, unknown>?][])('%s', async (field, query, oneOnly = {}) => {
    const { one, all } = await oneAndMany(query, { first: 1, ...oneOnly });
    expect(edges(one, field)).toHaveLength(1);
    expect(edges(all, field).length).toBeGreaterThan(1);
    expect(all.statements).toBe(one.statements);
  });

  it('warnings, with their subject, records and history', async () => {
    const query = `query($first: Int!, $filter: WarningFilter) { warnings(first: $first, filter: $filter) { id kind state
      subject { code name } records ${RECORD} ${HISTORY} } }`;
    const { one, all } = await oneAndMany(query, { first: 1, filter: { kinds: ['REPEATED_FINDINGS'] } });
    expect(one.data.warnings).toHaveLength(1);
    expect(all.data.warnings.length).toBeGreaterThan(1);
    expect(all.statements).toBe(one.statements);
  });

  it('workflowHistory of an object with one event and of one with several', async () => {
    const query = `query($id: ID!, $type: WorkflowObjectType!) { workflowHistory(id: $id, objectType: $type) {
      id objectType objectId fromState toState actorSub actorRole reason at } }`;
    const ids = async (state: string) =>
      (await t.sql(`SELECT id::text FROM records.complaint WHERE state = ? ORDER BY id`, [state]))[0].id;
    const submitted = await t.counted(query, { id: await ids('SUBMITTED'), type: 'COMPLAINT' }, viewers.creditOffice);
    const closed = await t.counted(query, { id: await ids('CLOSED'), type: 'COMPLAINT' }, viewers.creditOffice);
    expect(submitted.data.workflowHistory).toHaveLength(1);
    expect(closed.data.workflowHistory.length).toBeGreaterThan(1);
    expect(closed.statements).toBe(submitted.statements);
  });

  it('caseLedger over one month and over a year', async () => {
    const query = `query($from: String!, $to: String!) { caseLedger(regionPrefix: "3209", fromMonth: $from, toMonth: $to) {
      division month stock newCases cleared } }`;
    const month = today().slice(0, 7);
    const one = await t.counted(query, { from: month, to: month }, viewers.creditOffice);
    const year = await t.counted(query, { from: addMonths(today(), -11).slice(0, 7), to: month }, viewers.creditOffice);
    expect(one.errors).toBeUndefined();
    expect(new Set(one.data.caseLedger.map((r: { month: string }) => r.month)).size).toBe(1);
    expect(new Set(year.data.caseLedger.map((r: { month: string }) => r.month)).size).toBe(12);
    expect(year.statements).toBe(one.statements);
  });

  it('blacklistCheck: listings with their reason records, for one listed subject and for two', async () => {
    const query = `query($codes: [String!]!) { blacklistCheck(codes: $codes) { listed subject { name }
      listings { id listType subject { code name } reasonRecords ${RECORD} } } }`;
    await t.run(query, { codes: [t.demo.blacklistedEnterprise.code] }, viewers.creditOffice);
    const one = await statements(query, { codes: [t.demo.blacklistedEnterprise.code] }, viewers.creditOffice);
    const two = await statements(
      query,
      { codes: [t.demo.blacklistedEnterprise.code, t.demo.listedGovernment.code] },
      viewers.creditOffice,
    );
    expect(one.errors).toBeUndefined();
    expect(two.data.blacklistCheck.map((r: { listed: boolean }) => r.listed)).toEqual([true, true]);
    expect(two.statements).toBe(one.statements);
  });

  describe('webhooks', () => {
    const owner = () => viewers.tendering;
    let subscriptionId: string;
    beforeAll(async () => {
      const codes = [t.demo.consultancy.code, t.demo.labourContractor.code, t.demo.farmingEnterprise.code];
      for (const code of codes) {
        const registered = await t.run(
          REGISTER,
          { url: 'http://127.0.0.1:9/hooks/credit', events: ['RECORD_ADDED'], codes: [code] },
          owner(),
        );
        expect(registered.errors).toBeUndefined();
        subscriptionId ??= registered.data.registerWebhook.subscription.id;
      }
      const pushed = await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
        {
          input: ['COUNT-1', 'COUNT-2', 'COUNT-3'].map((externalId) => ({
            externalId,
            subject: { code: t.demo.consultancy.code },
            nature: 'DISHONESTY',
            category: 'ADMINISTRATIVE_PENALTY',
            domain: 'TENDERING',
            severity: 'GENERAL',
            title: externalId,
            decidedAt: today(),
            disclosure: 'PUBLIC',
          })),
        },
        owner(),
      );
      expect(pushed.errors).toBeUndefined();
    });

    it('webhookSubscriptions, with their watched codes', async () => {
      const query = `query($first: Int) { webhookSubscriptions(first: $first) { totalCount edges { node {
        id url events watchCodes } } } }`;
      const { one, all } = await oneAndMany(query, { first: 1 }, { first: 50 }, owner());
      expect(edges(one, 'webhookSubscriptions')).toHaveLength(1);
      expect(edges(all, 'webhookSubscriptions').length).toBeGreaterThan(1);
      expect(all.statements).toBe(one.statements);
    });

    it('webhookDeliveries, with body and attempt log', async () => {
      const query = `query($id: ID!, $first: Int) { webhookDeliveries(subscriptionId: $id, first: $first) { totalCount
        edges { node { id event state body attemptLog { attempt statusCode error succeeded } } } } }`;
      for (const viewer of [owner(), viewers.creditOffice]) {
        const { one, all } = await oneAndMany(
          query,
          { id: subscriptionId, first: 1 },
          { id: subscriptionId, first: 50 },
          viewer,
        );
        expect(edges(one, 'webhookDeliveries')).toHaveLength(1);
        expect(edges(all, 'webhookDeliveries')).toHaveLength(3);
        expect(all.statements).toBe(one.statements);
      }
    });
  });
});
