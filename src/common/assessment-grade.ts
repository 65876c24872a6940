import { registerEnumType } from 'type-graphql';

/**
 * Annual assessment grades (年度考核): recorded in the archives subgraph's files, weighed by the
 * records subgraph's appointment verdicts; both declare the one enum federation merges.
 */
export enum AssessmentGrade {
  EXCELLENT = 'EXCELLENT',
  COMPETENT = 'COMPETENT',
  BASICALLY_COMPETENT = 'BASICALLY_COMPETENT',
  INCOMPETENT = 'INCOMPETENT',
}

/** What each grade is called in Chinese, for reasons and messages. */
export const ASSESSMENT_GRADE_NAMES: Record<AssessmentGrade, string> = {
  [AssessmentGrade.EXCELLENT]: '优秀',
  [AssessmentGrade.COMPETENT]: '称职',
  [AssessmentGrade.BASICALLY_COMPETENT]: '基本称职',
  [AssessmentGrade.INCOMPETENT]: '不称职',
};

registerEnumType(AssessmentGrade, {
  name: 'AssessmentGrade',
  description: 'Annual assessment grade: 优秀 / 称职 / 基本称职 / 不称职.',
});
