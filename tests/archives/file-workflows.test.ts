import type { Principal } from '../../src/auth/principal';
import { maskResidentId } from '../../src/identity';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf, viewers } from '../helpers/viewers';

// Issue #16 item 5: the person's commitments and the joint measures in force against them, in the file.
const FILE = `query FileWorkflows($id: ID!) {
  subject(id: $id) { archive(purpose: "干部提拔考察") {
    commitments { id title status disclosure }
    jointMeasures { id kind state implementingUnitCode record { id } }
  } }
}`;

describe('IntegrityArchive.commitments and .jointMeasures', () => {
  let t: TestHub;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    t = await startTestHub();
    for (const name of ['马骏', '罗娟', '陈志强']) {
      const code = t.demo.people.find((p) => p.name === name)!.code;
      const [{ id }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [
        maskResidentId(code),
      ]);
      ids.set(name, id);
    }
  });
  afterAll(() => t.close());

  const codeOf = (name: string) => t.demo.people.find((p) => p.name === name)!.code;
  const roles: Record<string, () => Principal> = {
    ORG_DEPT_managing: () => viewers.orgDept,
    ORG_DEPT_other: () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.county('320902').orgDept.code }),
    DISCIPLINE_city: () => cityClient(Role.DISCIPLINE),
    DISCIPLINE_other_city: () => outsideClient(Role.DISCIPLINE),
    CREDIT_OFFICE_city: () => cityClient(Role.CREDIT_OFFICE),
    CREDIT_OFFICE_other_city: () => outsideClient(Role.CREDIT_OFFICE),
    TENDERING: () => cityClient(Role.TENDERING),
    PUBLIC: () => PUBLIC_PRINCIPAL,
    SUBJECT_self: () => selfOf(codeOf('马骏')),
    SUBJECT_other: () => selfOf(codeOf('陈志强')),
  };
  const matrix: [string, boolean][] = [
    ['ORG_DEPT_managing', true],
    ['ORG_DEPT_other', false],
    ['DISCIPLINE_city', true],
    ['DISCIPLINE_other_city', false],
    ['CREDIT_OFFICE_city', true],
    ['CREDIT_OFFICE_other_city', false],
    ['TENDERING', false],
    ['PUBLIC', false],
    ['SUBJECT_self', true],
    ['SUBJECT_other', false],
  ];

  it.each(matrix)('%s: reads 马骏’s measures in force = %s', async (name, sees) => {
    const result = await t.run(FILE, { id: ids.get('马骏') }, roles[name]());
    const subject = result.data?.subject;
    if (!sees) {
      // Not a reader of the file: the file is refused where it enters the graph (or the person is not even visible).
      if (subject) {
        expect(subject.archive).toBeNull();
        expect(codes(result)).toEqual(['FORBIDDEN']);
        expect(result.errors![0].path).toEqual(['subject', 'archive']);
      }
      return;
    }
    expect(result.errors).toBeUndefined();
    expect(subject.archive.jointMeasures).toEqual([
      expect.objectContaining({
        kind: 'PROMOTION_RESTRICTION',
        state: 'ACCEPTED',
        implementingUnitCode: t.demo.orgDept.code,
      }),
    ]);
    expect(subject.archive.commitments).toEqual([]);
  });

  it('罗娟’s file: the breached commitment, whatever its disclosure (GOVERNMENT) and whoever registered it', async () => {
    const result = await t.run(FILE, { id: ids.get('罗娟') }, viewers.orgDept);
    expect(result.errors).toBeUndefined();
    expect(result.data!.subject.archive.commitments).toEqual([
      expect.objectContaining({ title: '重点项目服务专员限时办结承诺', status: 'BREACHED', disclosure: 'GOVERNMENT' }),
    ]);
    expect(result.data!.subject.archive.jointMeasures).toEqual([]);
  });

  it('a measure no longer in force (its record repaired) leaves the file', async () => {
    const before = await t.run(FILE, { id: ids.get('马骏') }, viewers.orgDept);
    const [{ record }] = before.data!.subject.archive.jointMeasures;
    await t.sql(`UPDATE records.credit_record SET status = 'REPAIRED' WHERE id = ?`, [record.id]);
    const after = await t.run(FILE, { id: ids.get('马骏') }, viewers.orgDept);
    expect(after.data!.subject.archive.jointMeasures).toEqual([]);
    await t.sql(`UPDATE records.credit_record SET status = 'ACTIVE' WHERE id = ?`, [record.id]);
  });

  it('a file read for a cadre decision logs its typed purpose beside the note', async () => {
    const READ = `query($id: ID!) { subject(id: $id) { archive(purpose: "拟提拔考察", purposeKind: PROMOTION) { jointMeasures { kind } } } }`;
    const result = await t.run(READ, { id: ids.get('马骏') }, viewers.orgDept);
    expect(result.errors).toBeUndefined();
    const [entry] = await t.sql(
      `SELECT purpose, purpose_kind, outcome FROM audit.access_log WHERE resource = 'ARCHIVE' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toEqual({ purpose: '拟提拔考察', purpose_kind: 'PROMOTION', outcome: 'GRANTED' });
  });

  it('as many SQL statements for the files of 1 person as of N', async () => {
    const FILES = `query Files($first: Int!) { searchSubjects(filter: { kinds: [PUBLIC_SERVANT], regionPrefix: "3209" }, first: $first) {
      edges { node { id archive(purpose: "信用监管核查") { commitments { id status } jointMeasures { id kind } } } } } }`;
    const office = cityClient(Role.CREDIT_OFFICE);
    const one = await t.counted(FILES, { first: 1 }, office);
    const many = await t.counted(FILES, { first: 30 }, office);
    expect(one.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    const files = many.data.searchSubjects.edges.map((e: { node: any }) => e.node.archive);
    expect(files.some((f: any) => f.commitments.length > 0)).toBe(true);
    expect(files.some((f: any) => f.jointMeasures.length > 0)).toBe(true);
    expect(many.statements).toBe(one.statements);
  });
});
