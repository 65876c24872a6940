import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { parseId } from '../../../common/ids';
import { isPersonKey } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';
import { CreditRecord } from '../findings/credit-record.entity';
import { SubjectStub, subjectStub } from '../subject.stub';
import { Listing } from './listing.entity';
import { ListingInput } from './listing.input';
import { ListingService } from './listing.service';

/** Putting subjects on lists and taking them off (list authorities, docs/credit-status.md). */
@Resolver()
export class ListingMutations {
  @Mutation(() => Listing, {
    description:
      'Puts a subject on a list (its authority, config/list-rules.json). Lists with a notice start in notice (NOTICED) and take effect after the objection window.',
  })
  async listSubject(
    @Ctx() ctx: RecordsContext,
    @Arg('input', () => ListingInput) input: ListingInput,
  ): Promise<Listing | null> {
    const service = new ListingService(ctx.em, ctx.records.directory, ctx.records.today, ctx.services.listRules);
    const id = await service.list(ctx.viewer, input, async (ids) =>
      (await ctx.records.repository.byIds(ids)).map((r) => ({
        id: r.id,
        subjectKey: r.subjectKey,
        nature: r.nature,
        status: r.status,
        severity: r.severity,
        category: r.category,
        domain: r.domain,
        publicUntil: r.publicUntil,
      })),
    );
    return ctx.records.loaders.listingById.load(id);
  }

  @Mutation(() => Listing, { description: 'Takes a subject off a list early, with the reason.' })
  async delistSubject(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<Listing | null> {
    parseId(id);
    const service = new ListingService(ctx.em, ctx.records.directory, ctx.records.today, ctx.services.listRules);
    await service.delist(ctx.viewer, id, reason);
    return (await ctx.records.listings.byIds([id]))[0] ?? null;
  }
}

@Resolver(() => Listing)
export class ListingResolver {
  @FieldResolver(() => SubjectStub, { description: 'The listed subject.' })
  subject(@Root() listing: Listing): SubjectStub {
    return subjectStub(listing.subjectKey);
  }

  @FieldResolver(() => [CreditRecord], { description: 'The records the listing rests on that are visible to you.' })
  async reasonRecords(@Root() listing: Listing, @Ctx() ctx: RecordsContext): Promise<CreditRecord[]> {
    const ids = await ctx.records.loaders.reasonRecordIds.load(listing.id);
    const records = await ctx.records.loaders.recordById.loadMany(ids);
    return records.filter((r): r is CreditRecord => !!r && !(r instanceof Error));
  }
}

/** What lists add to Subject. */
@Resolver(() => SubjectStub)
export class SubjectListingsResolver {
  @FieldResolver(() => [Listing], {
    nullable: true,
    description:
      'Listings of this subject (only those in force unless active: false; a listing in notice that never took effect is in listingNotices).',
  })
  listings(
    @Root() subject: SubjectStub,
    @Ctx() ctx: RecordsContext,
    @Arg('active', () => Boolean, { defaultValue: true }) active: boolean,
  ): Promise<Listing[]> {
    // A civil servant's listings are standing: canReadStanding has checked, the release is logged.
    if (isPersonKey(subject.codeKey)) {
      ctx.audit.note({
        resource: 'PERSON_STANDING',
        subjectKey: subject.codeKey,
        fields: ['listings'],
        outcome: 'GRANTED',
      });
    }
    return (active ? ctx.records.loaders.activeListings : ctx.records.loaders.allListings).load(subject.codeKey);
  }
}
