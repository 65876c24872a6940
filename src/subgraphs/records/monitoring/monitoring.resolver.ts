import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InputError, NotFoundError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { allOf, oneOf, pgArray, TRUE, when } from '../../../db/sql';
import type { RecordsContext } from '../context';
import { CreditRecord } from '../findings/credit-record.entity';
import { SubjectKind } from '../../../common/subject-kind';
import { SubjectStub, subjectStub } from '../subject.stub';
import { checkId, WorkflowObjectType } from '../lifecycle/state-machine';
import { WorkflowEvent } from '../lifecycle/workflow-event.entity';
import { EvaluationService } from './evaluation.service';
import { Evaluation, IndicatorScore, Ranking, WarningFilter } from './monitoring.types';
import { lastPeriods } from './period';
import { EarlyWarning } from './warning.entity';
import { sweepTimedWarnings } from './warning.raise';
import { WarningService } from './warning.service';
import { invalidCodeError } from '../../../identity';

const evaluations = (ctx: RecordsContext) =>
  new EvaluationService(
    ctx.em,
    ctx.viewer,
    ctx.records.today,
    ctx.records.evaluation,
    ctx.records.directory,
    ctx.services.keys,
  );

/** The records behind an item, as the viewer may see them (visibility of records.repository.ts). */
async function visibleRecords(ctx: RecordsContext, ids: string[]): Promise<CreditRecord[]> {
  return (await ctx.records.loaders.recordById.loadMany(ids)).filter(
    (r): r is CreditRecord => !!r && !(r instanceof Error),
  );
}

/**
 * A warning the caller may see (the warnings finder), else NOT_FOUND: a hidden warning is not confirmed by a refusal.
 */
async function visibleWarning(ctx: RecordsContext, id: string): Promise<EarlyWarning> {
  const [warning] = await ctx.monitoring.warnings.byIds([checkId(id)]);
  if (!warning) throw new NotFoundError(bilingual(`没有您可查看的预警 ${id}`, `no warning ${id} visible to you`));
  return warning;
}

@Resolver()
export class MonitoringResolver {
  @Query(() => [String], {
    description:
      'The periods the indicator configuration can evaluate, newest first (default the last 8 up to the current one).',
  })
  evaluationPeriods(
    @Ctx() ctx: RecordsContext,
    @Arg('last', () => Int, { defaultValue: 8, description: 'How many periods (1-40).' }) last: number,
  ): string[] {
    if (!Number.isInteger(last) || last < 1 || last > 40)
      throw new InputError(bilingual('last 应在 1 至 40 之间', 'last is between 1 and 40'), { field: 'last' });
    return lastPeriods(ctx.records.today, last, ctx.records.evaluation.periodGranularity).map((p) => p.code);
  }

  @Query(() => Evaluation, {
    nullable: true,
    description:
      'Explainable score of one department or county/district government in a period (null for a code nobody registered).',
  })
  evaluation(
    @Ctx() ctx: RecordsContext,
    @Arg('subjectCode', { description: 'USCC of the subject.' }) subjectCode: string,
    @Arg('period', { description: 'Period, e.g. 2026Q3.' }) period: string,
  ) {
    return evaluations(ctx).evaluation(subjectCode, period);
  }

  @Query(() => Ranking, {
    nullable: true,
    description:
      'Ranking of one kind (GOVERNMENT or DEPARTMENT) under a division prefix (2/4/6 digits). A published ranking is returned frozen; an unpublished one is computed now, for evaluators only.',
  })
  ranking(
    @Ctx() ctx: RecordsContext,
    @Arg('period', { description: 'Period, e.g. 2026Q3.' }) period: string,
    @Arg('kind', () => SubjectKind, {
      description:
        'GOVERNMENT (the governments one division level below the prefix) or DEPARTMENT (every department under it).',
    })
    kind: SubjectKind,
    @Arg('regionPrefix', { description: 'Division code prefix: 2, 4 or 6 digits.' }) regionPrefix: string,
  ) {
    return evaluations(ctx).ranking(period, kind, regionPrefix);
  }

  @Mutation(() => Ranking, {
    description:
      'Publishes (freezes) the ranking of an ended period: later changes to records no longer alter it. Credit office of the jurisdiction; publishing twice is CONFLICT.',
  })
  publishRanking(
    @Ctx() ctx: RecordsContext,
    @Arg('period', { description: 'Period, e.g. 2026Q3 (must have ended).' }) period: string,
    @Arg('kind', () => SubjectKind, { description: 'GOVERNMENT or DEPARTMENT.' }) kind: SubjectKind,
    @Arg('regionPrefix', { description: 'Division code prefix: 2, 4 or 6 digits, in your jurisdiction.' })
    regionPrefix: string,
  ) {
    return evaluations(ctx).publish(period, kind, regionPrefix);
  }

