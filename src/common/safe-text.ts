import { bilingual, type Bilingual } from './language';

/**
 * Text PostgreSQL cannot store as given: a NUL byte (refused by the server) or a UTF-16
 * surrogate without its pair (silently turned into U+FFFD by the driver). The gateway refuses
 * such arguments (src/gateway/input-text.ts); the file import refuses such cells per row.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with `value`, in both languages, or null when PostgreSQL can keep it. */
export function unsafeText(value: string): Bilingual | null {
  if (value.includes('\u0000')) return bilingual('含有 NUL 字符', 'contains a NUL byte');
  if (LONE_SURROGATE.test(value)) return bilingual('含有不成对的代理项', 'contains an unpaired UTF-16 surrogate');
  return null;
}

/** The same as one text, Chinese first (the gateway's argument check, src/gateway/input-text.ts). */
export function unsafeTextProblem(value: string): string | null {
  const problem = unsafeText(value);
  return problem && `${problem.zh} (${problem.en})`;
}
