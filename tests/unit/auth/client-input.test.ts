import { ClientRegistryError, validateNewClient } from '../../../src/auth/client-input';
import { Role } from '../../../src/auth/roles';

const COURT_USCC = '113209001005543343';
const PERSON = '320900198206050522';
const base = { issuer: 'https://idp.example', subject: 'court-system', role: Role.COURT };

describe('validateNewClient', () => {
  it('normalises: id defaults to the sub, a six-digit region becomes its prefix, codes are upper-cased and trimmed', () => {
    expect(validateNewClient({ ...base, region: '320900', org: ` ${COURT_USCC.toLowerCase()} ` })).toEqual({
      id: 'court-system',
      issuer: 'https://idp.example',
      subject: 'court-system',
      role: Role.COURT,
      regionPrefix: '3209',
      orgCode: COURT_USCC,
      label: '',
    });
  });

  it('a SUBJECT client names one person or unit, or none (a self-service portal)', () => {
    expect(validateNewClient({ ...base, role: Role.SUBJECT, org: PERSON }).orgCode).toBe(PERSON);
    expect(validateNewClient({ ...base, role: Role.SUBJECT }).orgCode).toBeNull();
  });

  it.each([
    ['an empty issuer', { issuer: ' ' }],
    ['a control character in the sub', { subject: 'court\u0000' }],
    ['an unknown role', { role: 'ADMIN' }],
    ['PUBLIC', { role: Role.PUBLIC }],
    ['a sub that is no id, without an id', { subject: 'court system' }],
    ['the id of PUBLIC callers', { id: 'anonymous' }],
    ['a region with letters', { region: '32ab' }],
    ['a region outside any province', { region: '99' }],
    ["a person's ID number as a government organization", { org: PERSON }],
    ['an invalid USCC', { org: '113209001005543340' }],
  ])('refuses %s', (_label, change) => {
    expect(() => validateNewClient({ ...base, ...change })).toThrow(ClientRegistryError);
  });
});
