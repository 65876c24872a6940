import type { Principal } from '../../src/auth/principal';
import { addDays, addMonths, today } from '../../src/common/dates';
import { as, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { clientOperation } from '../helpers/client-operations';
import { cityClient, outsideClient, selfOf } from '../helpers/viewers';
import { sampleRows } from '../sgs/sample';

/**
 * #17 item 3: publicity and use by rule (config/credit-policy.json `publicity`, docs/credit-status.md), through the
 * gateway on dates just inside and just past each boundary. The hub has no clock override: decisions are dated
 * relative to today (a window of N months from D ends on D + N months - 1 day).
 */
const SUBMIT = clientOperation('record-push/SubmitRecords');
const IMPORT = `mutation($rows: [PenaltyRowInput!]!) {
  importPenalties(rows: $rows) { imported rejected rows { outcome decisionNo recordId item } }
}`;
const IDS = `{ records(first: 200) { edges { node { id publicUntil usableUntil } } } }`;
const STATUS = `query($code: String!) { creditStatus(code: $code) { seriousDishonestyCount } }`;

const now = today();
/** Decided so that a window of `months` ends today (still in) or ended yesterday (past). */
const lastDayToday = (months: number) => addDays(addMonths(now, -months), 1);
const endedYesterday = (months: number) => addMonths(now, -months);

let t: TestHub;
const court = () => as(Role.COURT, { region: '320900', sub: 'publicity-court', org: t.demo.court.code });
const office = as(Role.CREDIT_OFFICE, { region: '3209', sub: 'publicity-office' });

beforeAll(async () => {
  t = await startTestHub({ demo: 'subjects' });
});
afterAll(() => t?.close());

async function push(viewer: Principal, records: Record<string, unknown>[]): Promise<string[]> {
  const result = await t.run(SUBMIT, { input: records }, viewer);
  expect(result.errors).toBeUndefined();
  return result.data!.submitRecords.results.map((r: { recordId: string }) => r.recordId);
}

type Dates = { publicUntil: string; usableUntil: string };

async function read(viewer: Principal): Promise<Map<string, Dates>> {
  const result = await t.run(IDS, {}, viewer);
  expect(result.errors).toBeUndefined();
  return new Map(result.data!.records.edges.map((e: { node: Dates & { id: string } }) => [e.node.id, e.node]));
}

/** The records the viewer sees, with their last day of publicity. */
async function visible(viewer: Principal): Promise<Map<string, string>> {
  return new Map([...(await read(viewer))].map(([id, dates]) => [id, dates.publicUntil]));
}

const judgment = (externalId: string, severity: string, decidedAt: string) => ({
  externalId,
  subject: { code: t.demo.housing.code },
  nature: 'DISHONESTY',
  category: 'JUDICIAL_JUDGMENT',
  domain: 'GENERAL',
  severity,
  title: `行政机关败诉 ${externalId}`,
  decidedAt,
  disclosure: 'PUBLIC',
});

describe('NDRC Order 36: general 1 year, serious 3 years', () => {
  it.each([
    ['GENERAL', 12],
    ['SERIOUS', 36],
  ])('%s: public on the last day of %i months, not the day after', async (severity, months) => {
    const [inside, past] = await push(court(), [
      judgment(`N36-${severity}-IN`, severity, lastDayToday(months)),
      judgment(`N36-${severity}-OUT`, severity, endedYesterday(months)),
    ]);
    const seen = await read(PUBLIC_PRINCIPAL);
    // Publicity ends today; use goes on for the policy's 24 months after it.
    expect(seen.get(inside)).toMatchObject({
      publicUntil: now,
      usableUntil: addDays(addMonths(addDays(now, 1), 24), -1),
    });
    expect(seen.has(past)).toBe(false);
    // Past publicity but in use: government systems of the jurisdiction still read it.
    expect((await visible(cityClient(Role.PROCUREMENT))).get(past)).toBe(addDays(now, -1));
  });
});

describe('disciplinary sanctions: publicity follows the effect period, not a penalty window', () => {
  const sanction = (externalId: string, kind: string, decidedAt: string) => ({
    externalId,
    subject: { code: t.demo.tradingCenterDirector.code },
    nature: 'DISHONESTY',
    category: 'DISCIPLINARY_SANCTION',
    domain: 'GENERAL',
    severity: 'SERIOUS',
    title: `政务处分 ${externalId}`,
    decidedAt,
    decidingAuthorityCode: t.demo.discipline.code,
    disclosure: 'RESTRICTED',
    sanctionKind: kind,
  });
  const discipline = () => as(Role.DISCIPLINE, { region: '320900', org: t.demo.discipline.code });
  const serious = async () =>
    (await t.run(STATUS, { code: t.demo.tradingCenterDirector.code }, office)).data!.creditStatus
      .seriousDishonestyCount;

  it('a 警告 (6 months) counts on its last day and no longer the day after, though serious penalties last 3 years', async () => {
    const [past] = await push(discipline(), [sanction('SE-WARNING-OUT', 'WARNING', endedYesterday(6))]);
    expect((await visible(office)).get(past)).toBe(addDays(now, -1));
    expect(await serious()).toBe(0);
    const [inside] = await push(discipline(), [sanction('SE-WARNING-IN', 'WARNING', lastDayToday(6))]);
    expect((await visible(office)).get(inside)).toBe(now);
    expect(await serious()).toBe(1);
  });
});

describe('SAMR Order 45 and the 公示截止期, through the 双公示 import', () => {
  let n = 0;
  /** A market-regulation penalty row of the sample (盐城市市场监督管理局), with its own decision number. */
  const row = (values: Record<string, string>) => ({
    ...sampleRows()[0],
    cf_wsh: `盐市监处罚〔公示期〕${(n += 1)}号`,
    ...values,
  });
  async function imported(rows: Record<string, string>[]): Promise<string[]> {
    const result = await t.run(IMPORT, { rows }, office);
    expect(result.errors).toBeUndefined();
    expect(result.data!.importPenalties.rejected).toBe(0);
    return result.data!.importPenalties.rows.map((r: { recordId: string }) => r.recordId);
  }
  const criticism = { cf_cflb: '通报批评', cf_nr: '通报批评', cf_nr_fk: '' };
  const largeFine = { cf_cflb: '罚款', cf_nr: '罚款8万元', cf_nr_fk: '8' };

  it('通报批评 and a low fine are published (no longer GOVERNMENT-only) for 3 months', async () => {
    const ids = await imported([
      row({ ...criticism, cf_jdrq: lastDayToday(3) }),
      row({ ...criticism, cf_jdrq: endedYesterday(3) }),
      row({ cf_nr_fk: '4.9', cf_jdrq: lastDayToday(3) }),
      row({ cf_nr_fk: '4.9', cf_jdrq: endedYesterday(3) }),
    ]);
    const disclosures = await t.sql(
      `SELECT id::text, disclosure FROM records.credit_record WHERE id = ANY(?::bigint[])`,
      [`{${ids.join(',')}}`],
    );
    expect(disclosures.map((r: { disclosure: string }) => r.disclosure)).toEqual([
      'PUBLIC',
      'PUBLIC',
      'PUBLIC',
      'PUBLIC',
    ]);
    const seen = await visible(PUBLIC_PRINCIPAL);
    expect(ids.map((id) => seen.has(id))).toEqual([true, false, true, false]);
  });

  it('a warning is never published; government systems of the jurisdiction share it', async () => {
    const [warning] = await imported([row({ cf_cflb: '警告', cf_nr: '警告', cf_nr_fk: '', cf_jdrq: now })]);
    expect((await visible(PUBLIC_PRINCIPAL)).has(warning)).toBe(false);
    expect((await visible(cityClient(Role.PROCUREMENT))).has(warning)).toBe(true);
    expect((await visible(outsideClient(Role.PROCUREMENT))).has(warning)).toBe(false);
  });

  it('other penalties are published 3 years (past the 1 year of Order 36)', async () => {
    const ids = await imported([
      row({ ...largeFine, cf_jdrq: addMonths(now, -13) }),
      row({ ...largeFine, cf_jdrq: lastDayToday(36) }),
      row({ ...largeFine, cf_jdrq: endedYesterday(36) }),
    ]);
    const seen = await visible(PUBLIC_PRINCIPAL);
    expect(ids.map((id) => seen.has(id))).toEqual([true, true, false]);
  });

  it('the authority’s 公示截止期 ends publicity on that day, and never extends the rule’s maximum', async () => {
    const decided = addMonths(now, -2);
    const ids = await imported([
      row({ ...largeFine, cf_jdrq: decided, cf_gsjzq: now }),
      row({ ...largeFine, cf_jdrq: decided, cf_gsjzq: addDays(now, -1) }),
      row({ ...criticism, cf_jdrq: endedYesterday(3), cf_gsjzq: addMonths(now, 12) }),
    ]);
    const seen = await visible(PUBLIC_PRINCIPAL);
    expect(seen.get(ids[0])).toBe(now);
    expect(ids.slice(1).map((id) => seen.has(id))).toEqual([false, false]);
    expect((await visible(office)).get(ids[2])).toBe(addDays(now, -1));
  });
});

describe('use period: after it, only the credit office and the subject read a record', () => {
  // Order 36 general: 12 months of publicity, then the policy's 24 months of use: last day of use D + 36 months - 1.
  let inUse: string;
  let past: string;
  beforeAll(async () => {
    [inUse, past] = await push(court(), [
      judgment('USE-IN', 'GENERAL', lastDayToday(36)),
      judgment('USE-OUT', 'GENERAL', endedYesterday(36)),
    ]);
    const stored = await t.sql(
      `SELECT id::text, to_char(usable_until, 'YYYY-MM-DD') AS usable_until FROM records.credit_record WHERE id IN (?, ?) ORDER BY id`,
      [inUse, past],
    );
    expect(stored).toEqual([
      { id: inUse, usable_until: now },
      { id: past, usable_until: addDays(now, -1) },
    ]);
  });

  // viewer, reads it on its last day of use, reads it the day after, the viewer
  const viewers: [string, boolean, boolean, () => Principal][] = [
    ['PROCUREMENT of the city', true, false, () => cityClient(Role.PROCUREMENT)],
    ['the pushing court', true, false, () => court()],
    ['PUBLIC', false, false, () => PUBLIC_PRINCIPAL],
    ['the credit office of the city', true, true, () => office],
    ['the subject itself', true, true, () => selfOf(t.demo.housing.code)],
    ['another subject', false, false, () => selfOf(t.demo.court.code)],
    ['the credit office of another city', false, false, () => outsideClient(Role.CREDIT_OFFICE)],
  ];

  it('usableUntil tells whoever sees the record its last day of use', async () => {
    expect((await read(cityClient(Role.PROCUREMENT))).get(inUse)?.usableUntil).toBe(now);
    expect((await read(office)).get(past)?.usableUntil).toBe(addDays(now, -1));
    expect((await read(selfOf(t.demo.housing.code))).get(past)?.usableUntil).toBe(addDays(now, -1));
  });

  it.each(viewers)('%s: on the last day of use %s, after it %s', async (_name, before, after, viewer) => {
    const seen = await visible(viewer());
    expect([seen.has(inUse), seen.has(past)]).toEqual([before, after]);
  });
});
