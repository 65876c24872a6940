import { checkDetails, checkMessage, invalidCodeItem, validateDivisionCode, type CodeCheck } from '../../identity';
import type { IdentifiedCode, SubjectKeys } from '../../identity/subject-keys';
import { itemError } from '../../common/errors';
import { bilingual, type Bilingual } from '../../common/language';
import { SubjectKind, USCC_CATEGORIES_BY_KIND } from '../../common/subject-kind';

/** A registration input after validation: codes normalised and turned into look-up keys. */
export interface ValidSubject {
  index: number;
  kind: SubjectKind;
  name: string;
  code: IdentifiedCode;
  key: string;
  regionCode: string;
  parentKey?: string;
  position?: string;
  managedByKey?: string;
}

export interface SubjectDraft {
  kind: SubjectKind;
  name: string;
  code: string;
  regionCode: string;
  parentCode?: string | null;
  position?: string | null;
  managedByCode?: string | null;
}

export const MAX_NAME_LENGTH = 200;
const ORGANIZATION_KINDS = new Set(Object.keys(USCC_CATEGORIES_BY_KIND));

function fail(index: number, field: string, message: Bilingual, details?: Record<string, unknown>): never {
  throw itemError({ index, field, message, details });
}

/** A code that failed its check: the check's sentence, and its structured fields (`check`, `readAs`, …). */
function failCheck(index: number, field: string, raw: string, check: CodeCheck): never {
  throw itemError(invalidCodeItem(raw, check, index, field));
}

/** Validates the code against the kind; returns the identified code and its key. */
export function validateSubjectCode(
  keys: SubjectKeys,
  kind: SubjectKind,
  raw: string,
  index: number,
  field: string,
): { code: IdentifiedCode; key: string } {
  const code = keys.identify(raw ?? '');
  if (!code.check.valid) failCheck(index, field, raw, code.check);
  if (kind === SubjectKind.PUBLIC_SERVANT) {
    if (!code.types.includes('RESIDENT_ID'))
      fail(
        index,
        field,
        bilingual('公务员以居民身份证号码标识', 'a civil servant is identified by a resident identity number'),
      );
    return { code, key: keys.keyFor(code.normalized, 'RESIDENT_ID') };
  }
  if (!code.types.includes('USCC'))
    fail(
      index,
      field,
      bilingual(`${kind} 以统一社会信用代码标识`, `a ${kind} is identified by a unified social credit code`),
    );
  const category = code.normalized.slice(0, 2);
  const allowed = USCC_CATEGORIES_BY_KIND[kind as keyof typeof USCC_CATEGORIES_BY_KIND];
  if (!allowed.includes(category)) {
    fail(
      index,
      field,
      bilingual(
        `统一社会信用代码类别 ${category} 与主体类型 ${kind} 不符（应为 ${allowed.join('、')}）`,
        `USCC category ${category} does not fit kind ${kind} (expected ${allowed.join(', ')})`,
      ),
    );
  }
  return { code, key: code.normalized };
}

/** Key of a referenced organization (parent, managing department): must be a valid USCC. */
function organizationKey(keys: SubjectKeys, raw: string, index: number, field: string): string {
  const code = keys.identify(raw);
  if (!code.check.valid || !code.types.includes('USCC'))
    fail(
      index,
      field,
      bilingual(`“${raw}”不是有效的统一社会信用代码`, `"${raw}" is not a valid unified social credit code`),
      code.check.valid ? {} : checkDetails(code.check),
    );
  return code.normalized;
}

/** Checks one item on its own (references to other subjects are checked by the service). */
export function validateSubjectDraft(keys: SubjectKeys, draft: SubjectDraft, index: number): ValidSubject {
  const name = (draft.name ?? '').trim();
  if (name === '') fail(index, 'name', bilingual('不能为空', 'must not be empty'));
  if (name.length > MAX_NAME_LENGTH)
    fail(
      index,
      'name',
      bilingual(`不能超过 ${MAX_NAME_LENGTH} 个字符`, `must be at most ${MAX_NAME_LENGTH} characters`),
    );
  const { code, key } = validateSubjectCode(keys, draft.kind, draft.code, index, 'code');
  const region = validateDivisionCode((draft.regionCode ?? '').trim());
  if (!region.valid) fail(index, 'regionCode', checkMessage(region), checkDetails(region));
  const person = draft.kind === SubjectKind.PUBLIC_SERVANT;
  const position = draft.position?.trim() || undefined;
  if (position && !person)
    fail(index, 'position', bilingual('只有公务员有职务', 'only civil servants have a position'));
  if (draft.managedByCode && !person)
    fail(index, 'managedByCode', bilingual('只有公务员有管理部门', 'only civil servants have a managing department'));
  const parentKey = draft.parentCode ? organizationKey(keys, draft.parentCode, index, 'parentCode') : undefined;
  if (parentKey === key)
    fail(index, 'parentCode', bilingual('主体不能是自己的上级', 'a subject cannot be its own parent'));
  const managedByKey = draft.managedByCode
    ? organizationKey(keys, draft.managedByCode, index, 'managedByCode')
    : undefined;
  if (!person && !ORGANIZATION_KINDS.has(draft.kind))
    fail(index, 'kind', bilingual(`未知的主体类型 ${draft.kind}`, `unknown kind ${draft.kind}`));
  return {
    index,
    kind: draft.kind,
    name,
    code,
    key,
    regionCode: draft.regionCode.trim(),
    parentKey,
    position,
    managedByKey,
  };
}
