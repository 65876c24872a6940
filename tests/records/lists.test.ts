import type { Principal } from '../../src/auth/principal';
import { addDays, addMonths, today } from '../../src/common/dates';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf, viewers } from '../helpers/viewers';
import { firstError } from '../workflows/helpers';
import { REGISTER } from '../webhooks/helpers';

/**
 * Lists as the rules define them (issue #15 item 1, config/list-rules.json, docs/lists.md): per list type who lists
 * and delists, the records and bases it rests on, no backdating, the maximum duration, and the notice (告知) and
 * objection window before SERIOUS_DISHONESTY and PROCUREMENT_BAN take effect.
 */
const LIST = `mutation($input: ListingInput!) { listSubject(input: $input) {
  id listType status active startsOn endsOn noticeEndsOn basisId legalBasis rights } }`;
const DELIST = `mutation($id: ID!) { delistSubject(id: $id, reason: "移出") { status active } }`;
const OBJECT = `mutation($id: ID!, $r: String!) { objectToListing(id: $id, reason: $r) { status active objectionReason } }`;
const DECIDE = `mutation($id: ID!, $o: ListingObjectionOutcome!) {
  decideListingObjection(id: $id, outcome: $o, decision: "经复核") { status active startsOn objectionOutcome objectionDecision } }`;
const NOTICES = `query($c: String!) { creditStatus(code: $c) { subject {
  listingNotices { id status noticeEndsOn rights objectionReason } listings(active: false) { id } } } }`;
