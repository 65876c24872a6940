import { createRequestContext } from '../../src/common/context';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf } from '../helpers/viewers';
import type { Principal } from '../../src/auth/principal';

/**
 * Role × field matrix of the subjects subgraph, through the gateway: which civil
 * servants each caller sees, whose ID number comes back in full or masked, and who may
 * read `managedBy`.
 */
const PERSON = `query Person($id: ID!) { subject(id: $id) { name code position managedBy { name } } }`;
const BY_CODE = `query ByCode($code: String!) { subject(code: $code) { name } }`;

describe('subject authorization', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ demo: 'subjects' });
  });
  afterAll(() => t.close());

  const cityCadre = () => t.demo.cityCadre; // managed by the city organization department
  const countyCadre = () => t.demo.districtCadre; // in 320902, managed by the district organization department
  const masked = (code: string) => `${code.slice(0, 6)}********${code.slice(14)}`;

  const viewers: Record<string, () => Principal> = {
    PUBLIC: () => PUBLIC_PRINCIPAL,
    PROCUREMENT_city: () => as(Role.PROCUREMENT, { region: '320900', org: t.demo.finance.code }),
    PROCUREMENT_other_city: () => as(Role.PROCUREMENT, { region: '410300', org: t.demo.luoyang.finance.code }),
    ORG_DEPT_managing: () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    ORG_DEPT_district: () => as(Role.ORG_DEPT, { region: '320902', org: t.demo.county('320902').orgDept.code }),
    DISCIPLINE_city: () => as(Role.DISCIPLINE, { region: '320900', org: t.demo.discipline.code }),
    CREDIT_OFFICE_city: () => as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code }),
    CREDIT_OFFICE_other_city: () => outsideClient(Role.CREDIT_OFFICE),
    CREDIT_OFFICE_national: () => as(Role.CREDIT_OFFICE),
    SUBJECT_self: () => selfOf(cityCadre().code),
    SUBJECT_other: () => selfOf(countyCadre().code),
  };

  // [viewer, sees the city cadre?, full code?, may read managedBy?]
  const matrix: [string, boolean, boolean, boolean][] = [
    ['PUBLIC', false, false, false],
    ['PROCUREMENT_city', true, false, false],
    ['PROCUREMENT_other_city', false, false, false],
    ['ORG_DEPT_managing', true, true, true],
    ['ORG_DEPT_district', false, false, false],
    ['DISCIPLINE_city', true, false, true],
    ['CREDIT_OFFICE_city', true, true, true],
    ['CREDIT_OFFICE_other_city', false, false, false],
    ['CREDIT_OFFICE_national', true, true, true],
    ['SUBJECT_self', true, true, true],
    ['SUBJECT_other', false, false, false],
  ];

  it.each(matrix)('%s: sees=%s fullCode=%s managedBy=%s', async (viewer, sees, fullCode, managedBy) => {
    const cadre = cityCadre();
    const [{ id }] = await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [masked(cadre.code)]);
    // A look-up by the full number confirms the person only to those who may read that number, and is logged.
    const before = await t.sql(
      `SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'PERSON_CODE' AND actor_role = ?`,
      [viewers[viewer]().role],
    );
    const byCode = await t.run(BY_CODE, { code: cadre.code }, viewers[viewer]());
    expect(byCode.errors).toBeUndefined();
    expect(byCode.data!.subject).toEqual(fullCode ? { name: cadre.name } : null);
    const after = await t.sql(
      `SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'PERSON_CODE' AND actor_role = ?`,
      [viewers[viewer]().role],
    );
    expect(after[0].n - before[0].n).toBe(fullCode ? 1 : 0);
    const result = await t.run(PERSON, { id }, viewers[viewer]());
    if (!sees) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.subject).toBeNull();
      return;
    }
    expect(result.data!.subject).toMatchObject({ name: cadre.name, position: cadre.position });
    expect(result.data!.subject.code).toBe(fullCode ? cadre.code : masked(cadre.code));
    if (managedBy) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.subject.managedBy).toEqual({ name: '中共盐城市委组织部' });
    } else {
      expect(result.data!.subject.managedBy).toBeNull();
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].path).toEqual(['subject', 'managedBy']);
    }
  });

  it('organizations and their codes are public; persons never appear to PUBLIC', async () => {
    const result = await t.run(`{ searchSubjects(first: 200) { totalCount edges { node { kind code } } } }`);
    const kinds = new Set(result.data!.searchSubjects.edges.map((e: { node: { kind: string } }) => e.node.kind));
    expect(kinds.has('PUBLIC_SERVANT')).toBe(false);
    expect(kinds.has('ENTERPRISE')).toBe(true);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM subjects.subject WHERE kind <> 'PUBLIC_SERVANT'`);
    expect(result.data!.searchSubjects.totalCount).toBe(n);
    expect(result.data!.searchSubjects.edges.length).toBe(n);
  });

  it('a jurisdiction limits which civil servants a government role sees', async () => {
    const query = `query($filter: SubjectFilter) { searchSubjects(filter: $filter, first: 200) { edges { node { regionCode } } } }`;
    const district = await t.run(
      query,
      { filter: { kinds: ['PUBLIC_SERVANT'] } },
      as(Role.DISCIPLINE, { region: '320902' }),
    );
    const regions = district.data!.searchSubjects.edges.map((e: { node: { regionCode: string } }) => e.node.regionCode);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((r: string) => r.startsWith('320902'))).toBe(true);
    const city = await t.run(query, { filter: { kinds: ['PUBLIC_SERVANT'] } }, cityClient(Role.DISCIPLINE));
    expect(city.data!.searchSubjects.edges.length).toBe(t.demo.people.length);
  });

  it('a federated entity fetch is no back door: references resolve only to visible rows', async () => {
    const [cadre] = await t.sql(`SELECT id FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT' LIMIT 1`);
    const subgraph = t.hub.subgraphs.find((s) => s.module.name === 'subjects')!;
    const { execute, parse } = await import('graphql');
    const context = t.hub.contextFor(PUBLIC_PRINCIPAL);
    const result = await execute({
      schema: subgraph.schema,
      document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { id name } } }`),
      variableValues: { r: [{ __typename: 'Subject', id: cadre.id }] },
      contextValue: subgraph.module.createContext(createRequestContext(t.services, context.viewer, 'x')),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null]);
  });

  it('searchSubjects filters by kind, name, region and parent, with cursor pagination', async () => {
    const query = `query($filter: SubjectFilter, $after: String) {
      searchSubjects(filter: $filter, first: 4, after: $after) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`;
    const filter = { kinds: ['DEPARTMENT'], regionPrefix: '3209' };
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const page: any = await t.run(query, { filter, after });
      expect(page.errors).toBeUndefined();
      total = page.data.searchSubjects.totalCount;
      seen.push(...page.data.searchSubjects.edges.map((e: { node: { id: string } }) => e.node.id));
      after = page.data.searchSubjects.pageInfo.hasNextPage ? page.data.searchSubjects.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    const [{ n }] = await t.sql(
      `SELECT count(*)::int AS n FROM subjects.subject WHERE kind = 'DEPARTMENT' AND region_code LIKE '3209%'`,
    );
    expect(total).toBe(n);

    const byName = await t.run(`{ searchSubjects(filter: { nameContains: "财政" }) { edges { node { name } } } }`);
    expect(byName.data!.searchSubjects.edges.length).toBeGreaterThan(1);
    expect(
      byName.data!.searchSubjects.edges.every((e: { node: { name: string } }) => e.node.name.includes('财政')),
    ).toBe(true);

    const [city] = await t.sql(`SELECT id FROM subjects.subject WHERE code_key = ?`, [t.demo.city.code]);
    const children = await t.run(
      `query($id: ID) { searchSubjects(filter: { parentId: $id }, first: 200) { totalCount } }`,
      { id: city.id },
    );
    const [{ n: childCount }] = await t.sql(`SELECT count(*)::int AS n FROM subjects.subject WHERE parent_id = ?`, [
      city.id,
    ]);
    expect(children.data!.searchSubjects.totalCount).toBe(childCount);
  });

  it('bad arguments are BAD_USER_INPUT', async () => {
    expect(codes(await t.run(`{ subject(code: "91110000600037341N") { id } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.run(`{ subject { id } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.run(`{ searchSubjects(after: "nonsense") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.run(`{ searchSubjects(first: 5000) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    const unknown = await t.run(`{ subject(code: "91110000600037341L") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.subject).toBeNull();
  });
});
