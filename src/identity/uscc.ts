import { bilingual } from '../common/language';
import { invalid as invalidAs, validCheck, type CodeCheck, type CodeProblem } from './code-check';
import { validateDivisionCode } from './division';

/** GB 32100-2015 alphabet, values 0-30: I O S V Z are left out to avoid misreading. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^i mod 31 for positions 1-17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 11714 organization code: alphabet 0-9A-Z valued 0-35, weights over chars 1-8. */
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Registration authority (char 1) -> organization categories (char 2) defined by GB 32100. */
const CATEGORY_PAIRS: ReadonlyMap<string, string> = new Map([
  ['1', '1239'],
  ['2', '19'],
  ['3', '123459'],
  ['4', '19'],
  ['5', '12349'],
  ['6', '129'],
  ['7', '129'],
  ['8', '19'],
  ['9', '123'],
  ['A', '19'],
  ['N', '1239'],
  ['Y', '1'],
]);

/** Division part used by bodies registered at national level (e.g. 531000005000160090). */
const NATIONAL_DIVISION = '100000';

/** Character code -> value in `alphabet` (-1: not in it): the check sums run for every code of a batch. */
function valueTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const USCC_VALUES = valueTable(USCC_ALPHABET);
const ORG_VALUES = valueTable(ORG_ALPHABET);

function alphabetValue(table: Int8Array, code: string, i: number, what: string): number {
  const value = table[code.charCodeAt(i)] ?? -1;
  if (value < 0) throw new Error(`Invalid character "${code[i]}" in ${what}.`);
  return value;
}

/** The check character of the code's first 17 characters (no copy of them). */
function usccCheckOf(code: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabetValue(USCC_VALUES, code, i, 'a USCC') * USCC_WEIGHTS[i]!;
  // The outer mod 31 maps a remainder of 0 to check value 0 (not 31, which has no character).
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('usccCheckChar needs exactly 17 characters.');
  return usccCheckOf(first17);
}

export function organizationCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new Error('organizationCodeCheckChar needs exactly 8 characters.');
  return organizationCheckOf(first8, 0);
}

/** The organization code check character of code[from .. from+8). */
function organizationCheckOf(code: string, from: number): string {
  let sum = 0;
  for (let i = 0; i < 8; i++)
    sum += alphabetValue(ORG_VALUES, code, from + i, 'an organization code') * ORG_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Whether every character is in the USCC alphabet (one pass, no arrays: the common case). */
function allUsccCharacters(code: string): boolean {
  for (let i = 0; i < code.length; i++) if ((USCC_VALUES[code.charCodeAt(i)] ?? -1) < 0) return false;
  return true;
}

export function usccCategory(code: string): string {
  return code.slice(0, 2);
}

export function usccDivision(code: string): string {
  return code.slice(2, 8);
}

/**
 * Validates an already normalised code (see normalizeCode). The check character alone is
 * not enough (123456789012345678 passes it), so category and division are checked too.
 *
 * Legacy decision: some early pilot codes (e.g. Fujian 91350100M0001TGQXM) fail the
 * check character in the wild. They are rejected like any other bad code: accepting them
 * would let typing errors through, and an issuing authority can re-issue a conforming code.
 * A future allow-list of known legacy codes belongs to the caller, not to this validator.
 */
export function validateUscc(code: string): CodeCheck {
  const invalid = (problem: CodeProblem, zh: string, en: string) => invalidAs('USCC', problem, bilingual(zh, en));
  if (!code) return invalid('empty', '统一社会信用代码为空。', 'The unified social credit code is empty.');
  if (code.length !== 18) {
    return invalid(
      'length',
      `统一社会信用代码应为 18 位，实际为 ${code.length} 位。`,
      `A unified social credit code has 18 characters, got ${code.length}.`,
    );
  }
  if (!allUsccCharacters(code)) {
    const bad = [...new Set([...code].filter((ch) => !USCC_ALPHABET.includes(ch)))].join(' ');
    return invalid(
      'characters',
      `统一社会信用代码中不允许出现这些字符：${bad}（不使用 I、O、S、V、Z 和小写字母）。`,
      `Characters not allowed in a unified social credit code: ${bad} (I, O, S, V, Z and lower case are never used).`,
    );
  }
  const category = usccCategory(code);
  if (!CATEGORY_PAIRS.get(category[0]!)?.includes(category[1]!)) {
    return invalid(
      'category',
      `第 1-2 位（“${category}”）不是已知的登记管理部门和机构类别代码。`,
      `"${category}" is not a known registration authority and organization category.`,
    );
  }
  const division = usccDivision(code);
  if (division !== NATIONAL_DIVISION && !validateDivisionCode(division).valid) {
    return invalid(
      'division',
      `第 3-8 位（“${division}”）不是有效的行政区划代码。`,
      `Characters 3-8 ("${division}") are not a valid administrative division code.`,
    );
  }
  return checkCharacters(code, invalid);
}

function checkCharacters(
  code: string,
  invalid: (problem: CodeProblem, zh: string, en: string) => CodeCheck,
): CodeCheck {
  if (organizationCheckOf(code, 8) !== code[16]) {
    return invalid(
      'inner-check',
      '第 17 位（组织机构代码校验码）错误，代码可能输入有误。',
      'Character 17 (organization code check) is wrong; the code was probably mistyped.',
    );
  }
  if (usccCheckOf(code) !== code[17]) {
    return invalid(
      'check',
      '第 18 位校验码错误，代码可能输入有误。',
      'The check character (character 18) is wrong; the code was probably mistyped.',
    );
  }
  return validCheck();
}

/** Builds a conforming code (demo and bulk data); inputs use the USCC alphabet. */
export function makeUscc(category2: string, division6: string, body8: string): string {
  const re = new RegExp(`^[${USCC_ALPHABET}]+$`);
  if (category2.length !== 2 || !re.test(category2)) throw new Error(`Invalid category "${category2}".`);
  if (!/^\d{6}$/.test(division6)) throw new Error(`Invalid division code "${division6}".`);
  if (body8.length !== 8 || !re.test(body8)) throw new Error(`Invalid body "${body8}".`);
  const first17 = category2 + division6 + body8 + organizationCodeCheckChar(body8);
  return first17 + usccCheckChar(first17);
}
