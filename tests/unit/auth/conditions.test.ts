import {
  CONDITIONS,
  conditionSql,
  creditOfficeOf,
  describeCondition,
  holds,
  isSelf,
  managesCadre,
  mayApply,
  mayReadFullPersonCode,
  maySeePersonStanding,
  needsManagement,
  type PersonFacts,
} from '../../../src/auth/conditions';
import { makePrincipal, PUBLIC_PRINCIPAL } from '../../../src/auth/principal';
import { ALL_ROLES, Role } from '../../../src/auth/roles';

const viewer = (role: Role, region = '320900', org?: string) => makePrincipal({ sub: `t-${role}`, role, region, org });
const ORG_DEPT_KEY = '11320900MB0000000X';
const person: PersonFacts = { key: 'h:person', regionCode: '320902', managedByKey: ORG_DEPT_KEY };
const columns = {
  key: 's.code_key',
  region: 's.region_code',
  managedBy: 's.managed_by = ?',
  named: 's.named_keys @> ?',
};
/** A person, and for NAMED the persons a record names responsible. */
type Facts = PersonFacts & { namedKeys?: string[] };

/** Evaluates a fragment built from these four columns against the facts (the SQL side, without a database). */
function evaluate(sql: string, params: unknown[], facts: Facts): boolean {
  let i = 0;
  const js = sql
    .replace(/s\.region_code LIKE \?/g, () =>
      JSON.stringify(facts.regionCode.startsWith(String(params[i++]).slice(0, -1))),
    )
    .replace(/s\.managed_by = \?/g, () => JSON.stringify(facts.managedByKey === params[i++]))
    .replace(/s\.code_key = \?/g, () => JSON.stringify(facts.key === params[i++]))
    .replace(/s\.named_keys @> \?/g, () => JSON.stringify((facts.namedKeys ?? []).includes(String(params[i++]))))
    .replace(/ OR /g, ' || ');
  if (i !== params.length) throw new Error(`unused parameters in ${sql}`);
  return Function(`return ${js};`)() as boolean;
}

