import { CONDITIONS, holds, mayApply, needsManagement } from '../../../../auth/conditions';
import { Role } from '../../../../auth/roles';
import type { RecordsContext } from '../../context';
import type { IntegrityOpinion } from './opinion.entity';

/**
 * Whether the caller is a party to the opinion, entitled to its text and to an UNDER_INVESTIGATION
 * answer: the requesting organization department, or conditions.mayReadOpinionText (the department
 * managing the person, discipline inspection of the jurisdiction). The credit office and the person
 * read the file but not these (docs/archives.md, "廉政意见").
 */
export async function partyToOpinion(ctx: RecordsContext, opinion: IntegrityOpinion): Promise<boolean> {
  const { viewer } = ctx;
  const selfKey = ctx.records.selfKey;
  if (viewer.role === Role.ORG_DEPT && !!selfKey && opinion.requesterKey === selfKey) return true;
  if (!mayApply(CONDITIONS.mayReadOpinionText, viewer)) return false;
  const facts = needsManagement(CONDITIONS.mayReadOpinionText, viewer)
    ? await ctx.records.loaders.persons.load(opinion.personKey)
    : { regionCode: opinion.personRegion };
  return !!facts && holds(CONDITIONS.mayReadOpinionText, viewer, selfKey, facts);
}