const CHECK = `query($c: [String!]!) { blacklistCheck(codes: $c) { listed listings { id listType } } }`;
const SUBMIT = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { results { recordId } } }`;

type ListType = 'SERIOUS_DISHONESTY' | 'TENDER_BLACKLIST' | 'ENFORCEMENT_DEFAULTER' | 'PROCUREMENT_BAN';

interface Case {
  listType: ListType;
  keeper: () => Principal;
  /** A role just outside: keeps another list (passes the mutation's rule) or none. */
  outsider: () => Principal;
  notice: boolean;
  maxMonths: number;
  defaultMonths: number;
  /** The pusher and what a matching record is, and one that does not meet the basis. */
  pusher: () => Principal;
  matching: Record<string, string>;
  mismatching: Record<string, string>;
}

const CASES: Case[] = [
  {
    listType: 'SERIOUS_DISHONESTY',
    keeper: () => viewers.creditOffice,
    outsider: () => viewers.tendering,
    notice: true,
    maxMonths: 36,
    defaultMonths: 36,
    pusher: () => viewers.tendering,
    matching: { category: 'ADMINISTRATIVE_PENALTY', domain: 'TENDERING', severity: 'SERIOUS' },
    mismatching: { category: 'ADMINISTRATIVE_PENALTY', domain: 'TENDERING', severity: 'GENERAL' },
  },
  {
    listType: 'TENDER_BLACKLIST',
    keeper: () => viewers.tendering,
    outsider: () => viewers.procurement,
    notice: false,
    maxMonths: 36,
    defaultMonths: 36,
    pusher: () => viewers.tendering,
    matching: { category: 'ADMINISTRATIVE_PENALTY', domain: 'TENDERING', severity: 'GENERAL' },
    // Any dishonesty record of the subject: an honour is not one.
    mismatching: { category: 'COMMENDATION', domain: 'TENDERING', severity: 'GENERAL', nature: 'HONOR' },
  },
  {
    listType: 'ENFORCEMENT_DEFAULTER',
    keeper: () => viewers.court,
    // The credit office keeps the serious-dishonesty list but not the courts' (creditOffice: false).
    outsider: () => viewers.creditOffice,
    notice: false,
    maxMonths: 60,
    defaultMonths: 24,
    pusher: () => viewers.court,
    matching: { category: 'ENFORCEMENT_DEFAULT', domain: 'GENERAL', severity: 'GENERAL' },
    mismatching: { category: 'LITIGATION_LOST', domain: 'GENERAL', severity: 'SERIOUS' },
  },
  {
    listType: 'PROCUREMENT_BAN',
    keeper: () => viewers.procurement,
    outsider: () => viewers.tendering,
    notice: true,
    maxMonths: 36,
    defaultMonths: 36,
    pusher: () => viewers.procurement,
    matching: { category: 'ADMINISTRATIVE_PENALTY', domain: 'PROCUREMENT', severity: 'SERIOUS' },
    mismatching: { category: 'ADMINISTRATIVE_PENALTY', domain: 'PROCUREMENT', severity: 'GENERAL' },
  },
];

const lastDay = (from: string, months: number) => addDays(addMonths(from, months), -1);

describe('lists as the rules define them', () => {
  let t: TestHub;
  let serial = 0;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  // First, before this file lists anyone.
  it('the demo has a subject on each list type, in force', async () => {
    const rows = await t.sql<{ list_type: string }>(
      `SELECT DISTINCT l.list_type FROM records.listing l
       WHERE l.delisted_at IS NULL AND l.starts_on <= ?::date ORDER BY 1`,
      [today()],
    );
    expect(rows.map((r) => r.list_type)).toEqual(CASES.map((c) => c.listType).sort());
  });

  const subjectCode = () => t.demo.consultancy.code;
  const push = async (c: Case, fields: Record<string, string>, code = subjectCode()) => {
    serial += 1;
    const pushed = await t.run(
      SUBMIT,
      {
        input: [
          {
            externalId: `LISTS-${c.listType}-${serial}`,
            subject: { code },
            nature: 'DISHONESTY',
            disclosure: 'PUBLIC',
            title: `名单依据 ${serial}`,
            decidedAt: today(),
            ...fields,
          },
        ],
      },
      c.pusher(),
    );
    expect(pushed.errors).toBeUndefined();
    return pushed.data!.submitRecords.results[0].recordId as string;
  };
  const input = (c: Case, recordId: string, more: Record<string, unknown> = {}) => ({
    subject: { code: subjectCode() },
    listType: c.listType,
    reason: '测试列入',
    reasonRecordIds: [recordId],
    ...more,
  });

  describe.each(CASES.map((c) => [c.listType, c] as const))('%s', (_name, c) => {
    let recordId: string;
    beforeAll(async () => {
      recordId = await push(c, c.matching);
    });

    it('only its keeper of the jurisdiction lists and delists; the role just outside and anonymous are refused', async () => {
      const anonymous = await t.run(LIST, { input: input(c, recordId) }, PUBLIC_PRINCIPAL);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(codes(anonymous)[0]);
      expect(firstError(await t.run(LIST, { input: input(c, recordId) }, c.outsider()))).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(
        firstError(await t.run(LIST, { input: input(c, recordId) }, outsideClient(c.keeper().role))),
      ).toMatchObject({ code: 'FORBIDDEN', reason: 'LIST_AUTHORITY_OF_JURISDICTION' });

      const listed = await t.run(LIST, { input: input(c, recordId) }, c.keeper());
      expect(listed.errors).toBeUndefined();
      const listing = listed.data!.listSubject;
      const startsOn = c.notice ? addDays(today(), 11) : today();
      expect(listing).toMatchObject({
        listType: c.listType,
        status: c.notice ? 'NOTICED' : 'IN_EFFECT',
        active: !c.notice,
        startsOn,
        endsOn: lastDay(startsOn, c.defaultMonths),
        noticeEndsOn: c.notice ? addDays(today(), 10) : null,
      });
      // The legal basis defaults to the configured one's text; the rights text comes with a notice only.
      expect(listing.basisId).toEqual(expect.any(String));
      expect(listing.legalBasis.length).toBeGreaterThan(4);
      expect(listing.rights === null).toBe(!c.notice);

      const byOutsider = await t.run(DELIST, { id: listing.id }, c.outsider());
      expect(firstError(byOutsider)).toMatchObject({ code: 'FORBIDDEN' });
      expect(byOutsider.data?.delistSubject ?? null).toBeNull();
      const delisted = await t.run(DELIST, { id: listing.id }, c.keeper());
      expect(delisted.data!.delistSubject).toEqual({ status: 'DELISTED', active: false });
    });

    it('rests only on records meeting its basis, and on configured bases only', async () => {
      const other = await push(c, c.mismatching);
      const refused = firstError(await t.run(LIST, { input: input(c, other) }, c.keeper()));
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reasonRecordIds' });
      if (!c.mismatching.nature) expect(refused).toMatchObject({ reason: 'RECORD_DOES_NOT_MEET_BASIS' });
      expect(
        firstError(await t.run(LIST, { input: input(c, recordId, { basisId: 'NO-SUCH-BASIS' }) }, c.keeper())),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'basisId', reason: 'BASIS_NOT_CONFIGURED' });
    });

    it('cannot start before today (nor within the notice window) and lasts at most its maximum', async () => {
      const yesterday = addDays(today(), -1);
      expect(
        firstError(await t.run(LIST, { input: input(c, recordId, { startsOn: yesterday }) }, c.keeper())),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'BACKDATED' });
      if (c.notice) {
        expect(
          firstError(await t.run(LIST, { input: input(c, recordId, { startsOn: today() }) }, c.keeper())),
        ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'NOTICE_WINDOW' });
      }
      const startsOn = addDays(today(), 20);
      const tooLong = input(c, recordId, { startsOn, endsOn: addMonths(startsOn, c.maxMonths) });
      expect(firstError(await t.run(LIST, { input: tooLong }, c.keeper()))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'endsOn',
        reason: 'MAX_DURATION',
        maxMonths: c.maxMonths,
      });
      const longest = input(c, recordId, { startsOn, endsOn: lastDay(startsOn, c.maxMonths) });
      const ok = await t.run(LIST, { input: longest }, c.keeper());
      expect(ok.errors).toBeUndefined();
      // Decided to start later: still in notice where the list has one, else scheduled.
      expect(ok.data!.listSubject).toMatchObject({
        status: c.notice ? 'NOTICED' : 'SCHEDULED',
        active: false,
        startsOn,
      });
      await t.run(DELIST, { id: ok.data!.listSubject.id }, c.keeper());
    });
  });

  it('PROCUREMENT_BAN: at least one year (政府采购法 art. 77)', async () => {
    const c = CASES.find((x) => x.listType === 'PROCUREMENT_BAN')!;
    const recordId = await push(c, c.matching);
    const startsOn = addDays(today(), 11);
    expect(
      firstError(await t.run(LIST, { input: input(c, recordId, { endsOn: lastDay(startsOn, 6) }) }, c.keeper())),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsOn', reason: 'MIN_DURATION', minMonths: 12 });
  });

  describe('notice (告知) and objection', () => {
    const serious = CASES[0];
    const ban = CASES[3];
    const self = () => selfOf(subjectCode());

    it('a noticed listing is told to the subject only, blocks nobody, and takes effect when an objection is dismissed', async () => {
      const mine = await t.run(
        REGISTER,
        { url: 'http://127.0.0.1:9/hooks/self', events: ['LISTING_NOTICE', 'LISTED'], codes: [subjectCode()] },
        self(),
      );
      const theirs = await t.run(
        REGISTER,
        { url: 'http://127.0.0.1:9/hooks/other', events: ['LISTING_NOTICE', 'LISTED'], codes: [subjectCode()] },
        cityClient(Role.INVESTMENT),
      );
      expect(mine.errors ?? theirs.errors).toBeUndefined();
      const listed = await t.run(
        LIST,
        { input: input(serious, await push(serious, serious.matching)) },
        serious.keeper(),
      );
      expect(listed.errors).toBeUndefined();
      const id = listed.data!.listSubject.id;

      // Told: a LISTING_NOTICE with the rights to the subject's own subscription, not to another system's.
      const told = async (subscription: string) =>
        t.sql<{ event: string; payload: any }>(
          'SELECT event, payload FROM records.webhook_delivery WHERE subscription_id = ? ORDER BY id',
          [subscription],
        );
      const toSelf = await told(mine.data!.registerWebhook.subscription.id);
      expect(toSelf.map((r) => r.event)).toEqual(['LISTING_NOTICE']);
      expect(toSelf[0].payload).toMatchObject({
        listing: { id, listType: 'SERIOUS_DISHONESTY', noticeEndsOn: addDays(today(), 10) },
        rights: expect.stringContaining('异议'),
      });
      expect(await told(theirs.data!.registerWebhook.subscription.id)).toEqual([]);

      // Not in force, not published: blacklistCheck does not count it; the subject reads its notice.
      expect((await t.run(CHECK, { c: [subjectCode()] })).data!.blacklistCheck[0].listings).not.toContainEqual(
        expect.objectContaining({ id }),
      );
      const asSelf = (await t.run(NOTICES, { c: subjectCode() }, self())).data!.creditStatus.subject;
      expect(asSelf.listingNotices).toContainEqual({
        id,
        status: 'NOTICED',
        noticeEndsOn: addDays(today(), 10),
        rights: expect.stringContaining('告知期'),
        objectionReason: null,
      });
      expect(asSelf.listings).not.toContainEqual({ id });
      const anonymous = await t.run(NOTICES, { c: subjectCode() }, PUBLIC_PRINCIPAL);
      expect(anonymous.errors!.map((e) => [e.path!.join('.'), e.extensions!.code])).toContainEqual([
        'creditStatus.subject.listingNotices',
        'FORBIDDEN',
      ]);
      // A keeper of another list sees none of this list's notices.
      const procurement = (await t.run(NOTICES, { c: subjectCode() }, viewers.procurement)).data!.creditStatus.subject;
      expect(procurement.listingNotices.map((l: { id: string }) => l.id)).not.toContain(id);

      // The subject objects, once; another subject and a non-party system may not.
      expect(firstError(await t.run(OBJECT, { id, r: 'x' }, viewers.tendering))).toMatchObject({ code: 'FORBIDDEN' });
      expect(firstError(await t.run(OBJECT, { id, r: 'x' }, selfOf(t.demo.cleanEnterprise.code)))).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'SUBJECT_OR_ITS_CREDIT_OFFICE',
      });
      const objected = await t.run(OBJECT, { id, r: '该处罚已申请行政复议' }, self());
      expect(objected.data!.objectToListing).toEqual({
        status: 'OBJECTED',
        active: false,
        objectionReason: '该处罚已申请行政复议',
      });
      expect(firstError(await t.run(OBJECT, { id, r: '再次' }, self()))).toMatchObject({
        code: 'CONFLICT',
        state: 'OBJECTED',
      });

      // The keeper decides; a keeper of another list may not.
      expect(firstError(await t.run(DECIDE, { id, o: 'UPHOLD_LISTING' }, viewers.procurement))).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'LIST_AUTHORITY_OF_JURISDICTION',
      });
      const upheld = await t.run(DECIDE, { id, o: 'UPHOLD_LISTING' }, serious.keeper());
      expect(upheld.data!.decideListingObjection).toEqual({
        status: 'IN_EFFECT',
        active: true,
        startsOn: today(),
        objectionOutcome: 'UPHOLD_LISTING',
        objectionDecision: '经复核',
      });
      expect((await told(mine.data!.registerWebhook.subscription.id)).map((r) => r.event)).toEqual([
        'LISTING_NOTICE',
        'LISTED',
      ]);
      const check = (await t.run(CHECK, { c: [subjectCode()] })).data!.blacklistCheck[0];
      expect(check.listed).toBe(true);
      expect(check.listings).toContainEqual({ id, listType: 'SERIOUS_DISHONESTY' });
      // Now public; the objection and the decision stay with the subject and the keepers.
      const publicRead = await t.run(
        `query($c: [String!]!) { blacklistCheck(codes: $c) { listings { id objectionReason } } }`,
        { c: [subjectCode()] },
      );
      expect(publicRead.errors!.map((e) => e.extensions!.code)).toContain('FORBIDDEN');
      expect(firstError(await t.run(DECIDE, { id, o: 'WITHDRAW_LISTING' }, serious.keeper()))).toMatchObject({
        code: 'CONFLICT',
        state: 'IN_EFFECT',
      });
      await t.run(DELIST, { id }, serious.keeper());
    });

    it('a well-founded objection withdraws the listing before it took effect; it is never published', async () => {
      const listed = await t.run(LIST, { input: input(ban, await push(ban, ban.matching)) }, ban.keeper());
      const id = listed.data!.listSubject.id;
      expect(firstError(await t.run(DECIDE, { id, o: 'WITHDRAW_LISTING' }, ban.keeper()))).toMatchObject({
        code: 'CONFLICT',
        state: 'NOTICED',
      });
      expect((await t.run(OBJECT, { id, r: '材料系他人伪造' }, self())).errors).toBeUndefined();
      const withdrawn = await t.run(DECIDE, { id, o: 'WITHDRAW_LISTING' }, ban.keeper());
      expect(withdrawn.data!.decideListingObjection).toMatchObject({ status: 'WITHDRAWN', active: false });
      const seen = (await t.run(NOTICES, { c: subjectCode() }, self())).data!.creditStatus.subject;
      expect(seen.listingNotices).toContainEqual(expect.objectContaining({ id, status: 'WITHDRAWN' }));
      expect(seen.listings).not.toContainEqual({ id });
    });

    it('without an objection it takes effect the day after its window, by date; a late objection is refused', async () => {
      const listed = await t.run(LIST, { input: input(ban, await push(ban, ban.matching)) }, ban.keeper());
      const id = listed.data!.listSubject.id;
      // As if noticed 20 days ago: the 10-day window has passed.
      await t.sql(
        'UPDATE records.listing SET notice_ends_on = notice_ends_on - 20, starts_on = starts_on - 20 WHERE id = ?',
        [id],
      );
      const check = (await t.run(CHECK, { c: [subjectCode()] })).data!.blacklistCheck[0];
      expect(check.listings).toContainEqual({ id, listType: 'PROCUREMENT_BAN' });
      expect(firstError(await t.run(OBJECT, { id, r: '逾期' }, self()))).toMatchObject({
        code: 'CONFLICT',
        state: 'IN_EFFECT',
      });
      const anyone = (
        await t.run(NOTICES.replace('listingNotices { id status noticeEndsOn rights objectionReason } ', ''), {
          c: subjectCode(),
        })
      ).data!.creditStatus.subject;
      expect(anyone.listings).toContainEqual({ id });
    });
  });

  it('a keeper may not list a subject outside its jurisdiction even on a matching record', async () => {
    const c = CASES[1];
    const code = t.demo.luoyang.enterprise.code;
    const listed = await t.run(
      LIST,
      { input: { ...input(c, '1'), subject: { code } } },
      as(Role.TENDERING, { region: '320900' }),
    );
    expect(firstError(listed)).toMatchObject({ code: 'FORBIDDEN', reason: 'LIST_AUTHORITY_OF_JURISDICTION' });
  });
});
