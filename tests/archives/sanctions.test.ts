import type { Principal } from '../../src/auth/principal';
import { addDays } from '../../src/common/dates';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { clientOperation } from '../helpers/client-operations';
import { cityClient, outsideClient, selfOf, viewers as demoViewers } from '../helpers/viewers';

// Issue #16 item 1: the sanctions of an integrity file, with their effect periods.
const SUBMIT = clientOperation('record-push/SubmitRecords');
const FILE = `query SanctionsFile($id: ID!, $purpose: String!, $on: LocalDate) {
  subject(id: $id) { archive(purpose: $purpose) {
    purpose
    sanctions(on: $on) { recordId kind decidedAt effectiveUntil inEffect record { id title details } }
  } }
}`;

// 公职人员政务处分法 defaults: last day = decision date + N months - 1 day.
const DECIDED = '2025-01-10';
const KINDS: [string, string | null][] = [
  ['WARNING', '2025-07-09'],
  ['DEMERIT', '2026-01-09'],
  ['MAJOR_DEMERIT', '2026-07-09'],
  ['DEMOTION', '2027-01-09'],
  ['DISMISSAL_FROM_POST', '2027-01-09'],
  ['EXPULSION', null],
];

describe('IntegrityArchive.sanctions', () => {
  let t: TestHub;
  let personId: string;
  const person = () => t.demo.tradingCenterDirector; // 王芳, managed by the city organization department
  const sanction = (kind: string, overrides: Record<string, unknown> = {}) => ({
    externalId: `SANCTION-${kind}`,
    subject: { code: person().code },
    nature: 'DISHONESTY',
    category: 'DISCIPLINARY_SANCTION',
    domain: 'GENERAL',
    severity: 'SERIOUS',
    title: `政务处分（${kind}）`,
    details: '经审查，违反廉洁纪律，决定给予处分。',
    decidedAt: DECIDED,
    decidingAuthorityCode: t.demo.discipline.code,
    disclosure: 'RESTRICTED',
    sanctionKind: kind,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestHub();
    const code = person().code;
    [{ id: personId }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
      `${code.slice(0, 6)}********${code.slice(14)}`,
    ]);
    const pushed = await t.run(SUBMIT, { input: KINDS.map(([kind]) => sanction(kind)) }, demoViewers.discipline);
    expect(pushed.errors).toBeUndefined();
    expect(pushed.data!.submitRecords.created).toBe(KINDS.length);
  });
  afterAll(() => t.close());

  const read = (viewer: Principal, on?: string) =>
    t.run(FILE, { id: personId, purpose: '干部提拔考察', ...(on ? { on } : {}) }, viewer);

  const roles: Record<string, () => Principal> = {
    ORG_DEPT_managing: () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    ORG_DEPT_other: () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.county('320902').orgDept.code }),
    DISCIPLINE_deciding: () => demoViewers.discipline,
    DISCIPLINE_city: () => cityClient(Role.DISCIPLINE),
    DISCIPLINE_other_city: () => outsideClient(Role.DISCIPLINE),
    CREDIT_OFFICE_city: () => cityClient(Role.CREDIT_OFFICE),
    CREDIT_OFFICE_other_city: () => outsideClient(Role.CREDIT_OFFICE),
    TENDERING: () => cityClient(Role.TENDERING),
    PUBLIC: () => PUBLIC_PRINCIPAL,
    SUBJECT_self: () => selfOf(t.demo.tradingCenterDirector.code),
    SUBJECT_other: () => selfOf(t.demo.cityCadre.code),
  };
  // viewer, learns the sanctions, reads the decision's text (the RESTRICTED record itself)
  const matrix: [string, boolean, boolean][] = [
    ['ORG_DEPT_managing', true, false],
    ['ORG_DEPT_other', false, false],
    ['DISCIPLINE_deciding', true, true],
    ['DISCIPLINE_city', true, false],
    ['DISCIPLINE_other_city', false, false],
    ['CREDIT_OFFICE_city', true, true],
    ['CREDIT_OFFICE_other_city', false, false],
    ['TENDERING', false, false],
    ['PUBLIC', false, false],
    ['SUBJECT_self', true, true],
    ['SUBJECT_other', false, false],
  ];
  const archiveLog = () =>
    t.sql(`SELECT actor_role, outcome, purpose FROM audit.access_log WHERE resource = 'ARCHIVE' ORDER BY id`);

  it.each(matrix)('%s: sanctions=%s, decision text=%s; the file read is logged', async (name, sees, text) => {
    const before = (await archiveLog()).length;
    const result = await read(roles[name]());
    const subject = result.data?.subject;
    const log = await archiveLog();
    if (!sees) {
      if (subject !== null) {
        // The person is visible to the caller but the file is not: refused and logged as DENIED.
        expect(subject.archive).toBeNull();
        expect(codes(result)).toEqual(['FORBIDDEN']);
        expect(result.errors![0].path).toEqual(['subject', 'archive']);
        expect(log.at(-1)).toMatchObject({ outcome: 'DENIED', purpose: '干部提拔考察' });
        expect(log.length).toBe(before + 1);
      } else expect(log.length).toBe(before);
      return;
    }
    expect(result.errors).toBeUndefined();
    expect(log.length).toBe(before + 1);
    expect(log.at(-1)).toMatchObject({ outcome: 'GRANTED', purpose: '干部提拔考察' });
    const sanctions = subject.archive.sanctions;
    expect(sanctions.map((s: { kind: string }) => s.kind).sort()).toEqual(KINDS.map(([k]) => k).sort());
    for (const s of sanctions) {
      expect(s.decidedAt).toBe(DECIDED);
      if (text) expect(s.record).toMatchObject({ id: s.recordId, details: '经审查，违反廉洁纪律，决定给予处分。' });
      else expect(s.record).toBeNull();
    }
  });

  it('the managing organization department learns a RESTRICTED sanction decided by discipline inspection (the bug of #16)', async () => {
    const result = await read(roles.ORG_DEPT_managing(), '2025-06-01');
    const file = result.data!.subject.archive;
    expect(file.sanctions.find((s: { kind: string }) => s.kind === 'WARNING')).toMatchObject({
      inEffect: true,
      effectiveUntil: '2025-07-09',
      record: null,
    });
  });

  it('the demo: 李明’s RESTRICTED 记过 (JW-2026-031) is in effect in the file his organization department reads', async () => {
    const code = t.demo.sanctionedCadre.code;
    const [{ id }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
      `${code.slice(0, 6)}********${code.slice(14)}`,
    ]);
    const result = await t.run(FILE, { id, purpose: '干部提拔考察' }, roles.ORG_DEPT_managing());
    expect(result.errors).toBeUndefined();
    expect(result.data!.subject.archive.sanctions).toEqual([
      expect.objectContaining({ kind: 'DEMERIT', inEffect: true, record: null }),
    ]);
  });

  it('releasing a RESTRICTED sanction is noted in the access log', async () => {
    const count = async () =>
      Number(
        (
          await t.sql(
            `SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'RESTRICTED_RECORD' AND 'sanction:' || ? = ANY(fields)`,
            [(await read(roles.ORG_DEPT_managing())).data!.subject.archive.sanctions[0].recordId],
          )
        )[0].n,
      );
    const before = await count();
    await read(roles.ORG_DEPT_managing());
    expect(await count()).toBeGreaterThan(before);
  });

  it.each(KINDS)('%s: in effect the day before its end and on it, not the day after', async (kind, until) => {
    const on = async (day: string) => {
      const result = await read(roles.ORG_DEPT_managing(), day);
      expect(result.errors).toBeUndefined();
      return result.data!.subject.archive.sanctions.find((s: { kind: string }) => s.kind === kind);
    };
    expect((await on(addDays(DECIDED, -1))).inEffect).toBe(false);
    expect((await on(DECIDED)).inEffect).toBe(true);
    if (until === null) {
      expect((await on('2099-12-31')).effectiveUntil).toBeNull();
      expect((await on('2099-12-31')).inEffect).toBe(true);
      return;
    }
    expect((await on(until)).effectiveUntil).toBe(until);
    expect((await on(addDays(until, -1))).inEffect).toBe(true);
    expect((await on(until)).inEffect).toBe(true);
    expect((await on(addDays(until, 1))).inEffect).toBe(false);
  });

  it('a sanction kind only goes with DISCIPLINARY_SANCTION', async () => {
    const wrong = await t.run(
      SUBMIT,
      { input: [sanction('WARNING', { externalId: 'NOT-A-SANCTION', category: 'ACCOUNTABILITY' })] },
      demoViewers.discipline,
    );
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0].extensions).toMatchObject({ index: 0, field: 'sanctionKind' });
  });

  it('a revoked sanction is none', async () => {
    const pushed = await t.run(
      SUBMIT,
      { input: [sanction('DEMERIT', { externalId: 'REVOKED-1' })] },
      demoViewers.discipline,
    );
    const id = pushed.data!.submitRecords.results[0].recordId;
    const ids = async () =>
      (await read(roles.ORG_DEPT_managing())).data!.subject.archive.sanctions.map(
        (s: { recordId: string }) => s.recordId,
      );
    expect(await ids()).toContain(id);
    await t.sql(`UPDATE records.credit_record SET status = 'REVOKED' WHERE id = ?`, [id]);
    expect(await ids()).not.toContain(id);
  });
});
