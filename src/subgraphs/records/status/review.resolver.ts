import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { CreditRecord } from '../findings/credit-record.entity';
import { DepositRelief } from '../lists/interception.type';
import { CheckContext } from '../policy/interception';
import { depositRelief } from '../policy/interception-decision';
import { CreditStatus } from './credit-status.type';
import { reviewCodes } from './review';
import { CreditReview } from './review.type';

export const MAX_REVIEW_CODES = 1000;

/** creditReview: the batch review of approval, funding, honours and procurement systems (docs/interception.md). */
@Resolver(() => CreditReview)
export class CreditReviewResolver {
  @Query(() => [CreditReview], {
    // Denied to anonymous and SUBJECT callers: nullable so a refusal nulls this field, not the whole answer.
    nullable: true,
    description:
      `Reviews up to ${MAX_REVIEW_CODES} codes for a context: level, score, records in force, listings, measures, breached commitments and ` +
      'the interception policy’s decision; one row per code, in input order, invalid codes as rows. Government systems only.',
  })
  async creditReview(
    @Ctx() ctx: RecordsContext,
    @Arg('codes', () => [String]) codes: string[],
    @Arg('context', () => CheckContext, {
      description: 'Where the review is used; the policy of that context decides.',
    })
    context: CheckContext,
  ): Promise<CreditReview[]> {
    if (codes.length > MAX_REVIEW_CODES)
      throw new InputError(
        bilingual(`每次至多 ${MAX_REVIEW_CODES} 个代码`, `at most ${MAX_REVIEW_CODES} codes per call`),
        { field: 'codes' },
      );
    return reviewCodes(
      ctx,
      codes.map((code) => ctx.services.keys.identify(code)),
      context,
    );
  }

  @FieldResolver(() => [CreditRecord], {
    description:
      'The dishonesty records in force you may read (the counts may include others, for a person’s standing).',
  })
  async records(@Root() review: CreditReview, @Ctx() ctx: RecordsContext): Promise<CreditRecord[]> {
    const found = await ctx.records.loaders.recordById.loadMany(review.recordIds);
    return found.filter((r): r is CreditRecord => r instanceof CreditRecord);
  }
}

/** 信易购 on the credit status: the relief its level earns in procurement. */
@Resolver(() => CreditStatus)
export class CreditStatusReliefResolver {
  @FieldResolver(() => DepositRelief, {
    nullable: true,
    description:
      '信易购: the performance deposit (履约保证金) relief the level earns in procurement (context PROCUREMENT); null without a level.',
  })
  depositRelief(@Root() status: CreditStatus, @Ctx() ctx: RecordsContext): DepositRelief | null {
    if (status.level === null) return null;
    const clean = status.seriousDishonestyCount === 0 && status.activeListings.length === 0;
    return depositRelief(status.level, clean, ctx.records.interception);
  }
}
