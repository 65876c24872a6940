import { PiiProtector } from '../../../src/identity';
import { SubjectKeys, selfKeyOf } from '../../../src/identity/subject-keys';

const ID = '11010519491231002X';
const USCC = '91110000600037341L';

describe('selfKeyOf', () => {
  const keys = new SubjectKeys(new PiiProtector('test-secret-for-unit-tests'));

  it("is the look-up key of the caller's own code: a person's HMAC, an organization's USCC", () => {
    expect(selfKeyOf({ org: ID }, keys)).toBe(keys.identify(ID).keys[0]);
    expect(selfKeyOf({ org: ID }, keys)).toMatch(/^h:[0-9a-f]{64}$/);
    expect(selfKeyOf({ org: USCC }, keys)).toBe(USCC);
    expect(selfKeyOf({}, keys)).toBeUndefined();
  });

  it('is remembered per principal, and made again when its org is not the one it was made from', () => {
    const viewer: { org?: string } = { org: ID };
    const first = selfKeyOf(viewer, keys);
    const identify = jest.spyOn(keys, 'identify');
    expect(selfKeyOf(viewer, keys)).toBe(first);
    expect(identify).not.toHaveBeenCalled();
    viewer.org = USCC;
    expect(selfKeyOf(viewer, keys)).toBe(USCC);
    viewer.org = undefined;
    expect(selfKeyOf(viewer, keys)).toBeUndefined();
    identify.mockRestore();
  });

  it('is not shared between key sets of different secrets', () => {
    const viewer = { org: ID };
    const other = new SubjectKeys(new PiiProtector('another-secret-for-unit-tests'));
    expect(selfKeyOf(viewer, keys)).not.toBe(selfKeyOf(viewer, other));
  });
});
