import { normalizeCode, validateResidentId, validateUscc } from '../../../identity';
import { bilingual, type Bilingual } from '../../../common/language';
import { itemLabel, type SgsKey, type SgsRow } from './items';

/**
 * A row refused, naming the item at fault (null: the row as a whole). `text` is the reason
 * in both languages, after the item's label; the row report picks the caller's language.
 */
export class RowError extends Error {
  readonly text: Bilingual;

  constructor(
    readonly item: SgsKey | null,
    message: Bilingual,
  ) {
    const text = item ? labelled(item, message) : message;
    super(text.zh);
    this.text = text;
  }
}

/** `处罚决定日期 (cf_jdrq)：…`: a reason after the label of the item it is about. */
export function labelled(item: SgsKey, message: Bilingual): Bilingual {
  return bilingual(`${itemLabel(item)}：${message.zh}`, `${itemLabel(item)}: ${message.en}`);
}

/** The item's text; refused when empty, `why` saying when the item is required. */
export function needed(row: SgsRow, key: SgsKey, why: Bilingual = bilingual('', '')): string {
  if (row[key] === '') throw new RowError(key, bilingual(`不能为空${why.zh}`, `is required${why.en}`));
  return row[key];
}

/** The item as a valid unified social credit code, normalised. */
export function checkUscc(row: SgsRow, key: SgsKey): string {
  const code = normalizeCode(row[key]);
  const check = validateUscc(code);
  if (!check.valid)
    throw new RowError(
      key,
      bilingual(
        `“${row[key]}”不是有效的统一社会信用代码：${check.message?.zh}`,
        `"${row[key]}" is not a valid unified social credit code: ${check.message?.en}`,
      ),
    );
  return code;
}

/** The item as a valid resident identity number (checked as of `today`), normalised. */
export function checkResidentId(row: SgsRow, key: SgsKey, today: string): string {
  const code = normalizeCode(row[key]);
  const check = validateResidentId(code, new Date(`${today}T12:00:00Z`));
  if (!check.valid)
    throw new RowError(
      key,
      bilingual(
        `“${row[key]}”不是有效的居民身份证号码：${check.message?.zh}`,
        `"${row[key]}" is not a valid resident identity number: ${check.message?.en}`,
      ),
    );
  return code;
}
