import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/connection';
import { InputError } from '../../common/errors';
import type { DirectoryEntry } from '../../common/subject-directory';
import type { RecordsContext } from './context';
import { CreditRecord } from './credit-record.entity';
import { BlacklistResult, CreditStatus, ScoreReason } from './credit-status.type';
import { ListType } from './enums';
import { Listing } from './listing.entity';
import { ListingService } from './listing.service';
import { ListingInput, RecordFilterInput } from './record.input';
import { checkRecordFilter, CreditRecordConnection } from './record.resolver';
import { SubjectStub, subjectStub } from './subject.stub';

export const MAX_BLACKLIST_CODES = 1000;

function subjectOf(keys: readonly string[], visible: ReadonlyMap<string, DirectoryEntry>): SubjectStub | null {
  const entry = keys.map((k) => visible.get(k)).find((e) => e !== undefined);
  return entry ? subjectStub(entry.key, entry.name) : null;
}

/** `known`: the registered subject, if any; `visible` decides whether it is referred to. */
async function statusFor(ctx: RecordsContext, code: string, known: Pick<DirectoryEntry, 'key' | 'visible'> & { name?: string } | undefined): Promise<CreditStatus> {
  const subjectKey = known?.key;
  const status = Object.assign(new CreditStatus(), {
    code,
    subject: known?.visible ? subjectStub(known.key, known.name) : null,
    level: null,
    score: null,
    activeDishonestyCount: 0,
    seriousDishonestyCount: 0,
    activeListings: [],
    reasons: [],
    asOf: ctx.records.today,
    policyVersion: ctx.records.policy.version,
  });
  if (!subjectKey) return status;
  const { score, listings } = await ctx.records.loaders.score.load(subjectKey);
  return Object.assign(status, {
    level: score.level,
    score: score.score,
    activeDishonestyCount: score.activeDishonestyCount,
    seriousDishonestyCount: score.seriousDishonestyCount,
    activeListings: listings,
    reasons: score.reasons.map((r) => Object.assign(new ScoreReason(), { kind: r.kind, sourceId: r.id, points: r.points, explanation: r.explanation })),
  });
}

@Resolver()
export class StatusResolver {
  @Query(() => CreditStatus, { nullable: true, description: 'Credit status of the subject with this code. Invalid code: BAD_USER_INPUT; unregistered: subject null.' })
  async creditStatus(@Ctx() ctx: RecordsContext, @Arg('code') code: string): Promise<CreditStatus> {
    const identified = ctx.services.keys.identify(code);
    if (!identified.check.valid) throw new InputError(`invalid code: ${identified.check.message ?? identified.check.problem}`, { field: 'code' });
    const known = await ctx.records.directory.lookup(identified.keys, ctx.records.directoryViewer);
    return statusFor(ctx, identified.normalized, known[0]);
  }

  @Query(() => [BlacklistResult], {
    description: `Checks up to ${MAX_BLACKLIST_CODES} codes against the lists in force today; one row per code, in input order.`,
  })
  async blacklistCheck(
    @Ctx() ctx: RecordsContext,
    @Arg('codes', () => [String]) codes: string[],
    @Arg('listTypes', () => [ListType], { nullable: true, description: 'Lists to check (default: all).' }) listTypes?: ListType[],
  ): Promise<BlacklistResult[]> {
    if (codes.length > MAX_BLACKLIST_CODES) throw new InputError(`at most ${MAX_BLACKLIST_CODES} codes per call`, { field: 'codes' });
    const identified = codes.map((code) => ctx.services.keys.identify(code));
    const keys = [...new Set(identified.flatMap((c) => c.keys))];
    // Subjects the registry would answer null for (unknown, or a civil servant the caller may
    // not see) get no Subject reference: the gateway would otherwise fetch and reject each.
    const [listings, known] = keys.length
      ? await Promise.all([
          ctx.records.listings.bySubjectKeys(keys, { activeOnly: true, types: listTypes }),
          ctx.records.directory.lookup(keys, ctx.records.directoryViewer),
        ])
      : [[], []];
    const visible = new Map(known.filter((entry) => entry.visible).map((entry) => [entry.key, entry]));
    const byKey = new Map<string, Listing[]>();
    for (const listing of listings) byKey.set(listing.subjectKey, [...(byKey.get(listing.subjectKey) ?? []), listing]);
    return identified.map((code) => {
      const matches = code.keys.flatMap((key) => byKey.get(key) ?? []);
      return Object.assign(new BlacklistResult(), {
        code: code.normalized,
        valid: code.check.valid,
        problem: code.check.valid ? null : (code.check.message ?? code.check.problem ?? 'invalid'),
        listed: matches.length > 0,
        subject: subjectOf(code.keys, visible),
        listings: matches,
      });
    });
  }

  @Mutation(() => Listing, { description: 'Puts a subject on a list (list authorities only).' })
  async listSubject(@Ctx() ctx: RecordsContext, @Arg('input', () => ListingInput) input: ListingInput): Promise<Listing | null> {
    const service = new ListingService(ctx.em, ctx.records.directory, ctx.records.today);
    const id = await service.list(ctx.viewer, input, async (ids) =>
      (await ctx.records.repository.byIds(ids)).map((r) => ({ id: r.id, subjectKey: r.subjectKey, nature: r.nature, status: r.status, publicUntil: r.publicUntil })),
    );
    return ctx.records.loaders.listingById.load(id);
  }

  @Mutation(() => Listing, { description: 'Takes a subject off a list early, with the reason.' })
  async delistSubject(@Ctx() ctx: RecordsContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<Listing | null> {
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
    return statusFor(ctx, '', { key: subject.codeKey, visible: true });
  }

  @FieldResolver(() => CreditRecordConnection, { nullable: true, description: 'Records of this subject visible to you, newest first.' })
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

  @FieldResolver(() => [Listing], { nullable: true, description: 'Listings of this subject (only those in force unless active: false).' })
  listings(
    @Root() subject: SubjectStub,
    @Ctx() ctx: RecordsContext,
    @Arg('active', () => Boolean, { defaultValue: true }) active: boolean,
  ): Promise<Listing[]> {
    return (active ? ctx.records.loaders.activeListings : ctx.records.loaders.allListings).load(subject.codeKey);
  }
}
