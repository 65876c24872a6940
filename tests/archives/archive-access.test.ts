import type { Principal } from '../../src/auth/principal';
import { verifyAccessLog } from '../../src/audit/verify';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { clientOperation } from '../helpers/client-operations';
import { cityClient, outsideClient, selfOf } from '../helpers/viewers';

// The file read of the client contract (clients/org-dept/), asked by id: discipline inspection reads
// files but may not look a person up by full ID number.
const ARCHIVE = clientOperation('org-dept/ReadFile');

describe('integrity archives', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const cadre = () => t.demo.sanctionedCadre; // 李明, managed by the city organization department
  let cadreId: string;
  beforeAll(async () => {
    [{ id: cadreId }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
      `${cadre().code.slice(0, 6)}********${cadre().code.slice(14)}`,
    ]);
  });
  const logFor = async () =>
    t.sql(`SELECT actor_role, resource, outcome, purpose, fields, operation FROM audit.access_log
           WHERE resource = 'ARCHIVE' ORDER BY id`);
  const viewers: Record<string, () => Principal> = {
    ORG_DEPT_managing: () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    ORG_DEPT_other: () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.county('320902').orgDept.code }),
    DISCIPLINE_city: () => cityClient(Role.DISCIPLINE),
    DISCIPLINE_other_city: () => outsideClient(Role.DISCIPLINE),
    CREDIT_OFFICE_city: () => cityClient(Role.CREDIT_OFFICE),
    CREDIT_OFFICE_other_city: () => outsideClient(Role.CREDIT_OFFICE),
    SUBJECT_self: () => selfOf(t.demo.sanctionedCadre.code),
    SUBJECT_other: () => selfOf(t.demo.cityCadre.code),
    PROCUREMENT: () => cityClient(Role.PROCUREMENT),
    COURT: () => cityClient(Role.COURT),
    PUBLIC: () => PUBLIC_PRINCIPAL,
  };
  // viewer, may read the file, sees personal-matters contents
  const matrix: [string, boolean, boolean][] = [
    ['ORG_DEPT_managing', true, true],
    ['ORG_DEPT_other', false, false],
    ['DISCIPLINE_city', true, true],
    ['DISCIPLINE_other_city', false, false],
    ['CREDIT_OFFICE_city', true, false],
    ['CREDIT_OFFICE_other_city', false, false],
    ['SUBJECT_self', true, true],
    ['SUBJECT_other', false, false],
    ['PROCUREMENT', false, false],
    ['COURT', false, false],
    ['PUBLIC', false, false],
  ];

  it.each(matrix)(
    '%s: reads=%s personalMatters=%s, and leaves exactly one log entry',
    async (name, reads, personalMatters) => {
      const before = (await logFor()).length;
      const result = await t.run(ARCHIVE, { id: cadreId, purpose: '干部提拔考察' }, viewers[name]());
      const subject = result.data?.subject;
      const log = await logFor();
      if (subject === null) {
        // The caller does not even see the person (PUBLIC, other jurisdictions): nothing was asked of the file.
        expect(reads).toBe(false);
        expect(log.length).toBe(before);
        return;
      }
      expect(log.length).toBe(before + 1);
      const entry = log[log.length - 1];
      expect(entry).toMatchObject({
        resource: 'ARCHIVE',
        outcome: reads ? 'GRANTED' : 'DENIED',
        purpose: '干部提拔考察',
        operation: 'ReadFile',
      });
      expect(entry.fields).toEqual(['assessments', 'entries', 'purpose']);
      if (!reads) {
        expect(subject.archive).toBeNull();
        expect(codes(result)).toEqual(['FORBIDDEN']);
        expect(result.errors![0].path).toEqual(['subject', 'archive']);
        return;
      }
      const file = subject.archive;
      expect(file.assessments.map((a: { year: number }) => a.year)).toHaveLength(8);
      expect(file.entries.length).toBeGreaterThanOrEqual(20);
      const report = file.entries.find((e: { kind: string }) => e.kind === 'PERSONAL_MATTERS_REPORT');
      if (personalMatters) {
        expect(report.content).toContain('如实报告');
        expect(result.errors).toBeUndefined();
      } else {
        expect(report.content).toBeNull();
        expect(result.errors!.every((e) => e.extensions?.code === 'FORBIDDEN' && e.path!.at(-1) === 'content')).toBe(
          true,
        );
      }
      expect(file.dishonestyRecords.map((r: { title: string }) => r.title)).toEqual(
        expect.arrayContaining(['行政诉讼败诉（违法强制拆除）']),
      );
    },
  );

  it('the sanction (RESTRICTED) appears for its decider, and releasing it is logged', async () => {
    const before = Number(
      (await t.sql(`SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'RESTRICTED_RECORD'`))[0].n,
    );
    const result = await t.run(
      ARCHIVE,
      { id: cadreId, purpose: '审查调查' },
      as(Role.DISCIPLINE, { region: '320900', org: t.demo.discipline.code }),
    );
    expect(result.data!.subject.archive.dishonestyRecords.map((r: { title: string }) => r.title)).toContain(
      '政务记过处分',
    );
    const after = Number(
      (await t.sql(`SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'RESTRICTED_RECORD'`))[0].n,
    );
    expect(after).toBe(before + 1);
  });

  it.each(['', '   ', '.', 'x'])('a trivial purpose %j is BAD_USER_INPUT and releases nothing', async (purpose) => {
    const result = await t.run(ARCHIVE, { id: cadreId, purpose }, viewers.ORG_DEPT_managing());
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.data!.subject.archive).toBeNull();
  });

  it.each(['ORG_DEPT_managing', 'SUBJECT_self', 'PUBLIC'])(
    'the registry facts Subject.archive @requires stay internal: %s cannot ask for managedByKey',
    async (who) => {
      const result = await t.run(
        `query($id: ID!) { subject(id: $id) { name managedByKey } }`,
        { id: cadreId },
        viewers[who](),
      );
      expect(result.data).toBeUndefined();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    },
  );

  it('filters entries by kind and years; organizations have no file', async () => {
    const query = `query($code: String!) { subject(code: $code) { archive(purpose: "年度考核复核") {
      entries(kinds: [ANNUAL_ASSESSMENT], fromYear: 2020, toYear: 2100) { kind } } } }`;
    const result = await t.run(query, { code: cadre().code }, viewers.ORG_DEPT_managing());
    expect(new Set(result.data!.subject.archive.entries.map((e: { kind: string }) => e.kind))).toEqual(
      new Set(['ANNUAL_ASSESSMENT']),
    );
    const org = await t.run(query, { code: t.demo.finance.code }, viewers.CREDIT_OFFICE_city());
    expect(org.errors).toBeUndefined();
    expect(org.data!.subject.archive).toBeNull();
  });

  it('the person and the credit office see who looked; nobody else does', async () => {
    const query = `query($id: ID!) { subject(id: $id) { accessLog(first: 50) { totalCount edges { node { actorRole resource purpose outcome occurredAt } } } } }`;
    const self = await t.run(query, { id: cadreId }, viewers.SUBJECT_self());
    expect(self.errors).toBeUndefined();
    const entries = self.data!.subject.accessLog.edges.map((e: any) => e.node);
    expect(
      entries.some((e: any) => e.actorRole === 'ORG_DEPT' && e.purpose === '干部提拔考察' && e.outcome === 'GRANTED'),
    ).toBe(true);
    expect(entries.some((e: any) => e.outcome === 'DENIED')).toBe(true);
    const office = await t.run(query, { id: cadreId }, viewers.CREDIT_OFFICE_city());
    expect(office.data!.subject.accessLog.totalCount).toBe(self.data!.subject.accessLog.totalCount);
    for (const name of ['ORG_DEPT_managing', 'DISCIPLINE_city']) {
      const denied = await t.run(query, { id: cadreId }, viewers[name]());
      expect(codes(denied)).toEqual(['FORBIDDEN']);
    }
  });

  it('reading a full ID number is logged too', async () => {
    const before = Number(
      (await t.sql(`SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'PERSON_CODE'`))[0].n,
    );
    await t.run(
      `{ searchSubjects(filter: { kinds: [PUBLIC_SERVANT] }, first: 5) { edges { node { code } } } }`,
      {},
      viewers.CREDIT_OFFICE_city(),
    );
    const rows = await t.sql(`SELECT subject_keys FROM audit.access_log WHERE resource = 'PERSON_CODE' ORDER BY id`);
    expect(rows.length).toBe(before + 1);
    expect(rows[rows.length - 1].subject_keys).toHaveLength(5);
  });

  it('if the access log cannot be written, the file is not released', async () => {
    await t.sql('ALTER TABLE audit.chain_head RENAME TO chain_head_unavailable');
    try {
      const result = await t.run(ARCHIVE, { id: cadreId, purpose: '干部考察' }, viewers.ORG_DEPT_managing());
      expect(result.data?.subject?.archive ?? null).toBeNull();
      expect(JSON.stringify(result.data ?? {})).not.toContain('如实报告');
      expect(result.errors!.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')).toBe(true);
    } finally {
      await t.sql('ALTER TABLE audit.chain_head_unavailable RENAME TO chain_head');
    }
  });

  it('the log is append-only through SQL too', async () => {
    await expect(t.sql(`UPDATE audit.access_log SET purpose = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit.access_log`)).rejects.toThrow(/append-only/);
  });

  it('parallel reads leave an unbroken chain; tampering breaks it at the altered entry', async () => {
    const orgDept = viewers.ORG_DEPT_managing();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.run(ARCHIVE, { id: cadreId, purpose: `并发读取${i}` }, orgDept)),
    );
    const intact = await verifyAccessLog(t.services.orm.em.fork(), t.services.config.audit);
    expect(intact.breaks).toEqual([]);
    expect(intact.ok).toBe(true);
    expect(intact.entries).toBeGreaterThanOrEqual(40);

    const [victim] = await t.sql(`SELECT id::text, chain, seq::text FROM audit.access_log WHERE purpose = '并发读取7'`);
    await t.sql(`ALTER TABLE audit.access_log DISABLE TRIGGER access_log_append_only`);
    try {
      await t.sql(`UPDATE audit.access_log SET purpose = '无' WHERE id = ?`, [victim.id]);
    } finally {
      await t.sql(`ALTER TABLE audit.access_log ENABLE TRIGGER access_log_append_only`);
    }
    const broken = await verifyAccessLog(t.services.orm.em.fork(), t.services.config.audit);
    expect(broken.ok).toBe(false);
    expect(broken.breaks).toEqual([
      {
        kind: 'REWRITTEN',
        chain: victim.chain,
        seq: victim.seq,
        id: victim.id,
        problem: expect.stringMatching(/altered/),
      },
    ]);
  });
});
