import type { Principal } from '../../src/auth/principal';
import { makeResidentId, residentIdCheckChar } from '../../src/identity';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf, viewers as demoViewers } from '../helpers/viewers';

/**
 * Derived data follows the rows it derives from (issue #13, item 1): for a fixture of protected
 * facts, every role in and outside the jurisdiction asks every path of the records subgraph
 * that can reveal them, and learns exactly what the table says; every release of a protected
 * fact leaves exactly one access-log entry of its resource. Rules: docs/credit-status.md.
 *
 * Facts: 李明's RESTRICTED sanction (JW-2026-031) and a SERIOUS_DISHONESTY listing resting on
 * it; a GOVERNMENT record on the city hospital (GP-2026-009); an unregistered valid ID number;
 * a person hidden from every Yancheng caller (the Luoyang official).
 */
const STATUS = `query S($code: String!) { creditStatus(code: $code) { subject { name } level score activeDishonestyCount
  seriousDishonestyCount activeListings { listType reasonRecords { title } } reasons { kind sourceId points explanation }
  undisclosedReasonCount withheld asOf policyVersion } }`;
const PERSON = `query P($id: ID!) { subject(id: $id) { name
  creditStatus { level score activeDishonestyCount reasons { kind sourceId } undisclosedReasonCount activeListings { listType } }
  listings { listType reasonRecords { title } } records { totalCount edges { node { id title } } } } }`;
const CHECK = `query C($codes: [String!]!) { blacklistCheck(codes: $codes) { valid problem listed withheld subject { name }
  listings { listType reason reasonRecords { title } } } }`;

type Expect = {
  seesPerson: boolean;
  standing: boolean;
  fullNumber: boolean;
  readsSanction: boolean;
  readsGovernmentRecord: boolean;
  /**
   * May read the full number of the person hidden from Yancheng (its own credit office and
   * organization department).
   */
  fullNumberOfHidden?: boolean;
};
const none: Expect = {
  seesPerson: false,
  standing: false,
  fullNumber: false,
  readsSanction: false,
  readsGovernmentRecord: false,
};
const government: Expect = { ...none, seesPerson: true, readsGovernmentRecord: true };

