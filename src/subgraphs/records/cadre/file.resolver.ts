import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RecordsContext } from '../context';
import { ArchiveRecordsStub } from '../findings/archive-records.resolver';
import { Commitment } from '../workflows/commitments/commitment.entity';
import { JointMeasure } from '../workflows/measures/measure.entity';

/** Issue #16 item 5: the person's commitments and the joint measures in force against them, in the file. */
@Resolver(() => ArchiveRecordsStub)
export class FileWorkflowsResolver {
  @FieldResolver(() => [Commitment], {
    nullable: true,
    description:
      'The person’s commitments (守信践诺), newest first, each with its status today (PENDING, OVERDUE, FULFILLED = kept, BREACHED, CHANGED); for the readers of the file’s sanctions.',
  })
  commitments(@Root() archive: ArchiveRecordsStub, @Ctx() ctx: RecordsContext): Promise<Commitment[]> {
    return ctx.cadre.commitmentsOf.load(archive.personKey);
  }

  @FieldResolver(() => [JointMeasure], {
    nullable: true,
    description:
      'Joint measures in force against the person (accepted or applied, on a record or listing still in force), newest first; for the readers of the file’s sanctions.',
  })
  jointMeasures(@Root() archive: ArchiveRecordsStub, @Ctx() ctx: RecordsContext): Promise<JointMeasure[]> {
    return ctx.cadre.measuresAgainst.load(archive.personKey);
  }
}
