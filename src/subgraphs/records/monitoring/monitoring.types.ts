import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { SubjectKind } from '../../../common/subject-kind';
import { SubjectStub } from '../subject.stub';
import type { Evidence } from './scoring';
import { WarningKind } from './warning.entity';
import { WarningState } from '../enums';

@ObjectType('IndicatorScore', {
  description: 'One indicator of an evaluation: what it counted, its weight and the points it gave.',
})
export class IndicatorScore {
  @Field({ description: 'Indicator code (config/evaluation.json).' }) code!: string;
  @Field({ description: 'Indicator name.' }) name!: string;
  @Field(() => Float, { description: 'Points per item counted (negative: a deduction).' }) weight!: number;
  @Field(() => Float, { description: 'Number of items counted.' }) value!: number;
  @Field(() => Float, { description: 'Points: value × weight, within the indicator cap.' }) score!: number;
  /**
   * Every item counted, with the record behind it; `evidence` and `undisclosedCount` cite them as far as the viewer may
   * see.
   */
  items!: Evidence[];
  /** Ids of the records behind the items; resolved with the viewer's record visibility. */
  recordIds!: string[];
}

@ObjectType('Evaluation', {
  description:
    'Explainable score of one subject in one period (监测评价), for the evaluators of its jurisdiction. ' +
    'Scores and counts are a released aggregate over all the subject’s records; ' +
    'the items behind them are cited only as far as you may read them (docs/monitoring.md).',
})
export class Evaluation {
  @Field({ description: 'Evaluation period, e.g. 2026Q3.' }) period!: string;
  @Field(() => Float, { description: 'Base score plus every indicator’s points (not below 0).' }) total!: number;
  @Field({ description: 'Version of the indicator configuration used.' }) indicatorVersion!: string;
  @Field(() => SubjectStub, { description: 'The evaluated subject.' }) subject!: SubjectStub;
  @Field(() => [IndicatorScore], { description: 'Every indicator, in configuration order.' })
  indicators!: IndicatorScore[];
}

@ObjectType('RankingEntry', { description: 'One subject’s place in a ranking.' })
export class RankingEntry {
  @Field(() => Int, { description: 'Rank, 1 = best; equal scores share a rank.' }) rank!: number;
  @Field(() => Float, { description: 'Total score.' }) score!: number;
  @Field(() => Int, { nullable: true, description: 'Rank in the previous period (null if not ranked then).' })
  previousRank?: number | null;
  @Field(() => Float, { nullable: true, description: 'Score in the previous period.' }) previousScore?: number | null;
  @Field(() => SubjectStub, { description: 'The ranked subject.' }) subject!: SubjectStub;
}

@ObjectType('Ranking', {
  description:
    'Ranking of one kind of subject under a division prefix in one period (量化排名). ' +
    'A published ranking of governments and departments is a released aggregate (公布排名): rank and score, no record behind them. ' +
    'An unpublished one is for the evaluators of the jurisdiction only.',
})
export class Ranking {
  @Field({ description: 'Evaluation period.' }) period!: string;
  @Field(() => SubjectKind, { description: 'GOVERNMENT or DEPARTMENT.' }) kind!: SubjectKind;
  @Field({ description: 'Division code prefix (2, 4 or 6 digits).' }) regionPrefix!: string;
  @Field({ description: 'Published (frozen) or computed now from the current records.' }) published!: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was published.' }) publishedAt?: Date | null;
  @Field({ description: 'Version of the indicator configuration used.' }) indicatorVersion!: string;
  @Field(() => [RankingEntry], { description: 'Entries, best first.' }) entries!: RankingEntry[];
}

@InputType('WarningFilter', { description: 'Which warnings to list; all given conditions must hold.' })
export class WarningFilter {
  @Field(() => [WarningState], { nullable: true, description: 'Only these states.' }) states?: WarningState[] | null;
  @Field(() => [WarningKind], { nullable: true, description: 'Only these kinds.' }) kinds?: WarningKind[] | null;
  @Field(() => String, { nullable: true, description: 'Only subjects whose division code starts with this.' })
  regionPrefix?: string | null;
  @Field(() => String, { nullable: true, description: 'Only this subject (USCC).' }) subjectCode?: string | null;
}
