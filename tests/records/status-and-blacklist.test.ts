import { today } from '../../src/common/dates';
import { makeUscc } from '../../src/identity';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { clientOperation } from '../helpers/client-operations';
import { cityClient, outsideClient } from '../helpers/viewers';

describe('creditStatus, blacklistCheck and lists', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());
  // The procurement review's operation of the client contract (clients/procurement/).
  const STATUS = clientOperation('procurement/BuyerCreditStatus');

  it('explains the level of a county government that is listed for an enforcement default', async () => {
    const result = await t.run(STATUS, { code: t.demo.county('320924').government.code }, cityClient(Role.PROCUREMENT));
    expect(result.errors).toBeUndefined();
    const status = result.data!.creditStatus;
    expect(status).toMatchObject({
      level: 'D',
      activeDishonestyCount: 1,
      seriousDishonestyCount: 1,
      subject: { name: '射阳县人民政府', kind: 'GOVERNMENT' },
    });
    expect(status.score).toBe(100 - 30 - 40);
    expect(status.activeListings).toEqual([{ listType: 'SERIOUS_DISHONESTY', active: true }]);
    expect(status.reasons.map((r: { kind: string }) => r.kind)).toEqual(['RECORD', 'LISTING']);
  });

  it('tolerated and expired records do not count; honours do', async () => {
    const tolerated = await t.run(STATUS, { code: t.demo.county('320904').government.code });
    expect(tolerated.data!.creditStatus).toMatchObject({ level: 'A', score: 100, activeDishonestyCount: 0 });
    const expired = await t.run(STATUS, { code: t.demo.county('320903').government.code });
    expect(expired.data!.creditStatus).toMatchObject({ score: 100, activeDishonestyCount: 0 });
    const honoured = await t.run(STATUS, { code: t.demo.county('320981').government.code });
    expect(honoured.data!.creditStatus.score).toBe(102);
  });

  it('an invalid code is BAD_USER_INPUT; an unknown valid code has subject null', async () => {
    expect(codes(await t.run(STATUS, { code: '91110000600037341N' }))).toEqual(['BAD_USER_INPUT']);
    const unknown = await t.run(STATUS, { code: '91110000600037341L' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.creditStatus).toMatchObject({
      subject: null,
      level: null,
      score: null,
      code: '91110000600037341L',
    });
  });

  it('costs 2 SQL statements: the registry look-up beside one statement for the records and the listings', async () => {
    const query = `query($code: String!) { creditStatus(code: $code) { subject { name } level score
      activeListings { listType } reasons { kind sourceId points } } }`;
    const listed = await t.counted(
      query,
      { code: t.demo.county('320924').government.code },
      cityClient(Role.PROCUREMENT),
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data.creditStatus).toMatchObject({ subject: { name: '射阳县人民政府' }, level: 'D' });
    expect(listed.data.creditStatus.activeListings).toEqual([{ listType: 'SERIOUS_DISHONESTY' }]);
    expect(listed.data.creditStatus.reasons.map((r: { kind: string }) => r.kind)).toEqual(['RECORD', 'LISTING']);
    expect(listed.statements).toBe(2);
    // An unregistered code: the facts read beside the look-up are released to no one.
    const unknown = await t.counted(query, { code: '91110000600037341L' }, cityClient(Role.PROCUREMENT));
    expect(unknown.data.creditStatus).toMatchObject({ subject: null, level: null, activeListings: [], reasons: [] });
    expect(unknown.statements).toBeLessThanOrEqual(2);
  });

  it('Subject.creditStatus, records and listings resolve through federation, batched', async () => {
    const query = `query($first: Int) { searchSubjects(filter: { kinds: [GOVERNMENT] }, first: $first) { edges { node { name
      creditStatus { level score } listings { listType } records(first: 5) { totalCount edges { node { title } } } } } } }`;
    const viewer = cityClient(Role.CREDIT_OFFICE);
    const few = await t.counted(query, { first: 2 }, viewer);
    const result = await t.counted(query, { first: 20 }, viewer);
    expect(result.errors).toBeUndefined();
    const sheyang = result.data.searchSubjects.edges.find(
      (e: { node: { name: string } }) => e.node.name === '射阳县人民政府',
    ).node;
    expect(sheyang.creditStatus.level).toBe('D');
    expect(sheyang.listings).toEqual([{ listType: 'SERIOUS_DISHONESTY' }]);
    expect(sheyang.records.edges[0].node.title).toBe('拒不履行生效判决（工程款给付）');
    // subjects page, scoring records, listings, record pages, record counts: whatever the page size
    expect(result.statements).toBe(few.statements);
    expect(result.statements).toBeLessThanOrEqual(5);
  });

  describe('blacklistCheck', () => {
    // The tender check's operation of the client contract (clients/tendering/).
    const CHECK = clientOperation('tendering/BidderBlacklistCheck');

    it('keeps input order over listed, clean, unknown, invalid, lower-case and expired codes', async () => {
      const listed = t.demo.blacklistedEnterprise.code;
      const expiredPublicity = t.demo.expiredPublicityEnterprise.code;
      const clean = t.demo.cleanEnterprise.code;
      const unknown = makeUscc('91', '320900', '86000001');
      const input = [
        ` ${listed.toLowerCase()} `,
        clean,
        'NOT-A-CODE',
        unknown,
        expiredPublicity,
        t.demo.county('320924').government.code,
      ];
      const result = await t.run(CHECK, { codes: input }, cityClient(Role.TENDERING));
      expect(result.errors).toBeUndefined();
      const rows = result.data!.blacklistCheck;
      expect(rows.map((r: { code: string }) => r.code)).toEqual([
        listed,
        clean,
        'NOT-A-CODE',
        unknown,
        expiredPublicity,
        t.demo.county('320924').government.code,
      ]);
      expect(rows.map((r: { valid: boolean; listed: boolean }) => [r.valid, r.listed])).toEqual([
        [true, true],
        [true, false],
        [false, false],
        [true, false],
        [true, false],
        [true, true],
      ]);
      expect(rows[0].subject).toEqual({ name: t.demo.blacklistedEnterprise.name });
      expect(rows[0].listings[0]).toMatchObject({
        listType: 'TENDER_BLACKLIST',
        reasonRecords: [{ title: '串通投标' }],
      });
      expect(rows[2]).toMatchObject({ subject: null, problem: expect.any(String) });
      expect(rows[3].subject).toBeNull();
      const tenderOnly = await t.run(CHECK, { codes: input, listTypes: ['TENDER_BLACKLIST'] }, PUBLIC_PRINCIPAL);
      expect(tenderOnly.data!.blacklistCheck.map((r: { listed: boolean }) => r.listed)).toEqual([
        true,
        false,
        false,
        false,
        false,
        false,
      ]);
    });

    it('costs the same 3 SQL statements for 1, 10 and 1000 codes', async () => {
      const batch = (n: number) =>
        Array.from({ length: n }, (_, i) =>
          i % 7 === 0 ? t.demo.blacklistedEnterprise.code : makeUscc('91', '320900', String(87000000 + i)),
        );
      const query = `query($codes: [String!]!) { blacklistCheck(codes: $codes) { code valid listed subject { name } listings { listType }
        decision rule { id } checkId } }`;
      const one = await t.counted(query, { codes: batch(1) });
      const small = await t.counted(query, { codes: batch(10) });
      const large = await t.counted(query, { codes: batch(1000) });
      expect(large.errors).toBeUndefined();
      expect(one.data.blacklistCheck).toMatchObject([{ listed: true, decision: 'BLOCK' }]);
      expect(large.data.blacklistCheck).toHaveLength(1000);
      expect(large.data.blacklistCheck.filter((r: { listed: boolean }) => r.listed)).toHaveLength(143);
      expect([one.statements, small.statements]).toEqual([large.statements, large.statements]);
      // Two reads run together — the registry look-up of the codes (which provides the names too), and the listings
      // in force with the records that may count, for the decision, in one — then the check log's one insert
      // (自动监督; docs/interception.md).
      expect(large.statements).toBeLessThanOrEqual(3);
      // One row per check, its codes as arrays (lists/check-log.ts).
      const logged = await t.sql(
        `SELECT count(*)::int AS n, sum(cardinality(subject_keys))::int AS codes FROM records.interception_check
         WHERE check_id = ?::uuid`,
        [large.data.blacklistCheck[0].checkId],
      );
      expect(logged[0]).toEqual({ n: 1, codes: 1000 });
    });

    it('refers only to subjects the registry knows and the caller may see', async () => {
      const unknown = makeUscc('91', '320900', '87654321');
      const query = `query($codes: [String!]!) { blacklistCheck(codes: $codes) { code subject { name } } }`;
      const result = await t.run(query, { codes: [t.demo.blacklistedEnterprise.code, unknown, t.demo.cityCadre.code] });
      expect(result.errors).toBeUndefined();
      // No Subject the registry would answer null for, so no value-completion errors either.
      expect(result.extensions?.valueCompletion).toBeUndefined();
      expect(result.data.blacklistCheck.map((row: { subject: unknown }) => row.subject)).toEqual([
        { name: t.demo.blacklistedEnterprise.name },
        null,
        null,
      ]);
      const office = await t.run(query, { codes: [t.demo.cityCadre.code] }, cityClient(Role.CREDIT_OFFICE));
      expect(office.data.blacklistCheck[0].subject).toEqual({ name: t.demo.cityCadre.name });
    });

    it('rejects more than 1000 codes', async () => {
      const result = await t.run(CHECK, { codes: Array.from({ length: 1001 }, () => 'x') });
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('listSubject / delistSubject', () => {
    const LIST = `mutation($input: ListingInput!) { listSubject(input: $input) { id listType active status endsOn reasonRecords { title } } }`;
    const reasonId = async (externalId: string) =>
      (await t.sql('SELECT id::text FROM records.credit_record WHERE external_id = ?', [externalId]))[0].id;

    it('only the list authority keeps each list', async () => {
      const input = {
        subject: { code: t.demo.penalizedAgency.code },
        listType: 'SERIOUS_DISHONESTY',
        reason: '测试',
        legalBasis: '国办发〔2020〕49号',
        // A serious-dishonesty listing rests on a SERIOUS record (config/list-rules.json): the agency gets one.
        reasonRecordIds: [await seriousRecordOf(t.demo.penalizedAgency.code)],
      };
      expect(codes(await t.run(LIST, { input }, cityClient(Role.TENDERING)))).toEqual(['FORBIDDEN']);
      expect(codes(await t.run(LIST, { input }, cityClient(Role.COURT)))).toEqual(['FORBIDDEN']);
      expect(codes(await t.run(LIST, { input }, outsideClient(Role.CREDIT_OFFICE)))).toEqual(['FORBIDDEN']);
      const ok = await t.run(
        LIST,
        { input },
        as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code }),
      );
      expect(ok.errors).toBeUndefined();
      // It starts in notice (告知): not in force until the objection window has passed.
      expect(ok.data!.listSubject).toMatchObject({
        listType: 'SERIOUS_DISHONESTY',
        active: false,
        status: 'NOTICED',
        reasonRecords: [{ title: '招标代理机构严重违规' }],
      });

      const delist = `mutation($id: ID!) { delistSubject(id: $id, reason: "履行完毕") { active delistReason } }`;
      expect(codes(await t.run(delist, { id: ok.data!.listSubject.id }, cityClient(Role.TENDERING)))).toEqual([
        'FORBIDDEN',
      ]);
      const done = await t.run(delist, { id: ok.data!.listSubject.id }, cityClient(Role.CREDIT_OFFICE));
      expect(done.data!.delistSubject).toEqual({ active: false, delistReason: '履行完毕' });
      expect(codes(await t.run(delist, { id: ok.data!.listSubject.id }, cityClient(Role.CREDIT_OFFICE)))).toEqual([
        'CONFLICT',
      ]);
    });

    it('a listing needs a legal basis and a dishonesty record of the same subject', async () => {
      const tendering = as(Role.TENDERING, { region: '320900', org: t.demo.tradingCenter.code });
      const base = {
        subject: { code: t.demo.penalizedAgency.code },
        listType: 'TENDER_BLACKLIST',
        reason: '测试',
        legalBasis: '条例',
      };
      expect(
        (
          await t.run(
            LIST,
            { input: { ...base, legalBasis: ' ', reasonRecordIds: [await reasonId('TP-2026-0121')] } },
            tendering,
          )
        ).errors![0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'legalBasis' });
      expect(
        (await t.run(LIST, { input: { ...base, reasonRecordIds: [await reasonId('TP-2026-0117')] } }, tendering))
          .errors![0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reasonRecordIds' });
    });

    const seriousRecordOf = async (code: string) => {
      const pushed = await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { recordId } } }`,
        {
          input: [
            {
              externalId: 'TP-LIST-SERIOUS',
              subject: { code },
              nature: 'DISHONESTY',
              category: 'ADMINISTRATIVE_PENALTY',
              domain: 'TENDERING',
              severity: 'SERIOUS',
              disclosure: 'PUBLIC',
              title: '招标代理机构严重违规',
              decidedAt: today(),
            },
          ],
        },
        as(Role.TENDERING, { region: '320900', org: t.demo.tradingCenter.code }),
      );
      expect(pushed.errors).toBeUndefined();
      return pushed.data!.submitRecords.results[0].recordId as string;
    };

    it('an expired listing stops being active without any job', async () => {
      const tendering = as(Role.TENDERING, { region: '320900', org: t.demo.tradingCenter.code });
      const input = {
        subject: { code: t.demo.penalizedAgency.code },
        listType: 'TENDER_BLACKLIST',
        reason: '过期名单',
        legalBasis: '条例',
        reasonRecordIds: [await reasonId('TP-2026-0121')],
      };
      // No listing starts before today: this one is moved into the past as if recorded then.
      const listed = await t.run(LIST, { input }, tendering);
      expect(listed.data!.listSubject).toMatchObject({ active: true });
      await t.sql(`UPDATE records.listing SET starts_on = '2025-01-01', ends_on = '2025-06-30' WHERE id = ?`, [
        listed.data!.listSubject.id,
      ]);
      const reread = await t.run(
        `query($c: String!) { creditStatus(code: $c) { subject { listings(active: false) { id active status endsOn } } } }`,
        {
          c: t.demo.penalizedAgency.code,
        },
      );
      expect(reread.data!.creditStatus.subject.listings).toContainEqual({
        id: listed.data!.listSubject.id,
        active: false,
        status: 'EXPIRED',
        endsOn: '2025-06-30',
      });
      const check = await t.run(`query($c: [String!]!) { blacklistCheck(codes: $c) { listed } }`, {
        c: [t.demo.penalizedAgency.code],
      });
      expect(check.data!.blacklistCheck[0].listed).toBe(false);
    });
  });
});
