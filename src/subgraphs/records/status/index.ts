import type { Capability } from '../capability';
import { CreditReviewResolver, CreditStatusReliefResolver } from './review.resolver';
import { StatusResolver, SubjectStatusResolver } from './status.resolver';

/** Credit status (信用状况) and the batch credit review (creditReview, 信易购). No tables of its own. */
export const status: Capability = {
  name: 'status',
  entities: [],
  resolvers: [StatusResolver, SubjectStatusResolver, CreditReviewResolver, CreditStatusReliefResolver],
};
