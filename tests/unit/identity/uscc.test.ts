import {
  makeUscc,
  normalizeCode,
  organizationCodeCheckChar,
  USCC_ALPHABET,
  usccCategory,
  usccCheckChar,
  usccDivision,
  validateUscc,
} from '../../../src/identity';
import { pick, prng } from './prng';

const VALID_USCCS = [
  '91110000600037341L',
  '121200004013590816',
  '91370000728611939A',
  '531000005000160090',
  '52410000663412719U',
  '91110108551385082Q',
  '9135052155323005XL',
];

describe('USCC alphabet', () => {
  it('has 31 characters without I O S V Z', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    for (const ch of 'IOSVZ') expect(USCC_ALPHABET).not.toContain(ch);
  });
});

describe('validateUscc', () => {
  it.each(VALID_USCCS)('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true });
  });

  it.each([
    ['91110000600037341N', 'check'],
    // STANDARDS lists this as a check failure; char 17 is the GB 11714 check, which is tested first.
    ['91110000600037342L', 'inner-check'],
    ['9111000060003IOZSV', 'characters'],
    // A1 is a real pair (军队事业单位), so only the check character gives this one away.
    ['A1110000600037341L', 'check'],
    ['91110108551385082F', 'check'],
    // Passes the outer check; caught by the inner (organization code) check.
    ['123456789012345678', 'inner-check'],
    // Fujian pilot code: legacy codes failing the check are rejected by design.
    ['91350100M0001TGQXM', 'check'],
    ['', 'empty'],
    ['91110000600037341', 'length'],
    ['91110000600037341LL', 'length'],
    ['91110000600037341l', 'characters'],
    ['91110000600O37341L', 'characters'],
    ['Z1110000600037341L', 'characters'],
    ['B1110000600037341L', 'category'],
    ['94110000600037341L', 'category'],
    ['Y2110000600037341L', 'category'],
    ['91990000600037341L', 'division'],
    ['91118000600037341L', 'division'],
    ['91110001600037341L', 'division'],
    ['9111A000600037341L', 'division'],
  ])('rejects %s as %s', (code, problem) => {
    const check = validateUscc(code);
    expect(check.valid).toBe(false);
    expect(check.problem).toBe(problem);
    expect(check.kind).toBe('USCC');
    expect(check.message).toEqual({ zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.any(String) });
  });

  it('names the forbidden letters in the message', () => {
    const { message } = validateUscc('9111000060003IOZSV');
    expect(message?.zh).toContain('I O Z S V');
    expect(message?.en).toContain('I O Z S V');
  });

  it('accepts a lower-case, spaced code once normalised', () => {
    const raw = ' 9111 0000 6000 3734 1l ';
    expect(validateUscc(raw).valid).toBe(false);
    expect(normalizeCode(raw)).toBe('91110000600037341L');
    expect(validateUscc(normalizeCode(raw))).toEqual({ valid: true });
  });

  it('accepts the national division 100000 but not other non-divisions', () => {
    expect(validateUscc('531000005000160090').valid).toBe(true);
    expect(validateUscc(makeUscc('53', '100000', '50001600'))).toEqual({ valid: true });
    expect(validateUscc(makeUscc('53', '200000', '50001600')).problem).toBe('division');
  });
});

describe('check characters', () => {
  it('computes the outer check, including the value 0', () => {
    expect(usccCheckChar('91110000600037341')).toBe('L');
    expect(usccCheckChar('53100000500016009')).toBe('0');
    expect(usccCheckChar('9135052155323005X')).toBe('L');
    expect(usccCheckChar('12345678901234567')).toBe('8');
  });

  it('computes the GB 11714 inner check, including X and 0', () => {
    expect(organizationCodeCheckChar('60003734')).toBe('1');
    expect(organizationCodeCheckChar('55323005')).toBe('X');
    expect(organizationCodeCheckChar('40135908')).toBe('1');
    expect(organizationCodeCheckChar('M0001TGQ')).toBe('X');
    expect(organizationCodeCheckChar('78901234')).not.toBe('7');
  });

  it('throws on bad input', () => {
    expect(() => usccCheckChar('9111000060003734')).toThrow();
    expect(() => usccCheckChar('9111000060003734I')).toThrow();
    expect(() => organizationCodeCheckChar('6000373')).toThrow();
    expect(() => organizationCodeCheckChar('6000373*')).toThrow();
  });
});

describe('parts', () => {
  it('extracts category and division', () => {
    expect(usccCategory('91110108551385082Q')).toBe('91');
    expect(usccDivision('91110108551385082Q')).toBe('110108');
  });
});

describe('makeUscc', () => {
  it('rebuilds known codes', () => {
    expect(makeUscc('91', '110000', '60003734')).toBe('91110000600037341L');
    expect(makeUscc('53', '100000', '50001600')).toBe('531000005000160090');
    expect(makeUscc('91', '350521', '55323005')).toBe('9135052155323005XL');
  });

  it('generates 1,000 varied codes that all validate', () => {
    const rand = prng(32100);
    const categories = [
      '11',
      '12',
      '13',
      '19',
      '21',
      '31',
      '35',
      '41',
      '51',
      '52',
      '53',
      '54',
      '61',
      '71',
      '81',
      '91',
      '92',
      '93',
      'A1',
      'A9',
      'N1',
      'N2',
      'N3',
      'N9',
      'Y1',
    ];
    const divisions = [
      '100000',
      '110000',
      '110105',
      '120103',
      '320000',
      '320900',
      '320902',
      '350521',
      '429004',
      '440113',
      '510800',
      '650000',
      '659001',
      '710000',
      '810000',
      '820000',
    ];
    const bodyAlphabet = USCC_ALPHABET;
    const codes = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      let body = '';
      for (let j = 0; j < 8; j++) body += pick(rand, [...bodyAlphabet]);
      const code = makeUscc(pick(rand, categories), pick(rand, divisions), body);
      expect(code).toHaveLength(18);
      expect(code.slice(8, 16)).toBe(body);
      expect(validateUscc(code)).toEqual({ valid: true });
      codes.add(code);
    }
    expect(codes.size).toBe(1000);
  });

  it('throws on bad input', () => {
    expect(() => makeUscc('9', '110000', '60003734')).toThrow();
    expect(() => makeUscc('9I', '110000', '60003734')).toThrow();
    expect(() => makeUscc('91', '11000A', '60003734')).toThrow();
    expect(() => makeUscc('91', '110000', '6000373O')).toThrow();
    expect(() => makeUscc('91', '110000', '6000373')).toThrow();
  });
});
