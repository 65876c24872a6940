import { identifyCode, normalizeCode, validateResidentId, validateUscc } from '../../../src/identity';

const TODAY = new Date(2025, 5, 15);

describe('normalizeCode', () => {
  it('trims, upper-cases and removes internal whitespace', () => {
    expect(normalizeCode('  91110000600037341l ')).toBe('91110000600037341L');
    expect(normalizeCode('9111 0000 6000 3734 1l')).toBe('91110000600037341L');
    expect(normalizeCode('110105 19491231 002x')).toBe('11010519491231002X');
    expect(normalizeCode('\t9135052155323005xl\n')).toBe('9135052155323005XL');
    expect(normalizeCode('')).toBe('');
  });
});

describe('identifyCode', () => {
  it('identifies USCCs', () => {
    for (const code of ['91110000600037341L', '531000005000160090', '121200004013590816']) {
      expect(identifyCode(code, TODAY)).toEqual({ types: ['USCC'], check: { valid: true } });
    }
  });

  it('identifies resident ID numbers', () => {
    for (const code of ['11010519491231002X', '120103198806018241', '440882198503293017']) {
      expect(identifyCode(code, TODAY)).toEqual({ types: ['RESIDENT_ID'], check: { valid: true } });
    }
  });

  it('identifies normalised lower-case input', () => {
    expect(identifyCode(normalizeCode('9135052155323005xl'), TODAY).types).toEqual(['USCC']);
    expect(identifyCode(normalizeCode('11012119880808223x'), TODAY).types).toEqual(['RESIDENT_ID']);
  });

  it('lists both interpretations when a string is valid as both', () => {
    const code = '113201198001010457';
    expect(validateUscc(code).valid).toBe(true);
    expect(validateResidentId(code, TODAY).valid).toBe(true);
    expect(identifyCode(code, TODAY)).toEqual({ types: ['USCC', 'RESIDENT_ID'], check: { valid: true } });
  });

  it('reports the resident-ID problem for what looks like an ID number', () => {
    expect(identifyCode('110105194912310021', TODAY).check).toMatchObject({ valid: false, problem: 'check' });
    expect(identifyCode('360426199113010079', TODAY).check).toMatchObject({ valid: false, problem: 'birth-date' });
    expect(identifyCode('123456789012345678', TODAY)).toMatchObject({
      types: [],
      check: { valid: false, problem: 'birth-date' },
    });
    expect(identifyCode('360426203001010071', TODAY).check.problem).toBe('birth-date');
  });

  it('reports the USCC problem otherwise', () => {
    expect(identifyCode('91110000600037341N', TODAY)).toMatchObject({
      types: [],
      check: { valid: false, problem: 'check' },
    });
    expect(identifyCode('9111000060003IOZSV', TODAY).check.problem).toBe('characters');
    expect(identifyCode('91350100M0001TGQXM', TODAY).check.problem).toBe('check');
    // 99 is no province, so this is not read as an ID number.
    expect(identifyCode('990426199112010074', TODAY).check.problem).toBe('category');
    expect(identifyCode('', TODAY).check.problem).toBe('empty');
    expect(identifyCode('9111000060003734', TODAY).check.problem).toBe('length');
  });

  it('defaults today to the current date', () => {
    expect(identifyCode('11010519491231002X').types).toEqual(['RESIDENT_ID']);
  });
});
