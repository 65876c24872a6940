import { addDays, isIsoDate } from '../../../../common/dates';
import { InputError, refuseInvalid, type InvalidItem } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import type { DirectoryEntry, SubjectDirectory } from '../../../../common/subject-directory';
import { SubjectKind } from '../../../../common/subject-kind';
import { invalidCodeItem } from '../../../../identity/code-error';
import type { SubjectKeys } from '../../../../identity/subject-keys';
import { requestsOpinionOn } from '../rules';

/** Persons per requestIntegrityOpinion call. */
export const MAX_OPINION_PERSONS = 200;
/** Latest due date, in days from today (廉政意见 is answered within days or weeks, not months). */
export const MAX_OPINION_DAYS = 60;

/** Due date when none is given, in days from today. */
export const DEFAULT_OPINION_DAYS = 15;

/** dueOn (default today + DEFAULT_OPINION_DAYS) is a date after today and at most MAX_OPINION_DAYS ahead. */
export function checkDueOn(given: string | null | undefined, today: string): string {
  const dueOn = given ?? addDays(today, DEFAULT_OPINION_DAYS);
  if (!isIsoDate(dueOn) || dueOn <= today || dueOn > addDays(today, MAX_OPINION_DAYS))
    throw new InputError(
      bilingual(
        `dueOn 须为今天之后 ${MAX_OPINION_DAYS} 天内的日期`,
        `dueOn must be a date after today, at most ${MAX_OPINION_DAYS} days ahead`,
      ),
      { field: 'dueOn' },
    );
  return dueOn;
}

interface Asked {
  index: number;
  raw: string;
  key: string;
}

/** Each code a valid resident ID number, or its item (BAD_USER_INPUT for all of them at once). */
function identifyAll(keys: SubjectKeys, codes: string[]): Asked[] {
  const invalid: InvalidItem[] = [];
  const asked = codes.flatMap((raw, index) => {
    const code = keys.identify(raw);
    const at = code.types.indexOf('RESIDENT_ID');
    if (!code.check.valid) invalid.push(invalidCodeItem(raw, code.check, index, 'personCodes'));
    else if (at < 0)
      invalid.push({
        index,
        field: 'personCodes',
        message: bilingual(`“${raw}”不是公民身份号码`, `"${raw}" is not a resident ID number`),
      });
    else return [{ index, raw, key: code.keys[at] }];
    return [];
  });
  refuseInvalid(invalid);
  return asked;
}

/**
 * The distinct registered civil servants named (input order), each one the caller may ask about
 * (`mayAsk`: requestsOpinionOn). An unregistered number and a person the caller may not ask about
 * get the same refusal (FORBIDDEN, every item in `extensions.invalid[]`, reason = the step right):
 * the answer does not tell whether the person is registered.
 */
export async function resolveCandidates(
  keys: SubjectKeys,
  directory: SubjectDirectory,
  codes: string[],
  mayAsk: (entry: DirectoryEntry) => boolean,
): Promise<DirectoryEntry[]> {
  if (codes.length === 0 || codes.length > MAX_OPINION_PERSONS)
    throw new InputError(
      bilingual(`须指定 1 至 ${MAX_OPINION_PERSONS} 人`, `name 1 to ${MAX_OPINION_PERSONS} persons`),
      { field: 'personCodes' },
    );
  const asked = identifyAll(keys, codes);
  const found = new Map((await directory.lookup([...new Set(asked.map((a) => a.key))])).map((e) => [e.key, e]));
  const refused: InvalidItem[] = [];
  const persons = new Map<string, DirectoryEntry>();
  for (const { index, key } of asked) {
    const entry = found.get(key);
    if (entry && entry.kind === SubjectKind.PUBLIC_SERVANT && mayAsk(entry)) persons.set(key, entry);
    else
      refused.push({
        index,
        field: 'personCodes',
        message: requestsOpinionOn.refusal,
        details: { reason: requestsOpinionOn.name },
      });
  }
  refuseInvalid(refused, 'FORBIDDEN');
  return [...persons.values()];
}
