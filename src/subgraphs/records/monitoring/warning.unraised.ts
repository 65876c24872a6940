/**
 * The time rules' test that a row has no warning yet (warning.raise.ts, warning.opinions.ts): one probe of the unique
 * dedupe key per candidate. A scalar sub-select, not NOT EXISTS: the planner, misjudging how few pending rows are
 * overdue, turned the anti-join into a hash of every warning (tests/records/plans-at-scale.test.ts). Its parameter
 * is the rule's dedupe-key prefix, e.g. `COMMITMENT_OVERDUE:COMMITMENT:`.
 */
export const unraised = (idColumn: string): string =>
  `(SELECT 1 FROM records.early_warning w WHERE w.dedupe_key = ? || ${idColumn}) IS NULL`;
