import { makeResidentId, makeUscc } from '../../src/identity';
import { as, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient } from '../helpers/viewers';

/** N+1 guard: parent, children and managedBy of a page cost the same statements for 5 or 50 rows. */
const PAGE = `query($first: Int) {
  searchSubjects(first: $first, filter: { regionPrefix: "3209" }) {
    edges { node { id name code parent { name parent { name } } children { name code } managedBy { name } } }
  }
}`;

describe('subject DataLoaders', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ demo: 'subjects' });
    // Enough rows that a page of 50 has parents, children and managed persons.
    const office = cityClient(Role.CREDIT_OFFICE);
    const input = Array.from({ length: 60 }, (_, i) =>
      i % 2 === 0
        ? {
            kind: 'ENTERPRISE',
            name: `加载器企业${i}`,
            code: makeUscc('91', '320902', String(84000000 + i)),
            regionCode: '320902',
            parentCode: t.demo.blacklistedEnterprise.code,
          }
        : {
            kind: 'PUBLIC_SERVANT',
            name: `加载器干部${i}`,
            code: makeResidentId('320902', '19800101', i),
            regionCode: '320902',
            parentCode: t.demo.county('320902').finance.code,
            managedByCode: t.demo.county('320902').orgDept.code,
          },
    );
    const result = await t.run(
      `mutation($input: [SubjectInput!]!) { registerSubjects(input: $input) { id } }`,
      { input },
      office,
    );
    expect(result.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it('runs a bounded, size-independent number of SQL statements', async () => {
    const viewer = as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code });
    const small = await t.counted(PAGE, { first: 5 }, viewer);
    const large = await t.counted(PAGE, { first: 50 }, viewer);
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data.searchSubjects.edges).toHaveLength(50);
    // page, parents, grandparents, children, managedBy (+1 for the viewer's own subject)
    expect(large.statements).toBeLessThanOrEqual(6);
    expect(large.statements).toBe(small.statements);
  });
});
