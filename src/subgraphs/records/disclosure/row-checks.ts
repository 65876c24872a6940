import { normalizeCode, validateResidentId, validateUscc } from '../../../identity';
import { itemLabel, type SgsKey, type SgsRow } from './items';

/** A row refused, naming the item at fault (null: the row as a whole). */
export class RowError extends Error {
  constructor(
    readonly item: SgsKey | null,
    message: string,
  ) {
    super(item ? `${itemLabel(item)}: ${message}` : message);
  }
}

export function needed(row: SgsRow, key: SgsKey, why = ''): string {
  if (row[key] === '') throw new RowError(key, `is required${why}`);
  return row[key];
}

/** The item as a valid unified social credit code, normalised. */
export function checkUscc(row: SgsRow, key: SgsKey): string {
  const code = normalizeCode(row[key]);
  const check = validateUscc(code);
  if (!check.valid)
    throw new RowError(key, `"${row[key]}" is not a valid unified social credit code: ${check.message?.en}`);
  return code;
}

/** The item as a valid resident identity number (checked as of `today`), normalised. */
export function checkResidentId(row: SgsRow, key: SgsKey, today: string): string {
  const code = normalizeCode(row[key]);
  const check = validateResidentId(code, new Date(`${today}T12:00:00Z`));
  if (!check.valid)
    throw new RowError(key, `"${row[key]}" is not a valid resident identity number: ${check.message?.en}`);
  return code;
}
