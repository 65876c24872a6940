import {
  divisionLevel,
  isWithinJurisdiction,
  jurisdictionPrefix,
  PROVINCE_CODES,
  validateDivisionCode,
} from '../../../src/identity';

describe('PROVINCE_CODES', () => {
  it('holds the 34 province-level codes', () => {
    expect(PROVINCE_CODES.size).toBe(34);
    for (const code of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']) {
      expect(PROVINCE_CODES.has(code)).toBe(true);
    }
    for (const code of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '40',
      '47',
      '49',
      '55',
      '60',
      '66',
      '70',
      '72',
      '80',
      '83',
      '99',
    ]) {
      expect(PROVINCE_CODES.has(code)).toBe(false);
    }
  });
});

describe('validateDivisionCode', () => {
  it.each([
    '110000',
    '320000',
    '320900',
    '320902',
    '429004',
    '659001',
    '440113',
    '710000',
    '820000',
    '320170',
    '320199',
  ])('accepts %s', (code) => expect(validateDivisionCode(code)).toEqual({ valid: true }));

  it.each([
    ['', 'empty'],
    ['32090', 'length'],
    ['3209020', 'length'],
    ['32090A', 'characters'],
    [' 32090', 'characters'],
    ['990000', 'division'],
    ['100000', 'division'],
    ['327100', 'division'],
    ['328901', 'division'],
    ['329900', 'division'],
    ['320001', 'division'],
  ])('rejects %s as %s', (code, problem) => {
    const check = validateDivisionCode(code);
    expect(check.valid).toBe(false);
    expect(check.problem).toBe(problem);
    expect(check.kind).toBe('DIVISION');
    expect(check.message).toEqual({ zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.any(String) });
  });

  it('explains the problem in Chinese and in English, naming the digits at fault', () => {
    expect(validateDivisionCode('990000').message?.zh).toContain('“99”');
    expect(validateDivisionCode('990000').message?.en).toContain('"99"');
    expect(validateDivisionCode('320001').message?.en).toContain('must end in 00');
  });
});

describe('divisionLevel', () => {
  it('classifies by trailing zero pairs', () => {
    expect(divisionLevel('320000')).toBe('province');
    expect(divisionLevel('320900')).toBe('prefecture');
    expect(divisionLevel('320902')).toBe('county');
    expect(divisionLevel('429004')).toBe('county');
  });
});

describe('jurisdictionPrefix', () => {
  it.each([
    [undefined, ''],
    [null, ''],
    ['', ''],
    ['320900', '3209'],
    ['320000', '32'],
    ['320902', '320902'],
    ['429004', '429004'],
    ['3209', '3209'],
    ['32', '32'],
    ['3200', '3200'],
  ])('%p -> %p', (input, expected) => {
    expect(jurisdictionPrefix(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const region of ['', '320900', '320000', '320902']) {
      const prefix = jurisdictionPrefix(region);
      expect(jurisdictionPrefix(prefix)).toBe(prefix);
    }
  });

  it.each(['3209001', '32A900', 'abc', '32%', '32_900'])('throws on %p', (input) => {
    expect(() => jurisdictionPrefix(input)).toThrow(Error);
  });
});

describe('isWithinJurisdiction', () => {
  it('matches by prefix', () => {
    expect(isWithinJurisdiction('320902', '')).toBe(true);
    expect(isWithinJurisdiction('320902', '32')).toBe(true);
    expect(isWithinJurisdiction('320902', '3209')).toBe(true);
    expect(isWithinJurisdiction('320902', '320902')).toBe(true);
    expect(isWithinJurisdiction('320903', '320902')).toBe(false);
    expect(isWithinJurisdiction('321002', '3209')).toBe(false);
    expect(isWithinJurisdiction('110105', '32')).toBe(false);
  });

  it('treats a full code passed as prefix as its jurisdiction', () => {
    expect(isWithinJurisdiction('320902', '320900')).toBe(true);
    expect(isWithinJurisdiction('321002', '320900')).toBe(false);
  });

  it('refuses a malformed prefix rather than matching', () => {
    expect(() => isWithinJurisdiction('320902', '%')).toThrow();
  });
});
