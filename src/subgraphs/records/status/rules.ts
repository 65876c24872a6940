import { rule } from 'graphql-shield';
import { isGovernment } from '../../../auth/conditions';
import { ForbiddenError } from '../../../common/errors';
import { bilingual, type Bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import type { SubjectStub } from '../subject.stub';
import { maySeeStanding } from './standing';

/**
 * A civil servant's standing (Subject.creditStatus, Subject.listings): conditions.maySeePersonStanding
 * (the managing organization department, discipline inspection and the credit office of the
 * jurisdiction, the person). Organizations' status is everyone's (computed over what each may read).
 */
export const canReadStanding = rule('canReadStanding', { cache: 'strict' })(
  async (subject: SubjectStub, _args, ctx: RecordsContext) =>
    (await maySeeStanding(ctx, subject.codeKey)) ||
    new ForbiddenError(bilingual('无权查看该人员的信用状况', 'not entitled to this person’s credit standing')),
);

/**
 * A part of a civil servant's file the records subgraph adds (sanctions, commitments, measures,
 * 廉政意见), for the readers of the file whatever the records' disclosure: conditions.maySeePersonStanding
 * (the managing organization department, discipline inspection and the credit office of the
 * jurisdiction, the person), the same condition as a person's standing. The file itself is guarded
 * and logged by the archives subgraph. `refusal` names the part.
 */
export function fileReadersOnly(name: string, refusal: Bilingual) {
  return rule(name, { cache: 'strict' })(
    async (archive: { personKey: string }, _args, ctx: RecordsContext) =>
      (await maySeeStanding(ctx, archive.personKey)) || new ForbiddenError(refusal),
  );
}

/** IntegrityArchive.sanctions: kind, dates and effect of every sanction naming the person. */
export const canReadSanctions = fileReadersOnly(
  'canReadSanctions',
  bilingual('无权查看该人员的处分', 'not entitled to this person’s sanctions'),
);

/**
 * creditReview: government systems (the approval, funding, honours and procurement systems that review in batch);
 * each row tells what status/review.ts releases to the caller.
 */
export const canReviewCredit = rule('canReviewCredit', { cache: 'contextual' })(
  (_parent, _args, ctx: RecordsContext) =>
    isGovernment(ctx.viewer) ||
    new ForbiddenError(bilingual('仅政务系统可批量审查信用', 'only government systems review credit in batch')),
);
