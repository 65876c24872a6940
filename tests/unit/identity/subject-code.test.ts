import { ENGLISH_MESSAGE } from '../../../src/common/errors';
import {
  checkDetails,
  identifyCode,
  invalidCodeError,
  normalizeCode,
  validateResidentId,
  validateUscc,
} from '../../../src/identity';

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

describe('identifyCode: which check failed, for which kind, and how the kind was decided', () => {
  const CJK = /[\u4e00-\u9fff]/;
  // A valid all-digit USCC (a public institution, 12…) with its check character mistyped.
  const mistypedUscc = '121200004013590817';

  it('reads a mistyped all-digit USCC as a USCC: read as an ID number it fails earlier, at the birth date', () => {
    expect(validateUscc('121200004013590816').valid).toBe(true);
    // 18 digits starting with a province code (12): it resembles an ID number.
    expect(validateResidentId(mistypedUscc, TODAY).problem).toBe('birth-date');
    const { types, check } = identifyCode(mistypedUscc, TODAY);
    expect(types).toEqual([]);
    expect(check).toMatchObject({
      valid: false,
      kind: 'USCC',
      problem: 'check',
      decidedBy: 'further',
      otherProblem: 'birth-date',
    });
    expect(check.message?.zh).toMatch(CJK);
    expect(check.message?.en).toMatch(
      /^Checked as a unified social credit code: .*character 18.*\(why: .*calendar date/,
    );
  });

  it('reads a mistyped ID number as an ID number: read as a USCC it fails earlier', () => {
    expect(identifyCode('110105194912310021', TODAY).check).toMatchObject({
      kind: 'RESIDENT_ID',
      problem: 'check',
      decidedBy: 'further',
      otherProblem: 'division',
    });
  });

  it('when both readings fail as early, goes by resemblance and says so', () => {
    expect(identifyCode('123456789012345678', TODAY).check).toMatchObject({
      kind: 'RESIDENT_ID',
      problem: 'birth-date',
      decidedBy: 'resembles-id',
      otherProblem: 'inner-check',
    });
    expect(identifyCode('990426199112010074', TODAY).check).toMatchObject({
      kind: 'USCC',
      problem: 'category',
      decidedBy: 'resembles-uscc',
      otherProblem: 'division',
    });
  });

  it('names no kind for a code of the wrong length', () => {
    const { check } = identifyCode('9111000060003734', TODAY);
    expect(check).toMatchObject({ valid: false, problem: 'length', decidedBy: 'length' });
    expect(check.kind).toBeUndefined();
    expect(identifyCode('', TODAY).check).toMatchObject({ problem: 'empty', decidedBy: 'length' });
  });

  it('gives the structured fields and both sentences to the error a resolver throws', () => {
    const { check } = identifyCode(mistypedUscc, TODAY);
    expect(checkDetails(check)).toEqual({
      check: 'check',
      readAs: 'USCC',
      decidedBy: 'further',
      otherCheck: 'birth-date',
    });
    const error = invalidCodeError(mistypedUscc, check, { index: 2, field: 'watchCodes' }, 'watchCodes[2]');
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      index: 2,
      field: 'watchCodes',
      check: 'check',
      readAs: 'USCC',
      decidedBy: 'further',
      otherCheck: 'birth-date',
    });
    expect(error.message).toMatch(CJK);
    expect(error.extensions[ENGLISH_MESSAGE]).toEqual(
      expect.stringMatching(/^watchCodes\[2\]: invalid code "121200004013590817": Checked as/),
    );
    expect(error.extensions[ENGLISH_MESSAGE]).not.toMatch(CJK);
  });
});
