import { isIsoDate } from '../../../common/dates';
import { itemError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { identifyCode, invalidCodeItem, normalizeCode } from '../../../identity';
import { RecordCategory, RecordNature } from '../enums';
import type { RecordInput } from './record.input';
import { validateArrears, type ValidArrears } from './arrears.input';

export const MAX_RECORD_BATCH = 500;

function fail(index: number, field: string, zh: string, en: string): never {
  throw itemError({ index, field, message: bilingual(zh, en) });
}

/** A code that is neither a valid USCC nor a valid resident ID number fails here, before any look-up. */
function checkCode(raw: string | null | undefined, index: number, field: string): string {
  const code = normalizeCode(raw ?? '');
  const { check } = identifyCode(code);
  if (!check.valid) throw itemError(invalidCodeItem(raw ?? '', check, index, field));
  return code;
}

function text(
  value: string | null | undefined,
  index: number,
  field: string,
  max: number,
  required: boolean,
): string | null {
  const trimmed = (value ?? '').trim();
  if (required && trimmed === '') fail(index, field, '不能为空', 'must not be empty');
  if (trimmed.length > max) fail(index, field, `不能超过 ${max} 个字符`, `must be at most ${max} characters`);
  return trimmed === '' ? null : trimmed;
}

/** A pushed record after validation (subject and persons still as codes). */
export interface ValidRecord {
  index: number;
  input: RecordInput;
  externalId: string;
  title: string;
  details: string | null;
  legalBasis: string | null;
  documentNo: string | null;
  decidingAuthorityCode: string | null;
  responsibleCodes: string[];
  tolerated: boolean;
  /** The money of an ARREARS record (清欠); null for every other category. */
  arrears: ValidArrears | null;
}

/** Checks one item on its own; nothing here reads the database. */
export function validateRecordInput(input: RecordInput, index: number, today: string): ValidRecord {
  const externalId = text(input.externalId, index, 'externalId', 200, true)!;
  const title = text(input.title, index, 'title', 500, true)!;
  if (!isIsoDate(input.decidedAt)) fail(index, 'decidedAt', '须为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  if (input.decidedAt > today)
    fail(index, 'decidedAt', `不能晚于今天（${today}）`, `must not be in the future (today is ${today})`);
  if ((input.category === RecordCategory.COMMENDATION) !== (input.nature === RecordNature.HONOR)) {
    fail(
      index,
      'category',
      'COMMENDATION（表彰）对应性质 HONOR，其他类别对应 DISHONESTY',
      'COMMENDATION goes with nature HONOR, every other category with DISHONESTY',
    );
  }
  let decidingAuthorityCode: string | null = null;
  if (input.decidingAuthorityCode) {
    decidingAuthorityCode = normalizeCode(input.decidingAuthorityCode);
    if (!identifyCode(decidingAuthorityCode).types.includes('USCC'))
      fail(index, 'decidingAuthorityCode', '须为有效的统一社会信用代码', 'must be a valid USCC');
  }
  checkCode(input.subject?.code, index, 'subject.code');
  const responsibleCodes = (input.responsiblePersonCodes ?? []).map((code, i) =>
    checkCode(code, index, `responsiblePersonCodes[${i}]`),
  );
  if (input.sanctionKind && input.category !== RecordCategory.DISCIPLINARY_SANCTION)
    fail(index, 'sanctionKind', '只有纪律处分有处分种类', 'only a DISCIPLINARY_SANCTION has a sanction kind');
  if (new Set(responsibleCodes).size !== responsibleCodes.length)
    fail(index, 'responsiblePersonCodes', '同一人员出现了两次', 'names a person twice');
  const arrears = validateArrears(input.category, input.arrears, index);
  return {
    index,
    input,
    externalId,
    title,
    details: text(input.details, index, 'details', 20000, false),
    legalBasis: text(input.legalBasis, index, 'legalBasis', 2000, false),
    documentNo: text(input.documentNo, index, 'documentNo', 200, false),
    decidingAuthorityCode,
    responsibleCodes,
    tolerated: input.tolerated ?? false,
    arrears,
  };
}
