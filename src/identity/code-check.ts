import type { Bilingual } from '../common/language';

/**
 * The common result of every code validator, so callers (GraphQL validation, bulk import)
 * can report a machine-readable reason and a human sentence without knowing the standard.
 */
export type CodeProblem =
  'empty' | 'length' | 'characters' | 'format' | 'check' | 'inner-check' | 'category' | 'division' | 'birth-date';

/** The two kinds of subject code (GB 32100 and GB 11643). */
export type CodeType = 'USCC' | 'RESIDENT_ID';

/** What a code was checked as. */
export type CodeKind = CodeType | 'DIVISION';

/**
 * How identifyCode decided what a code of unknown kind was checked as:
 * `length` — too short or long to be either (no kind); `further` — this reading passed more
 * of its checks than the other; `resembles-id` / `resembles-uscc` — both failed as far, and it
 * is (or is not) 18 digits starting with a province code.
 */
export type KindDecision = 'length' | 'further' | 'resembles-id' | 'resembles-uscc';

export interface CodeCheck {
  valid: boolean;
  problem?: CodeProblem;
  /** What the code was checked as; absent when it could not be told (`decidedBy: length`). */
  kind?: CodeKind;
  /** For a code of unknown kind: how its kind was decided (subject-code.ts identifyCode). */
  decidedBy?: KindDecision;
  /** For a code of unknown kind: what the other reading failed on. */
  otherProblem?: CodeProblem;
  message?: Bilingual;
}

/** A fresh object each time so a caller may annotate its result safely. */
export function validCheck(): CodeCheck {
  return { valid: true };
}

export function invalid(kind: CodeKind | undefined, problem: CodeProblem, message: Bilingual): CodeCheck {
  return { valid: false, problem, ...(kind ? { kind } : {}), message };
}

/**
 * A failed check's structured fields for an error's extensions: `check` (the problem),
 * `readAs` (the kind), `decidedBy` and `otherCheck`; clients branch on these, not on words.
 */
export function checkDetails(check: CodeCheck): Record<string, string> {
  const details: Record<string, string> = {};
  if (check.problem) details.check = check.problem;
  if (check.kind) details.readAs = check.kind;
  if (check.decidedBy) details.decidedBy = check.decidedBy;
  if (check.otherProblem) details.otherCheck = check.otherProblem;
  return details;
}

/** The sentence of a failed check, in both languages (a generic one if it has none). */
export function checkMessage(check: CodeCheck): Bilingual {
  return (
    check.message ?? {
      zh: `代码无效（${check.problem ?? 'invalid'}）`,
      en: `invalid code (${check.problem ?? 'invalid'})`,
    }
  );
}
