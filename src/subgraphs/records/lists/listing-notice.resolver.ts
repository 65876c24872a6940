import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { parseId } from '../../../common/ids';
import type { RecordsContext } from '../context';
import { SubjectStub } from '../subject.stub';
import { Listing } from './listing.entity';
import { ListingObjectionOutcome } from './listing-status';
import { ListingObjections } from './listing-objection';
import { mayReadListingNotice } from './rules';

function objections(ctx: RecordsContext): ListingObjections {
  return new ListingObjections(ctx.em, ctx.viewer, ctx.records.selfKey, ctx.records.today, ctx.services.listRules);
}

async function reread(ctx: RecordsContext, id: string): Promise<Listing | null> {
  return (await ctx.records.listings.byIds([id]))[0] ?? null;
}

/** 告知 and 异议 of listings in notice (docs/lists.md). */
@Resolver()
export class ListingNoticeMutations {
  @Mutation(() => Listing, {
    description:
      'The subject (or its credit office for it) objects to a listing in notice, within its window (陈述、申辩): the listing waits for the authority’s decision.',
  })
  async objectToListing(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<Listing | null> {
    parseId(id);
    await objections(ctx).object(id, reason);
    return reread(ctx, id);
  }

  @Mutation(() => Listing, {
    description:
      'The list’s authority decides an objection: UPHOLD_LISTING (takes effect today) or WITHDRAW_LISTING (never takes effect), with its reasons.',
  })
  async decideListingObjection(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => ListingObjectionOutcome) outcome: ListingObjectionOutcome,
    @Arg('decision') decision: string,
  ): Promise<Listing | null> {
    parseId(id);
    await objections(ctx).decide(id, outcome, decision);
    return reread(ctx, id);
  }
}

@Resolver(() => Listing)
export class ListingNoticeFields {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The subject’s rights while in notice (告知: config/list-rules.json), for a listing with a notice window.',
  })
  rights(@Root() listing: Listing, @Ctx() ctx: RecordsContext): string | null {
    return listing.noticeEndsOn ? (ctx.services.listRules.lists[listing.listType].notice?.rights ?? null) : null;
  }
}

/** What notices add to Subject. */
@Resolver(() => SubjectStub)
export class SubjectListingNoticesResolver {
  @FieldResolver(() => [Listing], {
    nullable: true,
    description:
      'Listings of this subject that had a notice (告知) window, whatever became of them: to the subject itself and the list’s keepers of its jurisdiction.',
  })
  async listingNotices(@Root() subject: SubjectStub, @Ctx() ctx: RecordsContext): Promise<Listing[]> {
    const rules = ctx.services.listRules;
    const notices = await ctx.records.loaders.listingNotices.load(subject.codeKey);
    return notices.filter((l) =>
      mayReadListingNotice(ctx.viewer, ctx.records.selfKey, { ...l, rule: rules.lists[l.listType] }),
    );
  }
}
