import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../src/gateway/http';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { selfOf, viewers } from '../helpers/viewers';
import { postGraphQLFrom } from '../helpers/loopback-post';

/** POST /graphql on loopback `port` from the local address `from`, anonymous, with `headers`: the body. */
async function postGraphQLFromPort(
  port: number,
  from: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  return (await postGraphQLFrom(`http://127.0.0.1:${port}`, { query, variables }, { from, headers })).body;
}

/** A test hub served over HTTP on loopback. */
async function servedHub(options: Parameters<typeof startTestHub>[0]) {
  const t = await startTestHub(options);
  const server = createHttpServer(t.hub);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    t,
    port,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}

const REPORT = `mutation($input: ComplaintInput!) { reportComplaint(input: $input) { id state dueOn receiptToken } }`;
const input = (subjectCode: string) => ({ subjectCode, title: '拖欠工程款', content: '项目竣工两年仍未支付工程款' });
const errorOf = (result: { errors?: readonly any[] }) => result.errors?.[0]?.extensions;

/**
 * Complaints a reporter can follow (#17 item 5), over real HTTP so each anonymous reporter has its own address:
 * the whole 127.0.0.0/8 is loopback on Linux, so a request bound to 127.0.0.2 comes from another client than one
 * bound to 127.0.0.3 — no X-Forwarded-For (the hub does not trust it).
 */
