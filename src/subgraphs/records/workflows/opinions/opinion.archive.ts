import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RecordsContext } from '../../context';
import { ArchiveRecordsStub } from '../../findings/archive-records.resolver';
import { IntegrityOpinion, OpinionVerdict } from './opinion.entity';
import { partyToOpinion } from './opinion.release';

/** The 廉政意见 part of an integrity file: the answers discipline inspection gave on the person. */
@Resolver(() => ArchiveRecordsStub)
export class OpinionArchiveResolver {
  @FieldResolver(() => [IntegrityOpinion], {
    // Nullable like every field a role may be denied (canReadIntegrityOpinions): a refusal stays at this path.
    nullable: true,
    description:
      'The clean-government opinions (廉政意见) given on the person, newest first, for the readers of the file; an UNDER_INVESTIGATION answer, and every opinion’s text, only for the requesting and the managing organization department and discipline inspection of the jurisdiction.',
  })
  async integrityOpinions(
    @Root() archive: ArchiveRecordsStub,
    @Ctx() ctx: RecordsContext,
  ): Promise<IntegrityOpinion[]> {
    const answered = await ctx.workflows.answeredOpinions.load(archive.personKey);
    const shown = await Promise.all(
      answered.map(
        async (opinion) => opinion.verdict !== OpinionVerdict.UNDER_INVESTIGATION || partyToOpinion(ctx, opinion),
      ),
    );
    return answered.filter((_opinion, i) => shown[i]);
  }
}
