/**
 * A PostgreSQL array literal for one bound parameter (`= ANY(?::text[])`). knex would
 * otherwise expand a JS array into one placeholder per element, which turns a 1000-code
 * batch into a 1000-parameter statement with a different text for every batch size.
 */
export function pgArray(values: readonly (string | number)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i ? ',"' : '"') + arrayItem(values[i]) + '"';
  return out + '}';
}

/** pgArray whose null items stay SQL NULLs (an unquoted NULL element). */
export function pgNullableArray(values: readonly (string | number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    out += (i ? ',' : '') + (value === null ? 'NULL' : `"${arrayItem(value)}"`);
  }
  return out + '}';
}

/** One array element's text, `"` and `\\` escaped; most keys and codes have neither (no regular expression then). */
function arrayItem(value: string | number): string {
  const text = String(value);
  return text.includes('"') || text.includes('\\') ? text.replace(/["\\]/g, (c) => `\\${c}`) : text;
}

/** A piece of SQL with its `?` parameters, in order: the one shape every finder builds its row filter from. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export const TRUE: SqlFragment = Object.freeze({ sql: 'true', params: [] }) as SqlFragment;
export const NOTHING: SqlFragment = Object.freeze({ sql: 'false', params: [] }) as SqlFragment;

/** OR of the parts; a part that is `true` makes the whole `true`, `false` parts drop out (the SQL stays short). */
export function anyOf(...parts: SqlFragment[]): SqlFragment {
  if (parts.some((p) => p.sql === 'true')) return TRUE;
  const kept = parts.filter((p) => p.sql !== 'false');
  if (kept.length === 0) return NOTHING;
  if (kept.length === 1) return { sql: `(${kept[0].sql})`, params: kept[0].params };
  return { sql: `(${kept.map((p) => `(${p.sql})`).join(' OR ')})`, params: kept.flatMap((p) => p.params) };
}

export function allOf(...parts: SqlFragment[]): SqlFragment {
  if (parts.some((p) => p.sql === 'false')) return NOTHING;
  const kept = parts.filter((p) => p.sql !== 'true');
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return { sql: `(${kept[0].sql})`, params: kept[0].params };
  return { sql: `(${kept.map((p) => `(${p.sql})`).join(' AND ')})`, params: kept.flatMap((p) => p.params) };
}

/**
 * `column = ANY(values)` as one bound array parameter; no values = no narrowing (`true`),
 * the way every list filter of the API reads an empty or absent list.
 */
export function oneOf(column: string, values: readonly string[] | null | undefined, type = 'text'): SqlFragment {
  return values?.length ? { sql: `${column} = ANY(?::${type}[])`, params: [pgArray(values)] } : TRUE;
}

/** `sql` with its parameters when `condition` holds, else no narrowing: a filter's optional clause. */
export function when(condition: unknown, sql: string, ...params: unknown[]): SqlFragment {
  return condition ? { sql, params } : TRUE;
}