describe('complaint receipts and per-reporter caps', () => {
  let t: TestHub;
  let port: number;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, port, close } = await servedHub({ env: {} }));
  });
  afterAll(() => close());

  const postFrom = (from: string, query: string, variables: Record<string, unknown> = {}, headers = {}) =>
    postGraphQLFromPort(port, from, query, variables, headers);

  const FOLLOW = `query($token: String!) { complaintByReceipt(receiptToken: $token) { state dueOn answer } }`;
  const report = async (from: string, subjectCode: string) => postFrom(from, REPORT, { input: input(subjectCode) });
  const follow = async (token: string) => (await postFrom('127.0.0.9', FOLLOW, { token })).data.complaintByReceipt;
  const policy = () => t.services.creditPolicy.workflows;

  it('the reporter follows its complaint with the token: state, due date and the released answer only', async () => {
    const subject = t.demo.county('320923').government.code;
    const mine = await report('127.0.0.2', subject);
    expect(mine.errors).toBeUndefined();
    const { id, dueOn, receiptToken } = mine.data.reportComplaint;
    expect(receiptToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = (await report('127.0.0.3', subject)).data.reportComplaint;
    expect(await follow(receiptToken)).toEqual({ state: 'SUBMITTED', dueOn, answer: null });

    const office = viewers.creditOffice;
    const step = (mutation: string) => t.run(mutation, { id }, office);
    await step(
      `mutation($id: ID!) { assignComplaint(id: $id, handlingUnitCode: "${t.demo.county('320923').finance.code}") { id } }`,
    );
    await step(`mutation($id: ID!) { rejectComplaint(id: $id, finding: "经核查，县财政局内部台账显示已付清") { id } }`);
    expect(await follow(receiptToken)).toEqual({ state: 'REJECTED', dueOn, answer: null });
    const closed = await step(
      `mutation($id: ID!) { closeComplaint(id: $id, note: "内部：已电话联系", answerToReporter: "经核实，工程款已于2026年3月付清。") { state answerToReporter closingNote } }`,
    );
    expect(closed.data!.closeComplaint).toEqual({
      state: 'CLOSED',
      answerToReporter: '经核实，工程款已于2026年3月付清。',
      closingNote: '内部：已电话联系',
    });
    // The handling unit's finding and the closing note stay internal: the reporter reads the released answer.
    expect(await follow(receiptToken)).toEqual({ state: 'CLOSED', dueOn, answer: '经核实，工程款已于2026年3月付清。' });
    // Another reporter's token names its own complaint, untouched; a made-up or malformed token names nothing.
    expect(await follow(other.receiptToken)).toEqual({ state: 'SUBMITTED', dueOn: other.dueOn, answer: null });
    expect(await follow(`${receiptToken.slice(0, -1)}${receiptToken.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(await follow('x'.repeat(43))).toBeNull();
    expect(await follow('not a token')).toBeNull();
    // Nothing else is asked through the receipt: the follow-up type has no other field.
    const internals = await postFrom(
      '127.0.0.9',
      `query($token: String!) { complaintByReceipt(receiptToken: $token) { state finding } }`,
      { token: receiptToken },
    );
    expect(errorOf(internals)?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // An expired receipt is the same null as an unknown one.
    await t.sql(`UPDATE records.complaint SET created_at = created_at - make_interval(days => ?) WHERE id = ?`, [
      policy().complaintReceiptDays,
      id,
    ]);
    expect(await follow(receiptToken)).toBeNull();
    // Through the in-process gateway as well (no address there): anyone, PUBLIC included, may ask.
    const inProcess = await t.run(FOLLOW, { token: other.receiptToken }, PUBLIC_PRINCIPAL);
    expect(inProcess.data!.complaintByReceipt).toMatchObject({ state: 'SUBMITTED' });
  });

  it('an answer released when verifying stays through a close without one; an over-long answer is refused', async () => {
    const { id, receiptToken } = (await report('127.0.0.2', t.demo.county('320923').township.code)).data
      .reportComplaint;
    const office = viewers.creditOffice;
    const unit = t.demo.county('320923').finance.code;
    await t.run(`mutation($id: ID!) { assignComplaint(id: $id, handlingUnitCode: "${unit}") { id } }`, { id }, office);
    const VERIFY = `mutation($id: ID!, $answer: String) {
      verifyComplaint(id: $id, finding: "属实", answerToReporter: $answer) { state } }`;
    const tooLong = await t.run(VERIFY, { id, answer: '长'.repeat(5001) }, office);
    expect(errorOf(tooLong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answerToReporter' });
    expect((await follow(receiptToken)).state).toBe('ASSIGNED');
    expect((await t.run(VERIFY, { id, answer: '经核实属实，已责令整改。' }, office)).errors).toBeUndefined();
    expect(await follow(receiptToken)).toMatchObject({ state: 'VERIFIED', answer: '经核实属实，已责令整改。' });
    await t.run(`mutation($id: ID!) { closeComplaint(id: $id, note: "归档") { id } }`, { id }, office);
    expect(await follow(receiptToken)).toMatchObject({ state: 'CLOSED', answer: '经核实属实，已责令整改。' });
  });

  it('the token is not stored in clear: only its SHA-256; the reporter by its keyed address hash', async () => {
    const { id, receiptToken } = (await report('127.0.0.4', t.demo.county('320923').housing.code)).data.reportComplaint;
    const [row] = await t.sql(`SELECT * FROM records.complaint WHERE id = ?`, [id]);
    expect(row.receipt_hash).toBe(createHash('sha256').update(receiptToken).digest('hex'));
    const stored = JSON.stringify(await t.sql(`SELECT * FROM records.complaint`));
    expect(stored).not.toContain(receiptToken);
    expect(stored).not.toContain('127.0.0.4');
    expect(row.reporter_key).toMatch(/^addr:[A-Za-z0-9_-]{43}$/);
    const events = JSON.stringify(await t.sql(`SELECT * FROM records.workflow_event WHERE object_id = ?`, [id]));
    expect(events).not.toContain(receiptToken);
  });

  it('one anonymous flooder meets its own cap; another reporter still reports; the subject cap still holds', async () => {
    const subject = t.demo.county('320924').government.code;
    const { complaintsPerReporterPerDay: perReporter, complaintsPerSubjectPerDay: perSubject } = policy();
    // More than the subject's whole day from one address: its own cap stops it first.
    const flood = await Promise.all(Array.from({ length: perSubject + 2 }, () => report('127.0.0.5', subject)));
    expect(flood.filter((r) => !r.errors)).toHaveLength(perReporter);
    expect(flood.filter((r) => r.errors).map(errorOf)).toEqual(
      Array(perSubject + 2 - perReporter).fill(
        expect.objectContaining({ code: 'RATE_LIMITED', per: 'REPORTER', limit: perReporter }),
      ),
    );
    // Without TRUSTED_PROXIES, X-Forwarded-For is the client's own claim and changes nothing.
    const spoofed = await postFrom(
      '127.0.0.5',
      REPORT,
      { input: input(subject) },
      { 'x-forwarded-for': '198.51.100.7' },
    );
    expect(errorOf(spoofed)).toMatchObject({ code: 'RATE_LIMITED', per: 'REPORTER' });
    const another = await report('127.0.0.6', subject);
    expect(another.errors).toBeUndefined();
    expect(another.data.reportComplaint.state).toBe('SUBMITTED');

    // Enough distinct reporters still fill the subject's day: then a fresh one is refused per subject.
    let accepted = perReporter + 1;
    for (let host = 10; accepted < perSubject; host += 1) {
      const batch = Math.min(perReporter, perSubject - accepted);
      const results = await Promise.all(Array.from({ length: batch }, () => report(`127.0.0.${host}`, subject)));
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      accepted += batch;
    }
    expect(errorOf(await report('127.0.0.99', subject))).toMatchObject({
      code: 'RATE_LIMITED',
      per: 'SUBJECT',
      limit: perSubject,
    });
    const [{ n }] = await t.sql(
      `SELECT count(*)::int AS n FROM records.complaint
        WHERE subject_key = (SELECT subject_key FROM records.complaint WHERE id = ?)`,
      [another.data.reportComplaint.id],
    );
    expect(n).toBe(perSubject);
  });

  it('authenticated reporters are counted by token sub (and, through one portal sub, by the subject it speaks for)', async () => {
    const subject = t.demo.county('320924').finance.code;
    const perReporter = policy().complaintsPerReporterPerDay;
    const REPORT_ID = `mutation($input: ComplaintInput!) { reportComplaint(input: $input) { id } }`;
    const courtA = as(Role.COURT, { sub: 'court-a', region: '320900' });
    const courtB = as(Role.COURT, { sub: 'court-b', region: '320900' });
    for (let i = 0; i < perReporter; i += 1)
      expect((await t.run(REPORT_ID, { input: input(subject) }, courtA)).errors).toBeUndefined();
    const refused = await t.run(REPORT_ID, { input: input(subject) }, courtA);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors![0].extensions).toMatchObject({ per: 'REPORTER', limit: perReporter });
    expect((await t.run(REPORT_ID, { input: input(subject) }, courtB)).errors).toBeUndefined();
    // Two persons through the self-service portal share its sub but are two reporters.
    const [first, second] = [selfOf(t.demo.cityCadre.code), selfOf(t.demo.county('320924').township.code)];
    expect(first.sub).toBe(second.sub);
    for (let i = 0; i < perReporter; i += 1)
      expect((await t.run(REPORT_ID, { input: input(subject) }, first)).errors).toBeUndefined();
    expect(codes(await t.run(REPORT_ID, { input: input(subject) }, first))).toEqual(['RATE_LIMITED']);
    expect((await t.run(REPORT_ID, { input: input(subject) }, second)).errors).toBeUndefined();
  });

  it('the answer to the reporter is read on the complaint by the credit office, not by others', async () => {
    const query = `{ complaints(states: [CLOSED]) { edges { node { answerToReporter } } } }`;
    const seen = await t.run(query, {}, viewers.creditOffice);
    expect(seen.data!.complaints.edges.map((e: any) => e.node.answerToReporter)).toContain(
      '经核实，工程款已于2026年3月付清。',
    );
    expect(codes(await t.run(query, {}, PUBLIC_PRINCIPAL))).toEqual(['FORBIDDEN']);
  });
});

/** Behind a configured proxy the client is the address it forwards; anyone else's X-Forwarded-For is ignored. */
describe('per-reporter caps behind a trusted proxy (TRUSTED_PROXIES)', () => {
  let hub: Awaited<ReturnType<typeof servedHub>>;
  beforeAll(async () => {
    hub = await servedHub({ env: { TRUSTED_PROXIES: '127.0.0.7' }, demo: 'subjects' });
  });
  afterAll(() => hub.close());
  const reportVia = (from: string, forwardedFor: string) =>
    postGraphQLFromPort(
      hub.port,
      from,
      REPORT,
      { input: input(hub.t.demo.county('320923').government.code) },
      { 'x-forwarded-for': forwardedFor },
    );

  it('counts each forwarded client through the proxy, and a direct caller by its own address', async () => {
    const perReporter = hub.t.services.creditPolicy.workflows.complaintsPerReporterPerDay;
    for (let i = 0; i < perReporter; i += 1)
      expect((await reportVia('127.0.0.7', '203.0.113.9, 198.51.100.1')).errors).toBeUndefined();
    // The right-most untrusted entry is the client: what it claims left of that is ignored.
    expect(errorOf(await reportVia('127.0.0.7', '203.0.113.10, 198.51.100.1'))).toMatchObject({ per: 'REPORTER' });
    expect((await reportVia('127.0.0.7', '198.51.100.2')).errors).toBeUndefined();
    // Not the proxy: its X-Forwarded-For is not read, it is one reporter whatever it claims.
    for (let i = 0; i < perReporter; i += 1)
      expect((await reportVia('127.0.0.8', `198.51.100.${20 + i}`)).errors).toBeUndefined();
    expect(errorOf(await reportVia('127.0.0.8', '198.51.100.99'))).toMatchObject({ per: 'REPORTER' });
    const keys = await hub.t.sql(`SELECT DISTINCT reporter_key FROM records.complaint`);
    expect(keys).toHaveLength(3);
    expect(JSON.stringify(keys)).not.toMatch(/198\.51|127\.0/);
  });
});
