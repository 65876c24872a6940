import { addMonths, today } from '../../src/common/dates';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf, viewers } from '../helpers/viewers';
import { firstError, recordId } from './helpers';

/** 信用修复 through the gateway: who may apply and decide, timing, and the effect on every view. */
describe('credit repair', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());
  const subject = (code: string) => selfOf(code);
  const APPLY = `mutation($input: RepairApplicationInput!) { applyForRepair(input: $input) { id state overdue dueOn history { fromState toState actorRole } record { title status } } }`;
  const APPROVE = `mutation($id: ID!) { approveRepair(id: $id, reason: "整改到位") { id state decisionReason record { status } history { fromState toState actorSub } } }`;
  const REJECT = `mutation($id: ID!) { rejectRepair(id: $id, reason: "材料不全") { id state decisionReason } }`;

  it('before the minimum publicity period the application is refused with the date it becomes possible', async () => {
    const id = await recordId(t, 'YC-COURT-2026-001');
    const sheyang = t.demo.listedGovernment.code;
    const result = await t.run(APPLY, { input: { recordId: id, evidence: '已履行判决' } }, subject(sheyang));
    expect(firstError(result)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'recordId',
      repairableFrom: addMonths(addMonths(today(), -4), 12),
    });
    expect(result.errors![0].path).toEqual(['applyForRepair']);
  });

  it('only the subject itself or the credit office of its jurisdiction may apply', async () => {
    const id = await recordId(t, 'TP-2026-0121');
    const input = { recordId: id, evidence: '已整改' };
    expect(codes(await t.run(APPLY, { input }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(APPLY, { input }, cityClient(Role.TENDERING)))).toEqual(['FORBIDDEN']);
    expect(firstError(await t.run(APPLY, { input }, subject(t.demo.cleanEnterprise.code)))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SUBJECT_OR_ITS_CREDIT_OFFICE',
    });
    expect(codes(await t.run(APPLY, { input }, outsideClient(Role.CREDIT_OFFICE)))).toEqual(['FORBIDDEN']);
    expect(
      codes(await t.run(APPLY, { input: { ...input, evidence: ' ' } }, subject(t.demo.penalizedAgency.code))),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await t.run(APPLY, { input: { ...input, recordId: '999999' } }, subject(t.demo.penalizedAgency.code))),
    ).toEqual(['NOT_FOUND']);
  });

  it('an approved repair takes the record out of PUBLIC views, creditStatus and blacklistCheck; the credit office still sees it', async () => {
    const code = t.demo.penalizedAgency.code;
    const id = await recordId(t, 'TP-2026-0121');
    const tendering = as(Role.TENDERING, { region: '320900', org: t.demo.tradingCenter.code });
    const listed = await t.run(
      `mutation($input: ListingInput!) { listSubject(input: $input) { id active } }`,
      {
        input: {
          subject: { code },
          listType: 'TENDER_BLACKLIST',
          reason: '泄露标底',
          legalBasis: '《江苏省招标投标条例》',
          reasonRecordIds: [id],
        },
      },
      tendering,
    );
    expect(listed.data!.listSubject.active).toBe(true);
    const STATUS = `query($code: String!) { creditStatus(code: $code) { activeDishonestyCount activeListings { listType } } }`;
    const CHECK = `query($codes: [String!]!) { blacklistCheck(codes: $codes) { listed } }`;
    const PUBLIC_RECORDS = `query($code: String!) { subject(code: $code) { records { edges { node { id title } } } } }`;
    expect((await t.run(STATUS, { code })).data!.creditStatus).toMatchObject({
      activeDishonestyCount: 1,
      activeListings: [{ listType: 'TENDER_BLACKLIST' }],
    });
    expect((await t.run(CHECK, { codes: [code] })).data!.blacklistCheck[0].listed).toBe(true);
    expect((await t.run(PUBLIC_RECORDS, { code })).data!.subject.records.edges.map((e: any) => e.node.id)).toContain(
      id,
    );

    const applied = await t.run(
      APPLY,
      { input: { recordId: id, evidence: '已完成整改，见整改报告 ZG-2026-01' } },
      subject(code),
    );
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyForRepair).toMatchObject({
      state: 'SUBMITTED',
      overdue: false,
      history: [{ fromState: null, toState: 'SUBMITTED', actorRole: 'SUBJECT' }],
    });
    const appId = applied.data!.applyForRepair.id;
    expect(codes(await t.run(APPROVE, { id: appId }, subject(code)))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(APPROVE, { id: appId }, tendering))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(APPROVE, { id: appId }, outsideClient(Role.CREDIT_OFFICE)))).toEqual(['FORBIDDEN']);

    const approved = await t.run(APPROVE, { id: appId }, viewers.creditOffice);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveRepair).toMatchObject({
      state: 'APPROVED',
      decisionReason: '整改到位',
      record: { status: 'REPAIRED' },
    });
    expect(approved.data!.approveRepair.history.map((h: any) => [h.fromState, h.toState])).toEqual([
      [null, 'SUBMITTED'],
      ['SUBMITTED', 'APPROVED'],
    ]);

    expect((await t.run(STATUS, { code })).data!.creditStatus).toEqual({
      activeDishonestyCount: 0,
      activeListings: [],
    });
    expect((await t.run(CHECK, { codes: [code] })).data!.blacklistCheck[0].listed).toBe(false);
    expect(
      (await t.run(PUBLIC_RECORDS, { code })).data!.subject.records.edges.map((e: any) => e.node.id),
    ).not.toContain(id);
    expect(
      (
        await t.run(`{ records(first: 200) { edges { node { id } } } }`, {}, cityClient(Role.PROCUREMENT))
      ).data!.records.edges.map((e: any) => e.node.id),
    ).not.toContain(id);
    const seen = await t.run(
      `query($f: RecordFilterInput) { records(filter: $f) { edges { node { id status history { fromState toState } } } } }`,
      { f: { statuses: ['REPAIRED'] } },
      viewers.creditOffice,
    );
    expect(seen.data!.records.edges.map((e: any) => e.node)).toContainEqual({
      id,
      status: 'REPAIRED',
      history: [{ fromState: 'ACTIVE', toState: 'REPAIRED' }],
    });
    const own = await t.run(
      `query($code: String!) { subject(code: $code) { records { edges { node { id status } } } } }`,
      { code },
      subject(code),
    );
    expect(own.data!.subject.records.edges.map((e: any) => e.node)).toContainEqual({ id, status: 'REPAIRED' });

    // A repaired record cannot be repaired again; a decided application cannot be decided again.
    expect(
      firstError(await t.run(APPLY, { input: { recordId: id, evidence: '再次申请' } }, subject(code))),
    ).toMatchObject({ code: 'CONFLICT', state: 'REPAIRED' });
    // Nor can a new listing rest on it.
    const relisted = await t.run(
      `mutation($input: ListingInput!) { listSubject(input: $input) { id } }`,
      {
        input: {
          subject: { code },
          listType: 'SERIOUS_DISHONESTY',
          reason: '再次列入',
          legalBasis: '国办发〔2020〕49号',
          reasonRecordIds: [id],
        },
      },
      viewers.creditOffice,
    );
    expect(firstError(relisted)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reasonRecordIds',
      status: 'REPAIRED',
    });
    expect(firstError(await t.run(REJECT, { id: appId }, viewers.creditOffice))).toMatchObject({
      code: 'CONFLICT',
      state: 'APPROVED',
    });
  });

  it('rejects with reasons; a second open application is a CONFLICT; the subject sees its own applications only', async () => {
    const id = await recordId(t, 'XY-2026-003');
    const code = t.demo.luoyang.enterprise.code;
    // The Luoyang enterprise's record was pushed by the Yancheng office (general, 1 month old): not repairable yet.
    expect(firstError(await t.run(APPLY, { input: { recordId: id, evidence: 'x' } }, subject(code)))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const rid = await recordId(t, 'GP-2026-009');
    await t.sql(`UPDATE records.credit_record SET repairable_from = ?::date WHERE id = ?`, [today(), rid]);
    const first = await t.run(APPLY, { input: { recordId: rid, evidence: '已支付货款' } }, viewers.creditOffice);
    expect(first.errors).toBeUndefined();
    expect(
      firstError(await t.run(APPLY, { input: { recordId: rid, evidence: '重复' } }, subject(t.demo.hospital.code))),
    ).toMatchObject({ code: 'CONFLICT', state: 'SUBMITTED' });
    const rejected = await t.run(REJECT, { id: first.data!.applyForRepair.id }, viewers.creditOffice);
    expect(rejected.data!.rejectRepair).toMatchObject({ state: 'REJECTED', decisionReason: '材料不全' });
    const LIST = `{ repairApplications { totalCount edges { node { id state } } } }`;
    expect(
      (await t.run(LIST, {}, subject(t.demo.hospital.code))).data!.repairApplications.edges.map((e: any) => e.node.id),
    ).toContain(first.data!.applyForRepair.id);
    expect((await t.run(LIST, {}, subject(t.demo.cleanEnterprise.code))).data!.repairApplications.totalCount).toBe(0);
    expect(codes(await t.run(LIST, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
  });

  it('two racing decisions leave exactly one winner', async () => {
    const rid = await recordId(t, 'ZW-2026-002');
    await t.sql(`UPDATE records.credit_record SET repairable_from = ?::date WHERE id = ?`, [today(), rid]);
    const applied = await t.run(APPLY, { input: { recordId: rid, evidence: '已清偿' } }, viewers.creditOffice);
    const appId = applied.data!.applyForRepair.id;
    const results = await Promise.all([
      t.run(APPROVE, { id: appId }, viewers.creditOffice),
      t.run(REJECT, { id: appId }, viewers.creditOffice),
      t.run(APPROVE, { id: appId }, viewers.creditOffice),
    ]);
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT']);
    const events = await t.sql(
      `SELECT to_state FROM records.workflow_event WHERE object_type = 'REPAIR' AND object_id = ?`,
      [appId],
    );
    expect(events).toHaveLength(2);
  });

  describe('of a listing (移出名单)', () => {
    const LISTING_APP = `mutation($input: RepairApplicationInput!) { applyForRepair(input: $input) { id state recordId listingId record { id } listing { id active } } }`;
    const DECIDE = `mutation($id: ID!) { approveRepair(id: $id, reason: "履行完毕，准予移出") { id state listing { id active delistReason } } }`;
    const CHECK = `query($codes: [String!]!) { blacklistCheck(codes: $codes) { listed } }`;
    let code: string;
    let listingId: string;
    beforeAll(async () => {
      code = t.demo.listedGovernment.code;
      const [row] =
        await t.sql(`SELECT l.id::text AS id FROM records.listing l JOIN records.listing_record lr ON lr.listing_id = l.id
        JOIN records.credit_record r ON r.id = lr.record_id WHERE r.external_id = 'YC-COURT-2026-001'`);
      listingId = row.id;
    });

    it('names exactly one of record and listing', async () => {
      const both = await t.run(
        LISTING_APP,
        { input: { recordId: await recordId(t, 'YC-COURT-2026-001'), listingId, evidence: '已履行' } },
        subject(code),
      );
      expect(firstError(both)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'listingId' });
      expect(firstError(await t.run(LISTING_APP, { input: { evidence: '已履行' } }, subject(code)))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'recordId',
      });
      expect(
        firstError(await t.run(LISTING_APP, { input: { listingId: '999999', evidence: '已履行' } }, subject(code))),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('is refused before the minimum period of serious dishonesty, with the date it becomes possible', async () => {
      const [{ starts_on }] = await t.sql(
        `SELECT to_char(starts_on, 'YYYY-MM-DD') AS starts_on FROM records.listing WHERE id = ?`,
        [listingId],
      );
      const result = await t.run(LISTING_APP, { input: { listingId, evidence: '已履行判决' } }, subject(code));
      expect(firstError(result)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'listingId',
        repairableFrom: addMonths(starts_on, 12),
      });
    });

    it('once approved ends the listing at once and leaves its records to their own repairs', async () => {
      await t.sql(`UPDATE records.listing SET starts_on = ?::date WHERE id = ?`, [addMonths(today(), -13), listingId]);
      expect((await t.run(CHECK, { codes: [code] })).data!.blacklistCheck[0].listed).toBe(true);
      expect(
        codes(
          await t.run(LISTING_APP, { input: { listingId, evidence: '已履行' } }, subject(t.demo.cleanEnterprise.code)),
        ),
      ).toEqual(['FORBIDDEN']);
      expect(
        codes(
          await t.run(LISTING_APP, { input: { listingId, evidence: '已履行' } }, outsideClient(Role.CREDIT_OFFICE)),
        ),
      ).toEqual(['FORBIDDEN']);

      const applied = await t.run(
        LISTING_APP,
        { input: { listingId, evidence: '判决已全部履行，附执行结案通知书' } },
        subject(code),
      );
      expect(applied.errors).toBeUndefined();
      expect(applied.data!.applyForRepair).toMatchObject({
        state: 'SUBMITTED',
        recordId: null,
        listingId,
        record: null,
        listing: { id: listingId, active: true },
      });
      expect(
        firstError(await t.run(LISTING_APP, { input: { listingId, evidence: '重复' } }, viewers.creditOffice)),
      ).toMatchObject({
        code: 'CONFLICT',
        state: 'SUBMITTED',
      });
      const appId = applied.data!.applyForRepair.id;
      expect(codes(await t.run(DECIDE, { id: appId }, subject(code)))).toEqual(['FORBIDDEN']);

      const approved = await t.run(DECIDE, { id: appId }, viewers.creditOffice);
      expect(approved.errors).toBeUndefined();
      expect(approved.data!.approveRepair.state).toBe('APPROVED');
      expect(approved.data!.approveRepair.listing.active).toBe(false);
      expect(approved.data!.approveRepair.listing.delistReason).toContain('信用修复');
      expect((await t.run(CHECK, { codes: [code] })).data!.blacklistCheck[0].listed).toBe(false);
      const [record] = await t.sql(`SELECT status FROM records.credit_record WHERE external_id = 'YC-COURT-2026-001'`);
      expect(record.status).toBe('ACTIVE');
      expect(
        firstError(await t.run(LISTING_APP, { input: { listingId, evidence: '再次申请' } }, subject(code))),
      ).toMatchObject({ code: 'CONFLICT', state: 'ENDED' });
    });
  });
});