  @Query(() => [EarlyWarning], {
    nullable: true,
    description:
      'Early warnings you may see, newest first (credit office: all in its jurisdiction; debt system: DEBT_RISK in its jurisdiction).',
  })
  async warnings(
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => WarningFilter, { nullable: true, description: 'Conditions.' }) filter?: WarningFilter | null,
    @Arg('first', () => Int, { defaultValue: 200, description: 'At most this many (1-500).' }) first: number = 200,
  ): Promise<EarlyWarning[]> {
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw new InputError(bilingual('first 应在 1 至 500 之间', 'first is between 1 and 500'), { field: 'first' });
    if (filter?.regionPrefix != null && !/^\d{0,6}$/.test(filter.regionPrefix))
      throw new InputError(bilingual('regionPrefix 最多 6 位数字', 'regionPrefix is up to 6 digits'), {
        field: 'filter.regionPrefix',
      });
    const code = filter?.subjectCode != null ? ctx.services.keys.identify(filter.subjectCode) : undefined;
    if (code && !code.check.valid)
      throw invalidCodeError(filter?.subjectCode ?? '', code.check, { field: 'filter.subjectCode' });
    const where = allOf(
      oneOf('t.state', filter?.states),
      oneOf('t.kind', filter?.kinds),
      when(filter?.regionPrefix != null, 't.subject_region LIKE ?', `${filter?.regionPrefix}%`),
      code ? { sql: 't.subject_key = ANY(?::text[])', params: [pgArray(code.keys)] } : TRUE,
    );
    // Time rules (overdue, unresolved past a threshold) are raised here, idempotently, so the list is current.
    await sweepTimedWarnings(ctx.em, {
      directory: ctx.records.directory,
      config: ctx.records.evaluation,
      today: ctx.records.today,
    });
    return (await ctx.monitoring.warnings.page(where, first)).nodes;
  }

  @Mutation(() => EarlyWarning, { description: 'OPEN → ACKNOWLEDGED: someone is dealing with the warning.' })
  async acknowledgeWarning(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true, description: 'Who handles it, what is done.' }) note?: string | null,
  ) {
    await visibleWarning(ctx, id);
    await new WarningService(ctx.em, ctx.viewer).acknowledge(id, note);
    return visibleWarning(ctx, id);
  }

  @Mutation(() => EarlyWarning, { description: '→ CLOSED, with the reason (dealt with, unfounded, superseded).' })
  async closeWarning(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Why it is closed.' }) reason: string,
  ) {
    await visibleWarning(ctx, id);
    await new WarningService(ctx.em, ctx.viewer).close(id, reason);
    return visibleWarning(ctx, id);
  }
}

/**
 * The items of an indicator the caller may know of: the record behind it (if any) must be
 * one it may read, and the workflow object (a commitment, case, objection or repair) one its
 * finder shows it. Loaders make it one statement per kind for a whole evaluation.
 */
async function citedItems(ctx: RecordsContext, indicator: IndicatorScore): Promise<string[]> {
  const shown = await Promise.all(
    indicator.items.map(async (item) => {
      const [type, id] = item.ref.split(':');
      const object = ctx.workflows.visible[type as keyof typeof ctx.workflows.visible];
      const checks: Promise<boolean>[] = [];
      if (item.recordId) checks.push(ctx.records.loaders.recordById.load(item.recordId).then((record) => !!record));
      if (object) checks.push(object.load(id));
      return checks.length > 0 && (await Promise.all(checks)).every(Boolean);
    }),
  );
  return indicator.items.filter((_item, i) => shown[i]).map((item) => item.ref);
}

@Resolver(() => IndicatorScore)
export class IndicatorScoreResolver {
  @FieldResolver(() => [String], {
    description:
      'The items counted that you may know of, as TYPE:id (RECORD:12, COMMITMENT:3, GOVERNMENT_CASE:7, OBJECTION:5, REPAIR:2): ' +
      'an item resting on a record you may not read is not cited (see undisclosedCount).',
  })
  evidence(@Root() indicator: IndicatorScore, @Ctx() ctx: RecordsContext): Promise<string[]> {
    return citedItems(ctx, indicator);
  }

  @FieldResolver(() => Int, {
    description: 'Items counted in `value` that are not cited to you: only their number is released.',
  })
  async undisclosedCount(@Root() indicator: IndicatorScore, @Ctx() ctx: RecordsContext): Promise<number> {
    return indicator.items.length - (await citedItems(ctx, indicator)).length;
  }

  @FieldResolver(() => [CreditRecord], {
    description: 'The records behind the items counted, as far as you may see them.',
  })
  records(@Root() indicator: IndicatorScore, @Ctx() ctx: RecordsContext) {
    return visibleRecords(ctx, indicator.recordIds);
  }
}

@Resolver(() => EarlyWarning)
export class EarlyWarningResolver {
  @FieldResolver(() => SubjectStub, { description: 'The subject warned about.' })
  subject(@Root() warning: EarlyWarning): SubjectStub {
    return subjectStub(warning.subjectKey);
  }

  @FieldResolver(() => [CreditRecord], { description: 'The records that raised it, as far as you may see them.' })
  records(@Root() warning: EarlyWarning, @Ctx() ctx: RecordsContext) {
    return visibleRecords(ctx, warning.recordIds);
  }

  @FieldResolver(() => [WorkflowEvent], { description: 'Every step of the warning, oldest first.' })
  history(@Root() warning: EarlyWarning, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.EARLY_WARNING}:${warning.id}`);
  }
}
