import { gatewayPassThrough } from '../../src/common/metrics';
import { loadConfig } from '../../src/config';
import { makeUscc } from '../../src/identity';
import { createHub, type Hub } from '../../src/gateway/hub';
import { InProcessDataSource } from '../../src/gateway/in-process-data-source';
import { HUB_ARCHIVE, HUB_BLACKLIST, HUB_DECISION, HUB_STATUS, HUB_SUBMIT } from '../../bench/lib/documents';
import { ingestRecords } from '../../bench/lib/workload';
import { as, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient } from '../helpers/viewers';
import type { Principal } from '../../src/auth/principal';

/**
 * The pass-through of single-fetch plans and entity chains (src/gateway/pass-through.ts,
 * pass-through-chain.ts) leans on @apollo/gateway internals. Every answer here is compared
 * byte for byte with a hub that has it switched off (GATEWAY_PASS_THROUGH=false) on the same
 * database, and the route each took is asserted: if an upgrade of the gateway changes what a
 * plan or a fetch looks like, these fail.
 */
describe('gateway pass-through of single-fetch queries and entity chains', () => {
  let t: TestHub;
  let normal: Hub;
  beforeAll(async () => {
    t = await startTestHub();
    normal = await createHub({ ...t.services, config: { ...t.services.config, gatewayPassThrough: false } });
  });
  afterAll(async () => {
    await normal.stop();
    await t.close();
  });

  async function answer(hub: Hub, query: string, variables: Record<string, unknown>, viewer: Principal) {
    const response = await hub.server.executeOperation({ query, variables }, { contextValue: hub.contextFor(viewer) });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    // Development answers carry stack traces, which name the frames each path went through.
    const stripped = errors?.map(({ extensions, ...error }) => {
      const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
      return { ...error, extensions: rest };
    });
    // Every blacklistCheck is a new check with its own checkId (lists/check-log.ts): the same answer otherwise.
    return JSON.stringify({ data, errors: stripped }).replace(/"checkId":"[0-9a-f-]{36}"/g, '"checkId":"<check>"');
  }

  async function outcomes(): Promise<Record<string, number>> {
    const { values } = await gatewayPassThrough.get();
    return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
  }

  /**
   * Asks both hubs (the pass-through hub twice: its first request learns the plan) and returns
   * the answer, after checking they are equal and which way the second request went.
   */
  async function compare(
    query: string,
    variables: Record<string, unknown>,
    viewer: Principal,
    expected: 'passed' | 'replayed' | 'normal',
  ): Promise<any> {
    const expectedAnswer = await answer(normal, query, variables, viewer);
    expect(await answer(t.hub, query, variables, viewer)).toBe(expectedAnswer);
    const before = await outcomes();
    const subgraphCalls = jest.spyOn(InProcessDataSource.prototype, 'process');
    try {
      expect(await answer(t.hub, query, variables, viewer)).toBe(expectedAnswer);
      const normalCalls = subgraphCalls.mock.calls.length;
      subgraphCalls.mockClear();
      await answer(normal, query, variables, viewer);
      // The subgraphs were asked as often as the gateway alone asks them: never twice for one fetch.
      expect(subgraphCalls.mock.calls.length).toBe(normalCalls);
    } finally {
      subgraphCalls.mockRestore();
    }
    const after = await outcomes();
    const moved = Object.fromEntries(
      (['passed', 'replayed'] as const).map((o) => [o, (after[o] ?? 0) - (before[o] ?? 0)]).filter(([, n]) => n !== 0),
    );
    // Only the pass-through hub's second request is routed: the switched-off hub never is.
    expect(moved).toEqual(expected === 'normal' ? {} : { [expected]: 1 });
    return JSON.parse(expectedAnswer);
  }

  const tendering = () => cityClient(Role.TENDERING);
  const codes = () => [
    t.demo.blacklistedEnterprise.code,
    t.demo.consultancy.code,
    ` ${t.demo.consultancy.code.toLowerCase()} `,
    makeUscc('91', '320900', '86000099'),
    'not-a-code',
  ];

  it('every bench scenario query passes: blacklist, decision, status and the archive (3 subgraphs)', async () => {
    const blacklist = await compare(HUB_BLACKLIST, { codes: codes() }, tendering(), 'passed');
    expect(blacklist.data.blacklistCheck.map((e: any) => e.listed)).toEqual([true, false, false, false, false]);
    const decision = await compare(HUB_DECISION, { codes: codes() }, cityClient(Role.PROCUREMENT), 'passed');
    expect(decision.data.blacklistCheck).toHaveLength(5);
    const status = await compare(
      HUB_STATUS,
      { code: t.demo.county('320924').government.code },
      cityClient(Role.PROCUREMENT),
      'passed',
    );
    expect(status.data.creditStatus.level).toBe('D');
    const orgDept = as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code });
    const archive = await compare(
      HUB_ARCHIVE,
      { code: t.demo.sanctionedCadre.code, purpose: '干部选拔任用前廉政审查' },
      orgDept,
      'passed',
    );
    expect(archive.data.subject.archive.entries.length).toBeGreaterThan(0);
    expect(archive.data.subject.archive.dishonestyRecords.length).toBeGreaterThan(0);
  });

  it('GATEWAY_PASS_THROUGH is on unless set to false', () => {
    expect(loadConfig({ ...process.env, GATEWAY_PASS_THROUGH: undefined }).gatewayPassThrough).toBe(true);
    expect(loadConfig({ ...process.env, GATEWAY_PASS_THROUGH: 'false' }).gatewayPassThrough).toBe(false);
  });

  it('the ingest mutation takes the normal path', async () => {
    const before = await outcomes();
    const court = as(Role.COURT, { region: '320900', sub: 'pass-through-ingest' });
    const pushed = [];
    for (const [hub, prefix] of [
      [normal, 'N'],
      [t.hub, 'P1'],
      [t.hub, 'P2'],
    ] as const) {
      const input = ingestRecords([t.demo.consultancy.code], 3, `PASS-${prefix}`);
      pushed.push(await answer(hub, HUB_SUBMIT, { input }, court));
    }
    expect(new Set(pushed).size).toBe(1);
    expect(JSON.parse(pushed[0]).data.submitRecords.created).toBe(3);
    expect(await outcomes()).toEqual(before);
  });

  it('fragments, aliases and __typename pass and answer in the client order', async () => {
    const query = `query Check($codes: [String!]!) {
      first: blacklistCheck(codes: $codes) { __typename ...Entry subject { __typename n: name } }
    }
    fragment Entry on BlacklistResult { listed valid ... on BlacklistResult { c: code } }`;
    const result = await compare(query, { codes: codes() }, tendering(), 'passed');
    expect(Object.keys(result.data.first[0])).toEqual(['__typename', 'listed', 'valid', 'c', 'subject']);
    // The query planner sends __typename first: the subgraph's keys would be out of the client's order.
    const late = `query($codes: [String!]!) { blacklistCheck(codes: $codes) { code __typename } }`;
    const reordered = await compare(late, { codes: codes() }, tendering(), 'normal');
    expect(Object.keys(reordered.data.blacklistCheck[0])).toEqual(['code', '__typename']);
  });

  it('variables with defaults: omitted, given and refused', async () => {
    const query = `query($codes: [String!]! = ["91320900MA1XXXXXXX"], $listTypes: [ListType!] = [SERIOUS_DISHONESTY]) {
      blacklistCheck(codes: $codes, listTypes: $listTypes) { code listed listings { listType } } }`;
    await compare(query, {}, tendering(), 'passed');
    await compare(query, { codes: codes(), listTypes: null }, tendering(), 'passed');
    // A variable the gateway refuses never reaches a subgraph, on either path.
    await compare(query, { codes: codes(), listTypes: ['NO_SUCH_LIST'] }, tendering(), 'normal');
  });

  it('anonymous checks pass; a denied field (null, an error at its path) is re-shaped, the subgraph asked once', async () => {
    await compare(HUB_BLACKLIST, { codes: codes() }, PUBLIC_PRINCIPAL, 'passed');
    const query = `query($codes: [String!]!) { blacklistCheck(codes: $codes) { code listed } warnings { id } }`;
    const denied = await compare(query, { codes: codes() }, PUBLIC_PRINCIPAL, 'replayed');
    expect(denied.data.warnings).toBeNull();
    expect(denied.data.blacklistCheck).toHaveLength(5);
    expect(denied.errors.map((e: any) => [e.path, e.extensions.code])).toEqual([[['warnings'], 'FORBIDDEN']]);
  });

  it('partial data from one subgraph: an input error beside an answered field', async () => {
    const query = `{ creditStatus(code: "not-a-code") { code } blacklistCheck(codes: ["not-a-code"]) { valid } }`;
    const partial = await compare(query, {}, cityClient(Role.PROCUREMENT), 'replayed');
    expect(partial.data).toEqual({ creditStatus: null, blacklistCheck: [{ valid: false }] });
    expect(partial.errors.map((e: any) => [e.path, e.extensions.code])).toEqual([[['creditStatus'], 'BAD_USER_INPUT']]);
  });

  it('@include/@skip, root __typename and a list of entities take the normal path', async () => {
    const included = `query($with: Boolean!, $codes: [String!]!) { blacklistCheck(codes: $codes) { code listed @include(if: $with) } }`;
    await compare(included, { with: false, codes: codes() }, tendering(), 'normal');
    await compare(included, { with: true, codes: codes() }, tendering(), 'normal');
    await compare(`{ __typename }`, {}, tendering(), 'normal');
    // Entities in a list (a Flatten path through "@"): left to the gateway.
    const listed = `query { searchSubjects(filter: { kinds: [PUBLIC_SERVANT], regionPrefix: "3209" }, first: 3) {
      edges { node { name archive(purpose: "信用监管核查") { purpose } } } } }`;
    await compare(listed, {}, cityClient(Role.CREDIT_OFFICE), 'normal');
  });

  describe('entity chains (a root fetch, then entity fetches at object paths)', () => {
    const orgDept = () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code });
    const purpose = '干部选拔任用前廉政审查';

    it('a subject with its credit status from a second subgraph passes, and so does an unknown code', async () => {
      const federated = `query($code: String!) { subject(code: $code) { name creditStatus { level } } }`;
      const status = await compare(
        federated,
        { code: t.demo.consultancy.code },
        cityClient(Role.CREDIT_OFFICE),
        'passed',
      );
      expect(status.data.subject.creditStatus.level).toBeDefined();
      const unknown = await compare(
        federated,
        { code: makeUscc('91', '320900', '86000098') },
        cityClient(Role.CREDIT_OFFICE),
        'passed',
      );
      expect(unknown.data).toEqual({ subject: null });
    });

    it('fragments, aliases and __typename across the three subgraphs answer in the client order', async () => {
      const query = `query A($code: String!, $purpose: String!) { person: subject(code: $code) { ...P
        file: archive(purpose: $purpose) { dishonestyRecords { t: title __typename } __typename entries { year id } } } }
        fragment P on Subject { __typename n: name }`;
      const file = await compare(query, { code: t.demo.sanctionedCadre.code, purpose }, orgDept(), 'passed');
      expect(Object.keys(file.data.person)).toEqual(['__typename', 'n', 'file']);
      expect(Object.keys(file.data.person.file)).toEqual(['dishonestyRecords', '__typename', 'entries']);
      expect(Object.keys(file.data.person.file.dishonestyRecords[0])).toEqual(['t', '__typename']);
    });

    it('no file (not a civil servant): archive null, the records subgraph not asked', async () => {
      const query = `query($code: String!, $purpose: String!) { subject(code: $code) { name
        archive(purpose: $purpose) { purpose dishonestyRecords { id } } } }`;
      const none = await compare(query, { code: t.demo.consultancy.code, purpose }, orgDept(), 'passed');
      expect(none.data.subject).toEqual({ name: t.demo.consultancy.name, archive: null });
    });

    it('a refused file and a denied entry field are replayed through the normal path, each subgraph asked once', async () => {
      // The organization department of 亭湖区 does not manage the city's cadres (it may not look them up by code either).
      const outsider = as(Role.ORG_DEPT, { region: '320900', org: t.demo.county('320902').orgDept.code });
      const code = t.demo.sanctionedCadre.code;
      const [{ id }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
        `${code.slice(0, 6)}********${code.slice(14)}`,
      ]);
      const byId = `query($id: ID!, $purpose: String!) { subject(id: $id) { name
        archive(purpose: $purpose) { purpose entries { id } dishonestyRecords { id } } } }`;
      const refused = await compare(byId, { id, purpose }, outsider, 'replayed');
      expect(refused.data.subject.archive).toBeNull();
      expect(refused.errors.map((e: any) => [e.path, e.extensions.code])).toEqual([
        [['subject', 'archive'], 'FORBIDDEN'],
      ]);
      // The credit office reads files without personal-matters contents: FORBIDDEN at each such entry's content.
      const office = cityClient(Role.CREDIT_OFFICE);
      const partial = await compare(HUB_ARCHIVE, { code: t.demo.sanctionedCadre.code, purpose }, office, 'replayed');
      expect(partial.errors.length).toBeGreaterThan(0);
      expect(partial.errors.every((e: any) => e.extensions.code === 'FORBIDDEN' && e.path.at(-1) === 'content')).toBe(
        true,
      );
    });

    it('one reading on either path writes the same access-log entries, once', async () => {
      const count = async () =>
        Number((await t.sql(`SELECT count(*)::int AS n FROM audit.access_log WHERE request_id IS NOT NULL`))[0].n);
      const vars = { code: t.demo.sanctionedCadre.code, purpose };
      const before = await count();
      await answer(normal, HUB_ARCHIVE, vars, orgDept());
      const byNormal = (await count()) - before;
      await answer(t.hub, HUB_ARCHIVE, vars, orgDept());
      await answer(t.hub, HUB_ARCHIVE, vars, orgDept());
      expect(byNormal).toBeGreaterThanOrEqual(2);
      expect((await count()) - before).toBe(3 * byNormal);
    });
  });
});
