import { decodeCursor, encodeCursor } from '../../../src/common/connection';
import { isId, parseId } from '../../../src/common/ids';

describe('parseId: the one check of bigint ids', () => {
  it('takes 1 to 19 digits up to the bigint maximum', () => {
    expect(isId('1')).toBe(true);
    expect(isId('123456789012345678')).toBe(true);
    expect(isId('9223372036854775807')).toBe(true);
  });

  it('refuses what the column cannot hold, with the field in extensions', () => {
    for (const bad of ['', '-1', '1.5', 'abc', '9223372036854775808', '99999999999999999999']) {
      expect(isId(bad)).toBe(false);
    }
    expect(() => parseId('9223372036854775808', 'basisId')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'basisId' }) }),
    );
    expect(parseId('42')).toBe('42');
  });

  it('checks cursors the same way', () => {
    expect(decodeCursor(encodeCursor('9223372036854775807'))).toBe('9223372036854775807');
    expect(() => decodeCursor(encodeCursor('9223372036854775808'))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'after' }) }),
    );
  });
});
