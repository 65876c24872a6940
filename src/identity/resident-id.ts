import { bilingual } from '../common/language';
import { invalid as invalidAs, validCheck, type CodeCheck, type CodeProblem } from './code-check';
import { PROVINCE_CODES } from './division';

/** ISO 7064 MOD 11-2 weights (2^(17-i) mod 11) for positions 1-17. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const EARLIEST_BIRTH = '19000101';

export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('residentIdCheckChar needs exactly 17 digits.');
  return checkCharOf(first17);
}

/** The check character of the first 17 characters, known to be digits (no copy of them). */
function checkCharOf(code: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (code.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const X = 88;

/** Digits and X only (without regular expressions: run for every code of a batch). */
function digitsAndX(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (!isDigit(c) && c !== X) return false;
  }
  return true;
}

/** 17 digits and a digit or X: the shape of a resident identity number. */
export function isResidentIdShaped(code: string): boolean {
  if (code.length !== 18) return false;
  for (let i = 0; i < 17; i++) if (!isDigit(code.charCodeAt(i))) return false;
  const last = code.charCodeAt(17);
  return isDigit(last) || last === X;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this month; UTC avoids DST surprises.
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function localYmd(date: Date): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return pad(date.getFullYear(), 4) + pad(date.getMonth() + 1, 2) + pad(date.getDate(), 2);
}

/**
 * Only the province of the division part is checked: retired county codes are never
 * reused and remain on valid identity cards.
 */
export function validateResidentId(code: string, today?: Date): CodeCheck {
  const invalid = (problem: CodeProblem, zh: string, en: string) =>
    invalidAs('RESIDENT_ID', problem, bilingual(zh, en));
  if (!code) return invalid('empty', '居民身份证号码为空。', 'The resident identity number is empty.');
  if (code.length !== 18) {
    return invalid(
      'length',
      `居民身份证号码应为 18 位，实际为 ${code.length} 位。`,
      `A resident identity number has 18 characters, got ${code.length}.`,
    );
  }
  if (!digitsAndX(code))
    return invalid(
      'characters',
      '居民身份证号码只能包含数字和末位的 X。',
      'A resident identity number contains digits and a final X only.',
    );
  if (!isResidentIdShaped(code))
    return invalid(
      'format',
      '只有居民身份证号码的最后一位可以是 X。',
      'Only the last character of a resident identity number may be X.',
    );
  const province = code.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    return invalid(
      'division',
      `第 1-2 位（“${province}”）不是省级行政区划代码。`,
      `Characters 1-2 ("${province}") are not a province code.`,
    );
  }
  return birthDateProblem(code.slice(6, 14), today ?? new Date(), invalid) ?? checkCharacterProblem(code, invalid);
}

type Invalid = (problem: CodeProblem, zh: string, en: string) => CodeCheck;

function birthDateProblem(birth: string, today: Date, invalid: Invalid): CodeCheck | null {
  if (!isCalendarDate(birth))
    return invalid(
      'birth-date',
      `第 7-14 位（“${birth}”）不是有效的出生日期。`,
      `Characters 7-14 ("${birth}") are not a calendar date.`,
    );
  if (birth < EARLIEST_BIRTH)
    return invalid(
      'birth-date',
      `出生日期 ${birth} 早于 1900-01-01。`,
      `The birth date ${birth} is before 1900-01-01.`,
    );
  if (birth > localYmd(today))
    return invalid('birth-date', `出生日期 ${birth} 晚于今天。`, `The birth date ${birth} is in the future.`);
  return null;
}

function checkCharacterProblem(code: string, invalid: Invalid): CodeCheck {
  if (checkCharOf(code) !== code[17]) {
    return invalid(
      'check',
      '第 18 位校验码错误，号码可能输入有误。',
      'The check character (character 18) is wrong; the number was probably mistyped.',
    );
  }
  return validCheck();
}

/** Builds a conforming number (demo and bulk data); sequence parity encodes sex (odd male). */
export function makeResidentId(division6: string, birthYYYYMMDD: string, sequence: number): string {
  if (!/^\d{6}$/.test(division6)) throw new Error(`Invalid division code "${division6}".`);
  if (!/^\d{8}$/.test(birthYYYYMMDD) || !isCalendarDate(birthYYYYMMDD)) {
    throw new Error(`Invalid birth date "${birthYYYYMMDD}".`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new Error(`Invalid sequence ${sequence}: expected an integer 0-999.`);
  }
  const first17 = division6 + birthYYYYMMDD + String(sequence).padStart(3, '0');
  return first17 + residentIdCheckChar(first17);
}

/** Display form: division and last four stay, the birth date and sequence are hidden. */
export function maskResidentId(code: string): string {
  if (code.length <= 10) return '*'.repeat(code.length);
  return code.slice(0, 6) + '*'.repeat(code.length - 10) + code.slice(-4);
}
