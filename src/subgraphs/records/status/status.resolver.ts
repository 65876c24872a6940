import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../../common/connection';
import { InputError } from '../../../common/errors';
import { isPersonKey } from '../../../identity/subject-keys';
import { checkCodes } from '../lists/blacklist';
import type { RecordsContext } from '../context';
import { CreditRecord } from '../findings/credit-record.entity';
import { BlacklistResult, CreditStatus } from './credit-status.type';
import { ListType } from '../enums';
import { Listing } from '../lists/listing.entity';
import { ListingService } from '../lists/listing.service';
import { ListingInput, RecordFilterInput } from '../findings/record.input';
import { checkRecordFilter, CreditRecordConnection } from '../findings/record.resolver';
import { releasedStatus, statusByCode } from './standing';
import { SubjectStub, subjectStub } from '../subject.stub';

export const MAX_BLACKLIST_CODES = 1000;

@Resolver()
export class StatusResolver {
  @Query(() => CreditStatus, {
    nullable: true,
    description:
      'Credit status of the subject with this code. Invalid code: BAD_USER_INPUT; unregistered: subject null.',
  })
  async creditStatus(@Ctx() ctx: RecordsContext, @Arg('code') code: string): Promise<CreditStatus> {
    const identified = ctx.services.keys.identify(code);
    if (!identified.check.valid)
      throw new InputError(`无效代码 (invalid code): ${identified.check.message ?? identified.check.problem}`, {
        field: 'code',
      });
    return statusByCode(ctx, identified.normalized, identified.keys, identified.types.includes('RESIDENT_ID'));
  }

  @Query(() => [BlacklistResult], {
    description:
      `Checks up to ${MAX_BLACKLIST_CODES} codes against the lists in force today; one row per code, in input order. ` +
      'Resident ID numbers are answered only to those entitled to the full number (see BlacklistResult.withheld).',
  })
  async blacklistCheck(
    @Ctx() ctx: RecordsContext,
    @Arg('codes', () => [String]) codes: string[],
    @Arg('listTypes', () => [ListType], { nullable: true, description: 'Lists to check (default: all).' })
    listTypes?: ListType[],
  ): Promise<BlacklistResult[]> {
    if (codes.length > MAX_BLACKLIST_CODES) {
      throw new InputError(`每次至多 ${MAX_BLACKLIST_CODES} 个代码 (at most ${MAX_BLACKLIST_CODES} codes per call)`, {
        field: 'codes',
      });
    }
    return checkCodes(
      ctx,
      codes.map((code) => ctx.services.keys.identify(code)),
      listTypes,
    );
  }

  @Mutation(() => Listing, { description: 'Puts a subject on a list (list authorities only).' })
  async listSubject(
    @Ctx() ctx: RecordsContext,
    @Arg('input', () => ListingInput) input: ListingInput,
  ): Promise<Listing | null> {
    const service = new ListingService(ctx.em, ctx.records.directory, ctx.records.today);
    const id = await service.list(ctx.viewer, input, async (ids) =>
      (await ctx.records.repository.byIds(ids)).map((r) => ({
        id: r.id,
        subjectKey: r.subjectKey,
        nature: r.nature,
        status: r.status,
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
    if (!/^\d{1,19}$/.test(id)) throw new InputError('invalid id', { field: 'id' });
    await new ListingService(ctx.em, ctx.records.directory, ctx.records.today).delist(ctx.viewer, id, reason);
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

/** What the records subgraph adds to Subject. */
@Resolver(() => SubjectStub)
export class SubjectRecordsResolver {
  // Fields this subgraph adds to Subject are nullable: if the records service is down, the
  // rest of the subject still arrives, with an error at this path.
  @FieldResolver(() => CreditStatus, { nullable: true, description: 'Credit status under the credit policy, today.' })
  creditStatus(@Root() subject: SubjectStub, @Ctx() ctx: RecordsContext): Promise<CreditStatus> {
    // Who may: canReadStanding (permissions.ts) has checked a civil servant's before.
    return releasedStatus(ctx, '', subject.codeKey, subjectStub(subject.codeKey));
  }

  @FieldResolver(() => CreditRecordConnection, {
    nullable: true,
    description: 'Records of this subject visible to you, newest first.',
  })
  async records(
    @Root() subject: SubjectStub,
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => RecordFilterInput, { nullable: true }) filter?: RecordFilterInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CreditRecordConnection> {
    const criteria = checkRecordFilter(filter);
    const size = pageSize(first);
    const rows = await ctx.records.loaders.recordPages(criteria, size, decodeCursor(after)).load(subject.codeKey);
    return toConnection(CreditRecordConnection, {
      nodes: rows.slice(0, size),
      hasNextPage: rows.length > size,
      totalCount: () => ctx.records.loaders.recordCounts(criteria).load(subject.codeKey),
      cursorOf: (node) => encodeCursor(node.id),
    });
  }

  @FieldResolver(() => [Listing], {
    nullable: true,
    description: 'Listings of this subject (only those in force unless active: false).',
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
