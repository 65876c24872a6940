import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../../common/connection';
import type { RecordsContext } from '../context';
import { SubjectStub } from '../subject.stub';
import { RecordFilterInput } from './record.input';
import type { RecordsOf } from './record.repository';
import { checkRecordFilter, CreditRecordConnection } from './record.resolver';

/** One page of the subject's records (`of`: about it, or naming it responsible), through recordVisibility. */
async function recordsOf(
  of: RecordsOf,
  subject: SubjectStub,
  ctx: RecordsContext,
  args: { filter?: RecordFilterInput; first?: number; after?: string },
): Promise<CreditRecordConnection> {
  const criteria = checkRecordFilter(args.filter);
  const size = pageSize(args.first);
  const { loaders } = ctx.records;
  const rows = await loaders.recordPages(criteria, size, decodeCursor(args.after), of).load(subject.codeKey);
  return toConnection(CreditRecordConnection, {
    nodes: rows.slice(0, size),
    hasNextPage: rows.length > size,
    totalCount: () => loaders.recordCounts(criteria, of).load(subject.codeKey),
    cursorOf: (node) => encodeCursor(node.id),
  });
}

/**
 * What the records subgraph adds to Subject. Fields this subgraph adds to Subject are
 * nullable: if the records service is down, the rest of the subject still arrives, with an
 * error at this path.
 */
@Resolver(() => SubjectStub)
export class SubjectRecordsResolver {
  @FieldResolver(() => CreditRecordConnection, {
    nullable: true,
    description: 'Records of this subject visible to you, newest first.',
  })
  records(
    @Root() subject: SubjectStub,
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => RecordFilterInput, { nullable: true }) filter?: RecordFilterInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CreditRecordConnection> {
    return recordsOf('ABOUT', subject, ctx, { filter, first, after });
  }

  @FieldResolver(() => CreditRecordConnection, {
    nullable: true,
    description:
      'What names me (惩戒到人): records, about any subject, that name this civil servant as a responsible person, newest first, in every disclosure and status; for the person itself only (SUBJECT whose org is its code), who may object to the naming (fileObjection, matter NAMING).',
  })
  recordsNamingMe(
    @Root() subject: SubjectStub,
    @Ctx() ctx: RecordsContext,
    @Arg('filter', () => RecordFilterInput, { nullable: true }) filter?: RecordFilterInput,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<CreditRecordConnection> {
    return recordsOf('NAMING', subject, ctx, { filter, first, after });
  }
}
