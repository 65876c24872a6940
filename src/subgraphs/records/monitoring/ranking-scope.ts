import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { SubjectKind } from '../../../common/subject-kind';

/** Which rankings there are: of governments or departments, under a province, city or county prefix. */

/** Kinds a ranking is made of (政府 and 部门). */
export const RANKED_KINDS: ReadonlySet<SubjectKind> = new Set([SubjectKind.GOVERNMENT, SubjectKind.DEPARTMENT]);

/** BAD_USER_INPUT unless `kind` is ranked and `regionPrefix` a division prefix of 2, 4 or 6 digits. */
export function checkRanking(kind: SubjectKind, regionPrefix: string) {
  if (!RANKED_KINDS.has(kind))
    throw new InputError(bilingual('kind 须为 GOVERNMENT 或 DEPARTMENT', 'kind is GOVERNMENT or DEPARTMENT'), {
      field: 'kind',
    });
  if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(regionPrefix ?? ''))
    throw new InputError(
      bilingual(
        'regionPrefix 须为 2、4 或 6 位行政区划代码前缀',
        'regionPrefix is a division prefix of 2, 4 or 6 digits',
      ),
      { field: 'regionPrefix' },
    );
}

/**
 * Governments one level below the prefix: under a province (2 digits) its cities (xxyy00),
 * under a city (4) its counties and districts, and a county (6) itself.
 */
export function governmentLevelMatches(regionCode: string, regionPrefix: string): boolean {
  if (regionPrefix.length === 6) return regionCode === regionPrefix;
  if (regionPrefix.length === 4) return regionCode.startsWith(regionPrefix) && !regionCode.endsWith('00');
  return regionCode.startsWith(regionPrefix) && regionCode.endsWith('00') && !regionCode.endsWith('0000');
}
