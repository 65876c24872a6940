import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RecordsContext } from '../context';
import { CreditRecord } from '../findings/credit-record.entity';
import { AppointmentVerdict } from '../policy/appointment-rules';
import { AppointmentCandidateStub, AppointmentReason, REQUIRES_GRADES, type Judgement } from './candidate.types';
import { judge } from './verdict';

/** Judged once per candidate, whichever of its fields is asked first. */
function judgementOf(ctx: RecordsContext, candidate: AppointmentCandidateStub): Promise<Judgement> {
  return (candidate.judgement ??= judge(ctx, candidate));
}

@Resolver(() => AppointmentCandidateStub)
export class AppointmentCandidateResolver {
  @FieldResolver(() => AppointmentVerdict, {
    description:
      'CLEAR, ATTENTION or RESTRICTED under the verdict rules (docs/archives.md), over every fact, including those only counted in undisclosedReasonCount.',
  })
  @Directive(REQUIRES_GRADES)
  async verdict(@Root() candidate: AppointmentCandidateStub, @Ctx() ctx: RecordsContext): Promise<AppointmentVerdict> {
    return (await judgementOf(ctx, candidate)).verdict;
  }

  @FieldResolver(() => [AppointmentReason], { description: 'The reasons you may be told, heaviest rules first.' })
  @Directive(REQUIRES_GRADES)
  async reasons(@Root() candidate: AppointmentCandidateStub, @Ctx() ctx: RecordsContext): Promise<AppointmentReason[]> {
    return (await judgementOf(ctx, candidate)).reasons;
  }

  @FieldResolver(() => Int, {
    description: 'Reasons that weigh in the verdict but rest on what you may not see (e.g. a record’s disclosure).',
  })
  @Directive(REQUIRES_GRADES)
  async undisclosedReasonCount(@Root() candidate: AppointmentCandidateStub, @Ctx() ctx: RecordsContext) {
    return (await judgementOf(ctx, candidate)).undisclosedReasonCount;
  }
}

@Resolver(() => AppointmentReason)
export class AppointmentReasonResolver {
  @FieldResolver(() => CreditRecord, {
    nullable: true,
    description:
      'The record the reason rests on (a sanction or a serious record), as far as you may see it; else null.',
  })
  record(@Root() reason: AppointmentReason, @Ctx() ctx: RecordsContext): Promise<CreditRecord | null> | null {
    const id = reason.recordId ?? reason.sanction?.recordId;
    return id ? ctx.records.loaders.recordById.load(id) : null;
  }
}
