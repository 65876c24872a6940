import { bilingual, type Bilingual } from '../common/language';
import { validCheck, type CodeCheck, type CodeProblem, type CodeType, type KindDecision } from './code-check';
import { PROVINCE_CODES } from './division';
import { isResidentIdShaped, validateResidentId } from './resident-id';
import { validateUscc } from './uscc';

export type { CodeType } from './code-check';

/** Codes arrive typed by hand or copied from documents: case and spacing carry no meaning. */
export function normalizeCode(raw: string): string {
  return isNormal(raw) ? raw : raw.trim().toUpperCase().replace(/\s+/g, '');
}

/** Digits and capitals only: already normal (most codes of a batch), no new strings. */
function isNormal(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * How far a reading got: the number of its checks passed before the one that failed, the
 * check characters last. A mistyped all-digit USCC (121200004013590817) fails only its
 * check character, while read as an ID number it already fails the birth date: a USCC.
 */
const PROGRESS: Record<CodeType, Partial<Record<CodeProblem, number>>> = {
  USCC: { characters: 1, category: 2, division: 3, 'inner-check': 4, check: 5 },
  RESIDENT_ID: { characters: 1, format: 1, division: 2, 'birth-date': 4, check: 5 },
};

const KIND_NAMES: Record<CodeType, Bilingual> = {
  USCC: bilingual('统一社会信用代码', 'a unified social credit code'),
  RESIDENT_ID: bilingual('居民身份证号码', 'a resident identity number'),
};

function progress(type: CodeType, check: CodeCheck): number {
  return PROGRESS[type][check.problem!] ?? 0;
}

/** The failed reading reported, and why it was chosen, in both languages. */
function explained(type: CodeType, check: CodeCheck, other: CodeCheck, decidedBy: KindDecision): CodeCheck {
  const name = KIND_NAMES[type];
  const otherName = KIND_NAMES[type === 'USCC' ? 'RESIDENT_ID' : 'USCC'];
  const why: Bilingual =
    decidedBy === 'further'
      ? bilingual(
          `按${otherName.zh}核验在更早的一步就不符合：${other.message!.zh}`,
          `read as ${otherName.en} it fails an earlier check: ${other.message!.en}`,
        )
      : decidedBy === 'resembles-id'
        ? bilingual(
            '两种读法在同一步不符合，它是以省级代码开头的 18 位数字（或末位为 X）',
            'both readings fail as early, and it is 18 digits (or 17 and X) starting with a province code',
          )
        : bilingual(
            '两种读法在同一步不符合，它不是以省级代码开头的 18 位数字',
            'both readings fail as early, and it is not 18 digits starting with a province code',
          );
  return {
    ...check,
    decidedBy,
    otherProblem: other.problem,
    message: bilingual(
      `按${name.zh}核验：${check.message!.zh}（判断依据：${why.zh}）`,
      `Checked as ${name.en}: ${check.message!.en} (why: ${why.en})`,
    ),
  };
}

/** Neither kind: a code of the wrong length (or none) says so without guessing a kind. */
function wrongLength(normalized: string): CodeCheck {
  if (!normalized)
    return {
      valid: false,
      problem: 'empty',
      decidedBy: 'length',
      message: bilingual('代码为空。', 'The code is empty.'),
    };
  return {
    valid: false,
    problem: 'length',
    decidedBy: 'length',
    message: bilingual(
      `代码应为 18 位（统一社会信用代码或居民身份证号码），实际为 ${normalized.length} 位。`,
      `A code has 18 characters (a unified social credit code or a resident identity number), got ${normalized.length}.`,
    ),
  };
}

/**
 * Both interpretations are tried: an 18-digit string can (rarely) be valid as both.
 * When neither fits, the problem reported is the one of the reading that got further; when
 * both got as far, the one for what the input resembles. The check says which and why
 * (`kind`, `decidedBy`, `otherProblem`).
 */
export function identifyCode(normalized: string, today?: Date): { types: CodeType[]; check: CodeCheck } {
  const uscc = validateUscc(normalized);
  const resident = validateResidentId(normalized, today);
  const types: CodeType[] = [];
  if (uscc.valid) types.push('USCC');
  if (resident.valid) types.push('RESIDENT_ID');
  if (types.length > 0) return { types, check: validCheck() };
  if (normalized.length !== 18) return { types, check: wrongLength(normalized) };
  const [asUscc, asId] = [progress('USCC', uscc), progress('RESIDENT_ID', resident)];
  if (asUscc !== asId)
    return {
      types,
      check:
        asUscc > asId
          ? explained('USCC', uscc, resident, 'further')
          : explained('RESIDENT_ID', resident, uscc, 'further'),
    };
  const looksLikeId = isResidentIdShaped(normalized) && PROVINCE_CODES.has(normalized.slice(0, 2));
  return {
    types,
    check: looksLikeId
      ? explained('RESIDENT_ID', resident, uscc, 'resembles-id')
      : explained('USCC', uscc, resident, 'resembles-uscc'),
  };
}