describe('access conditions', () => {
  it("a civil servant's standing: managing ORG_DEPT, DISCIPLINE and CREDIT_OFFICE in jurisdiction, the person", () => {
    expect(maySeePersonStanding(viewer(Role.ORG_DEPT, '410300', ORG_DEPT_KEY), ORG_DEPT_KEY, person)).toBe(true);
    expect(maySeePersonStanding(viewer(Role.ORG_DEPT, '320900', 'other'), 'other', person)).toBe(false);
    expect(maySeePersonStanding(viewer(Role.DISCIPLINE), undefined, person)).toBe(true);
    expect(maySeePersonStanding(viewer(Role.DISCIPLINE, '410300'), undefined, person)).toBe(false);
    expect(maySeePersonStanding(viewer(Role.CREDIT_OFFICE, '3209'), undefined, person)).toBe(true);
    expect(maySeePersonStanding(viewer(Role.SUBJECT, '', 'x'), 'h:person', person)).toBe(true);
    expect(maySeePersonStanding(viewer(Role.SUBJECT, '', 'x'), 'h:other', person)).toBe(false);
    for (const role of [Role.PROCUREMENT, Role.TENDERING, Role.INVESTMENT, Role.DEBT, Role.COURT]) {
      expect(maySeePersonStanding(viewer(role), undefined, person)).toBe(false);
    }
    expect(maySeePersonStanding(PUBLIC_PRINCIPAL, undefined, person)).toBe(false);
  });

  it('the full ID number: not discipline inspection', () => {
    expect(mayReadFullPersonCode(viewer(Role.DISCIPLINE), undefined, person)).toBe(false);
    expect(mayReadFullPersonCode(viewer(Role.CREDIT_OFFICE), undefined, person)).toBe(true);
    expect(mayReadFullPersonCode(viewer(Role.CREDIT_OFFICE, '410300'), undefined, person)).toBe(false);
    expect(mayReadFullPersonCode(viewer(Role.ORG_DEPT, '320900', ORG_DEPT_KEY), ORG_DEPT_KEY, person)).toBe(true);
  });

  it('the named predicates check the role as well as the relation', () => {
    expect(creditOfficeOf(viewer(Role.CREDIT_OFFICE), '320924')).toBe(true);
    expect(creditOfficeOf(viewer(Role.DISCIPLINE), '320924')).toBe(false);
    expect(creditOfficeOf(viewer(Role.CREDIT_OFFICE, ''), '410300')).toBe(true);
    expect(managesCadre(viewer(Role.ORG_DEPT), ORG_DEPT_KEY, ORG_DEPT_KEY)).toBe(true);
    expect(managesCadre(viewer(Role.ORG_DEPT), undefined, null)).toBe(false);
    expect(managesCadre(viewer(Role.CREDIT_OFFICE), ORG_DEPT_KEY, ORG_DEPT_KEY)).toBe(false);
    expect(isSelf(viewer(Role.SUBJECT), 'k', 'k')).toBe(true);
    expect(isSelf(viewer(Role.SUBJECT), undefined, 'k')).toBe(false);
    expect(isSelf(viewer(Role.CREDIT_OFFICE), 'k', 'k')).toBe(false);
  });

  it('what names me: a record is its subject’s own and of each civil servant it names responsible', () => {
    const record = { key: 'h:department', namedKeys: ['h:person'] };
    const me = viewer(Role.SUBJECT, '', 'x');
    expect(holds(CONDITIONS.namedResponsible, me, 'h:person', record)).toBe(true);
    expect(holds(CONDITIONS.namedResponsible, me, 'h:other', record)).toBe(false);
    expect(holds(CONDITIONS.namedResponsible, me, undefined, record)).toBe(false);
    expect(holds(CONDITIONS.namedResponsible, viewer(Role.CREDIT_OFFICE), 'h:person', record)).toBe(false);
    expect(holds(CONDITIONS.ownRecord, me, 'h:department', record)).toBe(true);
    expect(holds(CONDITIONS.ownRecord, me, 'h:person', record)).toBe(true);
    expect(holds(CONDITIONS.ownRecord, me, 'h:other', record)).toBe(false);
    expect(holds(CONDITIONS.ownRecord, me, 'h:person', { key: 'h:department' })).toBe(false);
  });

  it('the SQL predicate agrees with the JS predicate for every role, region and relation', () => {
    const mismatches: unknown[] = [];
    const subjects: Facts[] = [
      person,
      { ...person, regionCode: '410302' },
      { ...person, managedByKey: 'other' },
      { ...person, key: 'h:other' },
      { ...person, key: 'h:other', namedKeys: ['h:person', 'h:third'] },
      { ...person, key: 'h:other', namedKeys: ['h:third'] },
    ];
    for (const c of Object.values(CONDITIONS).filter((c) => c.terms.every((t) => t.relation !== 'ANYWHERE'))) {
      for (const role of ALL_ROLES) {
        for (const region of ['', '3209', '320902', '410300']) {
          for (const selfKey of [undefined, ORG_DEPT_KEY, 'h:person']) {
            const v = viewer(role, region, selfKey);
            const { sql, params } = conditionSql(c, v, selfKey, columns);
            for (const facts of subjects) {
              if (evaluate(sql, params, facts) !== holds(c, v, selfKey, facts))
                mismatches.push([c.name, role, region, selfKey, facts]);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('says when facts need loading at all, and reads as a permission table', () => {
    expect(mayApply(CONDITIONS.mayReadFullPersonCode, viewer(Role.TENDERING))).toBe(false);
    expect(mayApply(CONDITIONS.mayReadFullPersonCode, viewer(Role.CREDIT_OFFICE))).toBe(true);
    expect(needsManagement(CONDITIONS.mayReadFullPersonCode, viewer(Role.ORG_DEPT))).toBe(true);
    expect(needsManagement(CONDITIONS.mayReadFullPersonCode, viewer(Role.CREDIT_OFFICE))).toBe(false);
    expect(describeCondition(CONDITIONS.maySeePersonStanding)).toBe(
      'ORG_DEPT managing the person; DISCIPLINE, CREDIT_OFFICE in jurisdiction; SUBJECT the subject itself',
    );
    expect(conditionSql(CONDITIONS.maySeePerson, viewer(Role.COURT, ''), undefined, columns).sql).toBe('true');
    expect(conditionSql(CONDITIONS.maySeePerson, PUBLIC_PRINCIPAL, undefined, columns).sql).toBe('false');
  });
});
