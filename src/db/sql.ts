/**
 * A PostgreSQL array literal for one bound parameter (`= ANY(?::text[])`). knex would
 * otherwise expand a JS array into one placeholder per element, which turns a 1000-code
 * batch into a 1000-parameter statement with a different text for every batch size.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((value) => `"${String(value).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
