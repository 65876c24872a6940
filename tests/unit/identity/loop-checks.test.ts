import { normalizeCode } from '../../../src/identity';
import { isResidentIdShaped, validateResidentId } from '../../../src/identity/resident-id';
import { validateDivisionCode } from '../../../src/identity/division';
import { pick, prng } from './prng';

/**
 * The identity checks run for every code of a 500-code batch, so they test characters in loops
 * instead of regular expressions. Each loop is compared here with the expression it replaced,
 * on strings mixing what codes are typed with: digits, capitals, lower case, X, spaces, tabs,
 * full-width and other non-ASCII characters.
 */
describe('identity checks without regular expressions', () => {
  const chars = [...'0123456789', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'x', 'a', ' ', '\t', '\u3000', 'Ｘ', 'ß', '-'];
  const rand = prng(20261202);
  const samples = Array.from({ length: 20_000 }, () => {
    const length = pick(rand, [0, 1, 6, 17, 18, 18, 18, 19, 20]);
    // Mostly digits, as codes are: so long runs of valid characters occur.
    return Array.from({ length }, () => (rand() < 0.7 ? pick(rand, [...'0123456789X']) : pick(rand, chars))).join('');
  });

  it('normalizeCode equals trim, upper case and no whitespace', () => {
    for (const raw of samples) expect(normalizeCode(raw)).toBe(raw.trim().toUpperCase().replace(/\s+/g, ''));
  });

  it('isResidentIdShaped equals /^\\d{17}[\\dX]$/', () => {
    for (const raw of samples) expect(isResidentIdShaped(raw)).toBe(/^\d{17}[\dX]$/.test(raw));
  });

  it('a resident ID problem is the same as with the expressions', () => {
    for (const raw of samples.filter((s) => s.length === 18)) {
      const problem = validateResidentId(raw, new Date('2026-12-02')).problem;
      const expected = !/^[\dX]+$/.test(raw) ? 'characters' : !/^\d{17}[\dX]$/.test(raw) ? 'format' : undefined;
      if (expected) expect(problem).toBe(expected);
      else expect(['characters', 'format']).not.toContain(problem);
    }
  });

  it('a division code of six characters is refused for characters exactly when it is not six digits', () => {
    for (const raw of samples.map((s) => s.slice(0, 6)).filter((s) => s.length === 6))
      expect(validateDivisionCode(raw).problem === 'characters').toBe(!/^\d{6}$/.test(raw));
  });
});
