import {
  makeResidentId,
  maskResidentId,
  normalizeCode,
  residentIdCheckChar,
  validateResidentId,
} from '../../../src/identity';
import { pick, prng } from './prng';

const TODAY = new Date(2025, 5, 15); // 2025-06-15, local time

describe('validateResidentId', () => {
  it.each([
    '11010519491231002X',
    '360426199101010071',
    '44011320141005001X',
    '120103198806018241',
    '440882198503293017',
    '11012119880808223X',
  ])('accepts %s', (code) => {
    expect(validateResidentId(code, TODAY)).toEqual({ valid: true });
    expect(validateResidentId(code)).toEqual({ valid: true });
  });

  it.each([
    ['110105194912310021', 'check'],
    ['360426199101010072', 'check'],
    ['360426199113010079', 'birth-date'], // month 13
    ['990426199112010074', 'division'], // no province 99
    ['000426199112010074', 'division'],
    ['', 'empty'],
    ['11010519491231002', 'length'],
    ['11010519491231002XX', 'length'],
    ['11010519491231002x', 'characters'],
    ['1101051949123100-X', 'characters'],
    ['11010519491231X021', 'format'],
  ])('rejects %s as %s', (code, problem) => {
    const check = validateResidentId(code, TODAY);
    expect(check.valid).toBe(false);
    expect(check.problem).toBe(problem);
    expect(check.kind).toBe('RESIDENT_ID');
    expect(check.message).toEqual({ zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.any(String) });
  });

  it('accepts a lower-case x once normalised', () => {
    expect(validateResidentId(normalizeCode(' 110105 19491231 002x '), TODAY)).toEqual({ valid: true });
  });

  it('rejects impossible calendar dates', () => {
    for (const date of ['19910230', '19910229', '19910431', '19910001', '19910100', '19911301']) {
      const code = makeIdUnchecked('360426', date, '007');
      expect(validateResidentId(code, TODAY).problem).toBe('birth-date');
    }
  });

  it('accepts 29 February in a leap year only', () => {
    expect(validateResidentId(makeResidentId('360426', '19920229', 7), TODAY).valid).toBe(true);
    expect(validateResidentId(makeResidentId('360426', '20000229', 7), TODAY).valid).toBe(true);
    expect(validateResidentId(makeIdUnchecked('360426', '19000229', '007'), TODAY).problem).toBe('birth-date');
  });

  it('rejects birth dates in the future and before 1900', () => {
    expect(validateResidentId(makeResidentId('360426', '20250615', 1), TODAY)).toEqual({ valid: true });
    const tomorrow = validateResidentId(makeResidentId('360426', '20250616', 1), TODAY);
    expect(tomorrow).toMatchObject({ valid: false, problem: 'birth-date' });
    expect(tomorrow.message?.en).toContain('future');
    expect(validateResidentId(makeResidentId('360426', '20300101', 1), TODAY).problem).toBe('birth-date');
    expect(validateResidentId(makeResidentId('360426', '19000101', 1), TODAY).valid).toBe(true);
    expect(validateResidentId(makeResidentId('360426', '18991231', 1), TODAY).problem).toBe('birth-date');
  });

  it('accepts retired county codes as long as the province exists', () => {
    // 360426 (De'an county) has been reorganised; the card numbers remain valid.
    expect(validateResidentId('360426199101010071', TODAY).valid).toBe(true);
    expect(validateResidentId(makeResidentId('119999', '19800101', 5), TODAY).valid).toBe(true);
  });
});

function makeIdUnchecked(division: string, date: string, seq: string): string {
  const first17 = division + date + seq;
  return first17 + residentIdCheckChar(first17);
}

describe('residentIdCheckChar', () => {
  it('computes ISO 7064 MOD 11-2', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('36042619910101007')).toBe('1');
    expect(residentIdCheckChar('12010319880601824')).toBe('1');
    expect(residentIdCheckChar('44088219850329301')).toBe('7');
  });

  it('throws on bad input', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow();
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow();
  });
});

describe('makeResidentId', () => {
  it('rebuilds known numbers', () => {
    expect(makeResidentId('110105', '19491231', 2)).toBe('11010519491231002X');
    expect(makeResidentId('440113', '20141005', 1)).toBe('44011320141005001X');
    expect(makeResidentId('120103', '19880601', 824)).toBe('120103198806018241');
  });

  it('generates 1,000 varied numbers that all validate', () => {
    const rand = prng(11643);
    const divisions = [
      '110105',
      '120103',
      '320902',
      '360426',
      '429004',
      '440113',
      '440882',
      '540102',
      '650102',
      '710000',
      '810000',
      '820000',
    ];
    const start = Date.UTC(1900, 0, 1);
    const end = Date.UTC(2025, 5, 15);
    const numbers = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const d = new Date(start + Math.floor(rand() * (end - start)));
      const birth = d.toISOString().slice(0, 10).replace(/-/g, '');
      const sequence = Math.floor(rand() * 1000);
      const code = makeResidentId(pick(rand, divisions), birth, sequence);
      expect(code.slice(6, 14)).toBe(birth);
      expect(code.slice(14, 17)).toBe(String(sequence).padStart(3, '0'));
      expect(validateResidentId(code, TODAY)).toEqual({ valid: true });
      numbers.add(code);
    }
    expect(numbers.size).toBe(1000);
  });

  it('throws on bad input', () => {
    expect(() => makeResidentId('11010', '19491231', 2)).toThrow();
    expect(() => makeResidentId('110105', '19491331', 2)).toThrow();
    expect(() => makeResidentId('110105', '19490230', 2)).toThrow();
    expect(() => makeResidentId('110105', '19491231', 1000)).toThrow();
    expect(() => makeResidentId('110105', '19491231', -1)).toThrow();
    expect(() => makeResidentId('110105', '19491231', 1.5)).toThrow();
  });
});

describe('maskResidentId', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId('360426199101010071')).toBe('360426********0071');
  });

  it('never reveals a short value', () => {
    expect(maskResidentId('1234567890')).toBe('**********');
    expect(maskResidentId('')).toBe('');
  });
});
