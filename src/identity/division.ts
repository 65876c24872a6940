import { bilingual } from '../common/language';
import { invalid as invalidAs, validCheck, type CodeCheck, type CodeProblem } from './code-check';

export type { CodeCheck, CodeProblem } from './code-check';

/** Two-digit province-level codes of GB/T 2260 (incl. 71 Taiwan, 81 Hong Kong, 82 Macao). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Six ASCII digits, checked without a regular expression (every USCC of a batch has a division). */
function sixDigits(code: string): boolean {
  for (let i = 0; i < 6; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Structural check of a GB/T 2260 code. We deliberately do not hold the full (changing)
 * list of current codes: retired codes stay meaningful in old records, so only the
 * structure and the province are checked.
 */
export function validateDivisionCode(code: string): CodeCheck {
  const invalid = (problem: CodeProblem, zh: string, en: string) => invalidAs('DIVISION', problem, bilingual(zh, en));
  if (!code) return invalid('empty', '行政区划代码为空。', 'The division code is empty.');
  if (code.length !== 6)
    return invalid(
      'length',
      `行政区划代码应为 6 位数字，实际为 ${code.length} 个字符。`,
      `A division code has 6 digits, got ${code.length} characters.`,
    );
  if (!sixDigits(code))
    return invalid('characters', '行政区划代码只能包含数字。', 'A division code may contain digits only.');
  const province = code.slice(0, 2);
  const middle = Number(code.slice(2, 4));
  const last = code.slice(4, 6);
  if (!PROVINCE_CODES.has(province))
    return invalid('division', `“${province}”不是省级行政区划代码。`, `"${province}" is not a province code.`);
  // 01-70: prefecture-level units; 90: county-level units administered by the province directly.
  if (!(middle <= 70 || middle === 90)) {
    const digits = code.slice(2, 4);
    return invalid(
      'division',
      `第 3-4 位（“${digits}”）应为 00、01-70 或 90。`,
      `Digits 3-4 ("${digits}") must be 00, 01-70 or 90.`,
    );
  }
  if (middle === 0 && last !== '00') {
    return invalid(
      'division',
      '省级代码（第 3-4 位为 00）的第 5-6 位必须为 00。',
      'A province-level code (digits 3-4 are 00) must end in 00.',
    );
  }
  return validCheck();
}

export function divisionLevel(code: string): 'province' | 'prefecture' | 'county' {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

/**
 * A jurisdiction claim as a prefix for LIKE / startsWith matching: '' is national,
 * a full 6-digit code loses its trailing 00 pairs (320900 -> 3209) so a city sees its
 * counties. Short prefixes are kept verbatim: widening them would widen access.
 */
export function jurisdictionPrefix(region: string | undefined | null): string {
  const value = (region ?? '').trim();
  if (!/^\d{0,6}$/.test(value)) throw new Error(`Invalid jurisdiction "${region}": expected 0-6 digits.`);
  if (value.length !== 6) return value;
  let prefix = value;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/** The prefix is normalised again (idempotent) so a full code passed by mistake still works. */
export function isWithinJurisdiction(regionCode: string, prefix: string): boolean {
  return regionCode.startsWith(jurisdictionPrefix(prefix));
}
