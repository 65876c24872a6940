import { pgArray, pgNullableArray } from '../../../src/db/sql';

describe('pgArray / pgNullableArray', () => {
  it('quotes every element and escapes only quotes and backslashes', () => {
    expect(pgArray([])).toBe('{}');
    expect(pgArray(['h:ab', 'A"B', 'C\\D', 7])).toBe('{"h:ab","A\\"B","C\\\\D","7"}');
  });

  it('keeps nulls as unquoted NULL elements', () => {
    expect(pgNullableArray([])).toBe('{}');
    expect(pgNullableArray([null, 'x"y', 3, null])).toBe('{NULL,"x\\"y","3",NULL}');
  });
});
