import { demand, stepRight } from '../../../src/auth/step-rights';
import { makePrincipal } from '../../../src/auth/principal';
import { Role } from '../../../src/auth/roles';
import { ForbiddenError } from '../../../src/common/errors';
import { bilingual } from '../../../src/common/language';
import {
  answersOpinion,
  creditOfficeDecides,
  decidesObjection,
  requestsOpinionOn,
  withdrawsOpinion,
} from '../../../src/subgraphs/records/workflows/rules';
import { actsForSubject } from '../../../src/subgraphs/records/findings/rules';
import { keepsList } from '../../../src/subgraphs/records/lists/rules';
import { ListType } from '../../../src/subgraphs/records/enums';
import { loadListRules } from '../../../src/subgraphs/records/lists/list-rules';

/** A principal as a verified token gives it. */
function principal(role: Role, claims: { region: string; org?: string; sub?: string }) {
  return makePrincipal({ sub: claims.sub ?? `test-${role}`, role, region: claims.region, org: claims.org });
}

const office = principal(Role.CREDIT_OFFICE, { region: '320900' });
const otherOffice = principal(Role.CREDIT_OFFICE, { region: '320100' });

describe('step rights', () => {
  it('demand refuses with FORBIDDEN and the right’s name as reason, and passes when the right holds', () => {
    const right = stepRight<{ ok: boolean }>('SOME_RIGHT', bilingual('不可', 'no'), (_viewer, facts) => facts.ok);
    expect(() => demand(right, office, { ok: true })).not.toThrow();
    try {
      demand(right, office, { ok: false });
      throw new Error('demand did not refuse');
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SOME_RIGHT' });
    }
  });

  it('the credit office decides in its jurisdiction only', () => {
    expect(creditOfficeDecides.holds(office, { subject_region: '320902' })).toBe(true);
    expect(creditOfficeDecides.holds(otherOffice, { subject_region: '320902' })).toBe(false);
    expect(creditOfficeDecides.holds(principal(Role.COURT, { region: '320900' }), { subject_region: '320902' })).toBe(
      false,
    );
  });

  it('the subject acts for itself, its credit office on its behalf, nobody else', () => {
    const facts = { selfKey: undefined, subjectKey: 'K1', region: '320902' };
    const self = principal(Role.SUBJECT, { region: '' });
    expect(actsForSubject.holds(self, { ...facts, selfKey: 'K1' })).toBe(true);
    expect(actsForSubject.holds(self, { ...facts, selfKey: 'K2' })).toBe(false);
    expect(actsForSubject.holds(office, facts)).toBe(true);
    expect(actsForSubject.holds(otherOffice, facts)).toBe(false);
  });

  it('an objection is decided by the pushing system, the deciding authority or the credit office', () => {
    const row = { record_source_system: 'court-system', record_authority_code: 'ORG1', subject_region: '320902' };
    expect(decidesObjection.holds(principal(Role.COURT, { region: '320100', sub: 'court-system' }), row)).toBe(true);
    expect(decidesObjection.holds(principal(Role.COURT, { region: '320100', org: 'ORG1' }), row)).toBe(true);
    expect(decidesObjection.holds(principal(Role.COURT, { region: '320900', sub: 'other' }), row)).toBe(false);
    expect(decidesObjection.holds(office, row)).toBe(true);
  });

  it('a list is kept by its authority, in its jurisdiction', () => {
    const tender = principal(Role.TENDERING, { region: '320900' });
    expect(keepsList.holds(tender, { rule: loadListRules().lists[ListType.TENDER_BLACKLIST], region: '320902' })).toBe(
      true,
    );
    expect(
      keepsList.holds(tender, { rule: loadListRules().lists[ListType.SERIOUS_DISHONESTY], region: '320902' }),
    ).toBe(false);
    expect(
      keepsList.holds(office, { rule: loadListRules().lists[ListType.SERIOUS_DISHONESTY], region: '320100' }),
    ).toBe(false);
  });

  it('廉政意见: the managing ORG_DEPT asks (intake: also one of the jurisdiction), DISCIPLINE of the jurisdiction answers', () => {
    const orgDept = principal(Role.ORG_DEPT, { region: '320900', org: 'DEPT' });
    const person = { key: 'h:p', regionCode: '320902', managedByKey: 'OTHER', selfKey: 'DEPT', intake: false };
    expect(requestsOpinionOn.holds(orgDept, { ...person, managedByKey: 'DEPT' })).toBe(true);
    expect(requestsOpinionOn.holds(orgDept, person)).toBe(false);
    expect(requestsOpinionOn.holds(orgDept, { ...person, intake: true })).toBe(true);
    expect(requestsOpinionOn.holds(orgDept, { ...person, intake: true, regionCode: '410302' })).toBe(false);
    expect(requestsOpinionOn.holds(office, { ...person, intake: true })).toBe(false);
    expect(answersOpinion.holds(principal(Role.DISCIPLINE, { region: '3209' }), { person_region: '320902' })).toBe(
      true,
    );
    expect(answersOpinion.holds(principal(Role.DISCIPLINE, { region: '4103' }), { person_region: '320902' })).toBe(
      false,
    );
    expect(answersOpinion.holds(office, { person_region: '320902' })).toBe(false);
    expect(withdrawsOpinion.holds(orgDept, { requester_key: 'DEPT', selfKey: 'DEPT' })).toBe(true);
    expect(withdrawsOpinion.holds(orgDept, { requester_key: 'DEPT', selfKey: 'OTHER' })).toBe(false);
  });
});
