import { InputError } from './errors';
import { bilingual } from './language';

/** PostgreSQL's bigint maximum: every id of the hub is a bigint (bigserial) column. */
const BIGINT_MAX = 9223372036854775807n;

/** Whether `value` is an id the database can hold: 1 to 19 digits, at most the bigint maximum. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX;
}

/** The one id check of the API: returns the id, or BAD_USER_INPUT with `field` (the argument's path). */
export function parseId(value: string | null | undefined, field = 'id'): string {
  if (!isId(value)) throw new InputError(bilingual(`${field} 无效`, `invalid ${field}`), { field });
  return value;
}
