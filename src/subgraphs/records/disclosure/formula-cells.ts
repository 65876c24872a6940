/**
 * CSV formula injection (OWASP "CSV Injection"): a cell that begins with = + - @ (or their
 * full-width forms), a tab or a carriage return is evaluated by Excel/WPS when the file is
 * opened, so `=HYPERLINK(…)` pushed through submitRecords would come out live. Every CSV the
 * hub writes uses csv-stringify's `escape_formulas`, which puts a `'` before such a cell
 * (numbers are never written as numbers here: all cells are text).
 */
export const CSV_FORMULA_ESCAPE = { escape_formulas: true } as const;

/** A cell as escape_formulas writes it: the apostrophe and the character it protects. */
const ESCAPED = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * The import's inverse, so that an exported file re-imports unchanged: a leading `'` before
 * one of those characters is the export's mark and is dropped (`'-` → `-`, `'=1+1` → `=1+1`).
 * A file that means a literal apostrophe there loses it; docs/sgs.md says so.
 */
export function unescapeFormulaCell(value: string): string {
  return ESCAPED.test(value) ? value.slice(1) : value;
}
