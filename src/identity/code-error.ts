import { InputError, type InvalidItem } from '../common/errors';
import { bilingual } from '../common/language';
import { checkDetails, checkMessage, type CodeCheck } from './code-check';

/**
 * BAD_USER_INPUT for a code that failed its check: the check's sentence in both languages
 * (which check, for which kind, and why that kind), and its structured fields in the
 * extensions (`check`, `readAs`, `decidedBy`, `otherCheck`) next to `field` and `index`.
 * `at` names the place in a batch input (`input[3].code`) at the start of the message.
 */
export function invalidCodeError(
  raw: string,
  check: CodeCheck,
  details: { field?: string; index?: number },
  at?: string,
): InputError {
  const message = checkMessage(check);
  return new InputError(
    bilingual(
      `${at ? `${at}：` : ''}代码“${raw}”无效：${message.zh}`,
      `${at ? `${at}: ` : ''}invalid code "${raw}": ${message.en}`,
    ),
    { ...details, ...checkDetails(check) },
  );
}

/** The same for one item of a batch input (common/errors.ts itemError, invalidItems). */
export function invalidCodeItem(raw: string, check: CodeCheck, index: number, field: string): InvalidItem {
  const message = checkMessage(check);
  return {
    index,
    field,
    message: bilingual(`代码“${raw}”无效：${message.zh}`, `invalid code "${raw}": ${message.en}`),
    details: checkDetails(check),
  };
}