describe('derived data follows the rows it derives from', () => {
  let t: TestHub;
  let sanctionId: string;
  let governmentRecordId: string;
  let personId: string;
  let listingId: string;
  const person = () => t.demo.sanctionedCadre; // 李明, managed by the city organization department
  const unregistered = makeResidentId('320900', '19700101', 997);
  const hidden = () => t.demo.luoyang.official.code;

  beforeAll(async () => {
    t = await startTestHub();
    const id = async (externalId: string) =>
      (await t.sql('SELECT id::text FROM records.credit_record WHERE external_id = ?', [externalId]))[0].id as string;
    sanctionId = await id('JW-2026-031');
    governmentRecordId = await id('GP-2026-009');
    [{ id: personId }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
      `${person().code.slice(0, 6)}********${person().code.slice(14)}`,
    ]);
    expect(
      await t.sql(`SELECT 1 FROM subjects.subject WHERE code_key = ?`, [
        t.services.keys.identify(unregistered).keys[0],
      ]),
    ).toEqual([]);
    const listed = await t.run(
      `mutation($input: ListingInput!) { listSubject(input: $input) { id } }`,
      {
        input: {
          subject: { code: person().code },
          listType: 'SERIOUS_DISHONESTY',
          reason: '严重失信（政务处分）',
          legalBasis: '国办发〔2020〕49号',
          reasonRecordIds: [sanctionId],
        },
      },
      demoViewers.creditOffice,
    );
    expect(listed.errors).toBeUndefined();
    listingId = listed.data.listSubject.id;
    // A serious-dishonesty listing starts in notice (告知): as if recorded 20 days ago, its window has passed.
    await t.sql(
      `UPDATE records.listing SET notice_ends_on = notice_ends_on - 20, starts_on = starts_on - 20 WHERE id = ?`,
      [listingId],
    );
  });
  afterAll(() => t.close());

  const viewers: [string, () => Principal, Expect][] = [
    ['PUBLIC', () => PUBLIC_PRINCIPAL, none],
    ['PROCUREMENT', () => cityClient(Role.PROCUREMENT), government],
    ['TENDERING', () => cityClient(Role.TENDERING), government],
    ['INVESTMENT', () => cityClient(Role.INVESTMENT), government],
    ['DEBT', () => cityClient(Role.DEBT), government],
    ['COURT', () => cityClient(Role.COURT), government],
    [
      'ORG_DEPT managing',
      () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
      { ...government, standing: true, fullNumber: true },
    ],
    [
      'ORG_DEPT not managing',
      () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.county('320902').orgDept.code }),
      government,
    ],
    ['DISCIPLINE', () => cityClient(Role.DISCIPLINE), { ...government, standing: true }],
    [
      'CREDIT_OFFICE',
      () => cityClient(Role.CREDIT_OFFICE),
      { ...government, standing: true, fullNumber: true, readsSanction: true },
    ],
    [
      'SUBJECT self',
      () => selfOf(t.demo.sanctionedCadre.code),
      { ...none, seesPerson: true, standing: true, fullNumber: true, readsSanction: true },
    ],
    ['SUBJECT other', () => selfOf(t.demo.cityCadre.code), none],
    ...[Role.PROCUREMENT, Role.TENDERING, Role.INVESTMENT, Role.DEBT, Role.COURT, Role.DISCIPLINE].map(
      (role): [string, () => Principal, Expect] => [`${role} of Luoyang`, () => as(role, { region: '410300' }), none],
    ),
    ['CREDIT_OFFICE of Luoyang', () => outsideClient(Role.CREDIT_OFFICE), { ...none, fullNumberOfHidden: true }],
    [
      'ORG_DEPT of Luoyang',
      () => as(Role.ORG_DEPT, { region: '410300', org: t.demo.luoyang.orgDept.code }),
      { ...none, fullNumberOfHidden: true },
    ],
    // Management authority is not territorial: the managing department sees its cadre from anywhere.
    [
      'ORG_DEPT managing, other region',
      () => as(Role.ORG_DEPT, { region: '410300', org: t.demo.orgDept.code }),
      { ...none, seesPerson: true, standing: true, fullNumber: true },
    ],
  ];

  /** Access-log entries per resource written while `run` ran. */
  async function logged<T>(run: () => Promise<T>): Promise<{ result: T; entries: Record<string, number> }> {
    const count = async () =>
      new Map(
        (await t.sql(`SELECT resource, count(*)::int AS n FROM audit.access_log GROUP BY resource`)).map((r) => [
          r.resource,
          r.n,
        ]),
      );
    const before = await count();
    const result = await run();
    const after = await count();
    const entries: Record<string, number> = {};
    for (const [resource, n] of after)
      if (n - (before.get(resource) ?? 0) > 0) entries[resource] = n - (before.get(resource) ?? 0);
    return { result, entries };
  }

  /** A civil servant's standing, as told to one who may learn it. */
  const standing = (e: Expect) => ({
    level: 'D',
    score: 100 - 20 - 40,
    activeDishonestyCount: 1,
    seriousDishonestyCount: 1,
    activeListings: [
      { listType: 'SERIOUS_DISHONESTY', reasonRecords: e.readsSanction ? [{ title: '政务记过处分' }] : [] },
    ],
    reasons: [
      ...(e.readsSanction
        ? [
            {
              kind: 'RECORD',
              sourceId: sanctionId,
              points: -20,
              // Words in the request's language (Chinese by default); kind, sourceId and points are the contract.
              explanation: expect.stringMatching(/[\u4e00-\u9fff]/),
            },
          ]
        : []),
      {
        kind: 'LISTING',
        sourceId: listingId,
        points: -40,
        explanation: expect.stringMatching(/[\u4e00-\u9fff]/),
      },
    ],
    undisclosedReasonCount: e.readsSanction ? 0 : 1,
    withheld: false,
  });

  it.each(viewers)('%s: creditStatus by the full ID number', async (_name, viewer, e) => {
    const { result, entries } = await logged(() => t.run(STATUS, { code: person().code }, viewer()));
    expect(result.errors).toBeUndefined();
    if (!e.fullNumber) {
      // Byte for byte the answer for an unregistered number, and nothing released, nothing logged.
      const blank = await t.run(STATUS, { code: unregistered }, viewer());
      expect(JSON.stringify(result.data)).toBe(JSON.stringify(blank.data));
      expect(result.data.creditStatus).toMatchObject({
        subject: null,
        level: null,
        score: null,
        activeDishonestyCount: 0,
        reasons: [],
        withheld: true,
      });
      expect(entries).toEqual({});
      return;
    }
    expect(result.data.creditStatus).toMatchObject({ subject: { name: '李明' }, ...standing(e) });
    expect(entries).toEqual({
      PERSON_CODE: 1,
      PERSON_STANDING: 1,
      ...(e.readsSanction ? { RESTRICTED_RECORD: 1 } : {}),
    });
  });

  it.each(viewers)(
    '%s: Subject.creditStatus, listings and records of the person found in the registry',
    async (_name, viewer, e) => {
      const { result, entries } = await logged(() => t.run(PERSON, { id: personId }, viewer()));
      if (!e.seesPerson) {
        expect(result).toEqual({ data: { subject: null } });
        expect(entries).toEqual({});
        return;
      }
      const subject = result.data.subject;
      expect(subject.records).toEqual({
        totalCount: e.readsSanction ? 1 : 0,
        edges: e.readsSanction ? [{ node: { id: sanctionId, title: '政务记过处分' } }] : [],
      });
      if (!e.standing) {
        expect(subject.creditStatus).toBeNull();
        expect(subject.listings).toBeNull();
        expect(result.errors!.map((err) => [err.path!.join('.'), err.extensions!.code]).sort()).toEqual([
          ['subject.creditStatus', 'FORBIDDEN'],
          ['subject.listings', 'FORBIDDEN'],
        ]);
        expect(entries).toEqual({});
        return;
      }
      expect(result.errors).toBeUndefined();
      const told = standing(e);
      expect(subject.creditStatus).toEqual({
        level: told.level,
        score: told.score,
        activeDishonestyCount: 1,
        undisclosedReasonCount: told.undisclosedReasonCount,
        reasons: told.reasons.map((r) => ({ kind: r.kind, sourceId: r.sourceId })),
        activeListings: [{ listType: 'SERIOUS_DISHONESTY' }],
      });
      expect(subject.listings).toEqual(told.activeListings);
      expect(entries).toEqual({ PERSON_STANDING: 1, ...(e.readsSanction ? { RESTRICTED_RECORD: 1 } : {}) });
    },
  );

  it.each(viewers)(
    '%s: blacklistCheck of the person, an unregistered and a hidden number',
    async (_name, viewer, e) => {
      const { result, entries } = await logged(() =>
        t.run(CHECK, { codes: [person().code, unregistered, hidden()] }, viewer()),
      );
      expect(result.errors).toBeUndefined();
      const [row, blank, hiddenRow] = result.data.blacklistCheck;
      const withheld = { valid: true, problem: null, listed: false, withheld: true, subject: null, listings: [] };
      expect(blank).toEqual(withheld);
      if (e.fullNumberOfHidden) {
        // Hidden from Yancheng, not from its own jurisdiction: the control that the row can differ.
        expect(hiddenRow).toEqual({ ...withheld, withheld: false, subject: { name: t.demo.luoyang.official.name } });
        expect(row).toEqual(withheld);
        expect(entries).toEqual({ PERSON_CODE: 1, PERSON_STANDING: 1 });
        return;
      }
      expect(hiddenRow).toEqual(withheld);
      if (!e.fullNumber) {
        expect(row).toEqual(withheld);
        expect(entries).toEqual({});
        return;
      }
      expect(row).toEqual({
        valid: true,
        problem: null,
        listed: true,
        withheld: false,
        subject: { name: '李明' },
        listings: [
          {
            listType: 'SERIOUS_DISHONESTY',
            reason: '严重失信（政务处分）',
            reasonRecords: e.readsSanction ? [{ title: '政务记过处分' }] : [],
          },
        ],
      });
      expect(entries).toEqual({
        PERSON_CODE: 1,
        PERSON_STANDING: 1,
        ...(e.readsSanction ? { RESTRICTED_RECORD: 1 } : {}),
      });
    },
  );

  it.each(viewers)(
    "%s: an organization's status counts only the records the caller may read",
    async (_name, viewer, e) => {
      const { result, entries } = await logged(() => t.run(STATUS, { code: t.demo.hospital.code }, viewer()));
      expect(result.errors).toBeUndefined();
      const reads = e.readsGovernmentRecord;
      expect(result.data.creditStatus).toMatchObject({
        subject: { name: t.demo.hospital.name },
        level: 'A',
        score: reads ? 100 - 6 : 100,
        activeDishonestyCount: reads ? 1 : 0,
        reasons: reads
          ? [
              {
                kind: 'RECORD',
                sourceId: governmentRecordId,
                points: -6,
                explanation: expect.stringMatching(/[\u4e00-\u9fff]/),
              },
            ]
          : [],
        undisclosedReasonCount: 0,
        withheld: false,
      });
      const federated = await t.run(
        `query($code: String!) { subject(code: $code) { creditStatus { score reasons { sourceId } } } }`,
        { code: t.demo.hospital.code },
        viewer(),
      );
      expect(federated.data.subject.creditStatus).toEqual({
        score: result.data.creditStatus.score,
        reasons: reads ? [{ sourceId: governmentRecordId }] : [],
      });
      expect(entries).toEqual({});
    },
  );

  it('an invalid code is still BAD_USER_INPUT for everyone; an unregistered USCC is not withheld', async () => {
    expect(
      codes(await t.run(STATUS, { code: person().code.slice(0, 17) + (person().code[17] === '0' ? '1' : '0') })),
    ).toEqual(['BAD_USER_INPUT']);
    const org = await t.run(STATUS, { code: '91110000600037341L' });
    expect(org.data.creditStatus).toMatchObject({ subject: null, level: null, withheld: false });
  });

  describe('enumerating a masked ID number', () => {
    const masked = () =>
      `${t.demo.tradingCenterDirector.code.slice(0, 6)}********${t.demo.tradingCenterDirector.code.slice(14)}`; // 王芳: 320900********0847
    /** Every number the mask allows: birth dates 1950–2005 whose check character is the one shown. */
    const candidates = () => {
      const shown = masked();
      const found: string[] = [];
      for (let day = Date.UTC(1950, 0, 1); day <= Date.UTC(2005, 11, 31); day += 86_400_000) {
        const first17 =
          shown.slice(0, 6) + new Date(day).toISOString().slice(0, 10).replace(/-/g, '') + shown.slice(14, 17);
        if (residentIdCheckChar(first17) === shown[17]) found.push(first17 + shown[17]);
      }
      return found;
    };

    beforeAll(async () => {
      // 王芳 is listed too: the tender blacklist must not make her number stand out either.
      const tendering = as(Role.TENDERING, {
        region: '320900',
        org: t.demo.tradingCenter.code,
        sub: 'yancheng-tendering',
      });
      const pushed = await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { recordId } } }`,
        {
          input: [
            {
              externalId: 'TP-TEST-WANG',
              subject: { code: t.demo.tradingCenterDirector.code },
              nature: 'DISHONESTY',
              category: 'ADMINISTRATIVE_PENALTY',
              domain: 'TENDERING',
              severity: 'SERIOUS',
              title: '评标专家违规',
              decidedAt: '2026-10-01',
              disclosure: 'PUBLIC',
            },
          ],
        },
        tendering,
      );
      expect(pushed.errors).toBeUndefined();
      const listed = await t.run(
        `mutation($input: ListingInput!) { listSubject(input: $input) { id } }`,
        {
          input: {
            subject: { code: t.demo.tradingCenterDirector.code },
            listType: 'TENDER_BLACKLIST',
            reason: '评标违规',
            legalBasis: '《江苏省招标投标条例》',
            reasonRecordIds: [pushed.data.submitRecords.results[0].recordId],
          },
        },
        tendering,
      );
      expect(listed.errors).toBeUndefined();
    });

    it('about 1,900 candidates through blacklistCheck confirm nothing to TENDERING, and are never logged as confirmed', async () => {
      const all = candidates();
      expect(all.length).toBeGreaterThan(1700);
      expect(all).toContain(t.demo.tradingCenterDirector.code);
      const tendering = cityClient(Role.TENDERING);
      const { result: rows, entries } = await logged(async () => {
        const out: Record<string, unknown>[] = [];
        for (let i = 0; i < all.length; i += 1000) {
          const batch = await t.run(
            `query($codes: [String!]!) { blacklistCheck(codes: $codes) { code valid problem listed withheld subject { name } listings { listType } } }`,
            { codes: all.slice(i, i + 1000) },
            tendering,
          );
          expect(batch.errors).toBeUndefined();
          out.push(...batch.data.blacklistCheck);
        }
        return out;
      });
      expect(rows.map((r) => r.code)).toEqual(all);
      const distinct = new Set(rows.map(({ code: _code, ...rest }) => JSON.stringify(rest)));
      expect([...distinct]).toEqual([
        JSON.stringify({ valid: true, problem: null, listed: false, withheld: true, subject: null, listings: [] }),
      ]);
      expect(entries).toEqual({});
    });

    it('the same candidates do single out 王芳 for the credit office, which may read the number (the test can fail)', async () => {
      const office = cityClient(Role.CREDIT_OFFICE);
      const others = candidates()
        .filter((code) => code !== t.demo.tradingCenterDirector.code)
        .slice(0, 999);
      const { result, entries } = await logged(() =>
        t.run(
          `query($codes: [String!]!) { blacklistCheck(codes: $codes) { subject { name } listed } }`,
          { codes: [...others, t.demo.tradingCenterDirector.code] },
          office,
        ),
      );
      const found = result.data.blacklistCheck.filter((r: { subject: unknown }) => r.subject);
      expect(found).toEqual([{ subject: { name: '王芳' }, listed: true }]);
      expect(entries).toEqual({ PERSON_CODE: 1, PERSON_STANDING: 1 });
    });
  });
});
