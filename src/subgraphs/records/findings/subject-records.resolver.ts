import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../../common/connection';
import type { RecordsContext } from '../context';
import { SubjectStub } from '../subject.stub';
import { RecordFilterInput } from './record.input';
import { checkRecordFilter, CreditRecordConnection } from './record.resolver';

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
}
