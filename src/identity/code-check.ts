/**
 * The common result of every code validator, so callers (GraphQL validation, bulk import)
 * can report a machine-readable reason and a human sentence without knowing the standard.
 */
export type CodeProblem =
  'empty' | 'length' | 'characters' | 'format' | 'check' | 'inner-check' | 'category' | 'division' | 'birth-date';

export interface CodeCheck {
  valid: boolean;
  problem?: CodeProblem;
  message?: string;
}

/** A fresh object each time so a caller may annotate its result safely. */
export function validCheck(): CodeCheck {
  return { valid: true };
}

export function invalid(problem: CodeProblem, message: string): CodeCheck {
  return { valid: false, problem, message };
}
