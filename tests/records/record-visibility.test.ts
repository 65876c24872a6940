import { execute, parse } from 'graphql';
import type { Principal } from '../../src/auth/principal';
import { createRequestContext } from '../../src/common/context';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf } from '../helpers/viewers';

/**
 * Row- and field-level matrix for records, over every path that reaches a record:
 * top-level `records`, `Subject.records`, a federated entity fetch, a listing's reasons.
 */
describe('record visibility', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const RESTRICTED = '政务记过处分';
  const GOVERNMENT = '采购人拖欠中小企业货款';
  const EXPIRED = '弄虚作假骗取中标（已过公示期）';
  const PUBLIC = '行政诉讼败诉（违法强制拆除）';

  const viewers: Record<string, () => Principal> = {
    PUBLIC: () => PUBLIC_PRINCIPAL,
    PROCUREMENT_city: () => cityClient(Role.PROCUREMENT),
    PROCUREMENT_other_city: () => outsideClient(Role.PROCUREMENT),
    TENDERING_city: () => cityClient(Role.TENDERING),
    INVESTMENT_city: () => cityClient(Role.INVESTMENT),
    DEBT_city: () => cityClient(Role.DEBT),
    COURT_city: () => as(Role.COURT, { region: '320900', org: t.demo.court.code }),
    ORG_DEPT_city: () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }),
    DISCIPLINE_other_unit: () => as(Role.DISCIPLINE, { region: '320902' }),
    DISCIPLINE_decider: () => as(Role.DISCIPLINE, { region: '320900', org: t.demo.discipline.code }),
    CREDIT_OFFICE_city: () => cityClient(Role.CREDIT_OFFICE),
    CREDIT_OFFICE_other_city: () => outsideClient(Role.CREDIT_OFFICE),
    SUBJECT_self: () => selfOf(t.demo.sanctionedCadre.code),
    SUBJECT_other: () => selfOf(t.demo.cityCadre.code),
  };
  // viewer, restricted, government-shared, expired publicity, public, details of the public record readable
  const matrix: [string, boolean, boolean, boolean, boolean, boolean][] = [
    ['PUBLIC', false, false, false, true, false],
    ['PROCUREMENT_city', false, true, true, true, true],
    ['PROCUREMENT_other_city', false, false, false, true, true],
    ['TENDERING_city', false, true, true, true, true],
    ['INVESTMENT_city', false, true, true, true, true],
    ['DEBT_city', false, true, true, true, true],
    ['COURT_city', false, true, true, true, true],
    ['ORG_DEPT_city', false, true, true, true, true],
    ['DISCIPLINE_other_unit', false, false, false, true, true],
    ['DISCIPLINE_decider', true, true, true, true, true],
    ['CREDIT_OFFICE_city', true, true, true, true, true],
    ['CREDIT_OFFICE_other_city', false, false, false, true, true],
    ['SUBJECT_self', true, false, false, true, false],
    ['SUBJECT_other', false, false, false, true, false],
  ];

  const titlesOf = (result: any, path: (data: any) => any[]) =>
    new Set(path(result.data).map((e: any) => e.node.title));

  it.each(matrix)(
    '%s: restricted=%s government=%s expired=%s public=%s details=%s',
    async (name, restricted, government, expired, visiblePublic, details) => {
      const viewer = viewers[name]();
      const top = await t.run(`{ records(first: 200) { edges { node { title } } } }`, {}, viewer);
      expect(top.errors).toBeUndefined();
      const topTitles = titlesOf(top, (d) => d.records.edges);
      expect([
        topTitles.has(RESTRICTED),
        topTitles.has(GOVERNMENT),
        topTitles.has(EXPIRED),
        topTitles.has(PUBLIC),
      ]).toEqual([restricted, government, expired, visiblePublic]);

      // The same rule through Subject.records (via federation from the subjects subgraph).
      const bySubject = async (code: string) => {
        const result = await t.run(
          `query($code: String!) { creditStatus(code: $code) { subject { records { edges { node { title } } } } } }`,
          { code },
          viewer,
        );
        const subject = result.data!.creditStatus.subject;
        return subject ? titlesOf({ data: subject }, (d) => d.records.edges) : new Set<string>();
      };
      expect((await bySubject(t.demo.hospital.code)).has(GOVERNMENT)).toBe(government);
      expect((await bySubject(t.demo.expiredPublicityEnterprise.code)).has(EXPIRED)).toBe(expired);

      const withDetails = await t.run(
        `{ records(first: 200) { edges { node { title details legalBasis sourceSystem responsiblePersons { name } } } } }`,
        {},
        viewer,
      );
      const row = withDetails.data!.records.edges.find((e: any) => e.node.title === PUBLIC).node;
      if (details) {
        expect(withDetails.errors).toBeUndefined();
        expect(row.details).toBe('被诉行政行为被确认违法。');
      } else {
        expect(row.details).toBeNull();
        expect(codes(withDetails)).toContain('FORBIDDEN');
        expect(withDetails.errors!.map((e) => e.path?.[e.path.length - 1])).toEqual(
          expect.arrayContaining(['details', 'legalBasis', 'sourceSystem', 'responsiblePersons']),
        );
      }
    },
  );

  it('responsible persons follow the registry: masked ID number unless entitled', async () => {
    const query = `{ records(first: 200, filter: { categories: [LITIGATION_LOST] }) { edges { node { title responsiblePersons { name code } } } } }`;
    const person = t.demo.sanctionedCadre;
    // The lost lawsuit naming the cadre (other LITIGATION_LOST records of the demo name nobody).
    const naming = (result: { data?: any }) =>
      result.data!.records.edges.find((e: any) => e.node.responsiblePersons.length > 0).node.responsiblePersons[0];
    const procurement = await t.run(query, {}, cityClient(Role.PROCUREMENT));
    expect(naming(procurement)).toEqual({
      name: person.name,
      code: `${person.code.slice(0, 6)}********${person.code.slice(14)}`,
    });
    const office = await t.run(query, {}, cityClient(Role.CREDIT_OFFICE));
    expect(naming(office).code).toBe(person.code);
  });

  it('a federated entity fetch of a record applies the same rule', async () => {
    const [row] = await t.sql(`SELECT id::text FROM records.credit_record WHERE title = ?`, [RESTRICTED]);
    const subgraph = t.hub.subgraphs.find((s) => s.module.name === 'records')!;
    const fetchAs = async (viewer: Principal) =>
      execute({
        schema: subgraph.schema,
        document: parse(`query($r: [_Any!]!) { _entities(representations: $r) { ... on CreditRecord { id title } } }`),
        variableValues: { r: [{ __typename: 'CreditRecord', id: row.id }] },
        contextValue: subgraph.module.createContext(createRequestContext(t.services, viewer, 't')),
      });
    expect((await fetchAs(PUBLIC_PRINCIPAL)).data!._entities).toEqual([null]);
    expect((await fetchAs(cityClient(Role.CREDIT_OFFICE))).data!._entities).toEqual([
      { id: row.id, title: RESTRICTED },
    ]);
  });

  it('a listing shows only the reason records the caller may see', async () => {
    const query = `query($c: [String!]!) { blacklistCheck(codes: $c) { listings { reasonRecords { title } } } }`;
    const listed = await t.run(query, { c: [t.demo.listedGovernment.code] });
    expect(listed.data!.blacklistCheck[0].listings[0].reasonRecords).toEqual([
      { title: '拒不履行生效判决（工程款给付）' },
    ]);
  });
});
