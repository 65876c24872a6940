import { Role } from '../../../../auth/roles';
import { RecordCategory, RecordDomain } from '../../enums';
import { CommitmentKind as K } from './commitment.entity';

/**
 * Who registers which commitments (part of the records permission table): the credit office
 * any kind, the investment-promotion system 招商引资 promises and contracts, the procurement
 * system buyer pledges, a subject its own. '*' = any.
 */
export const COMMITMENT_SCOPE: Partial<Record<Role, readonly K[] | '*'>> = {
  [Role.CREDIT_OFFICE]: '*',
  [Role.INVESTMENT]: [K.INVESTMENT_POLICY, K.INVESTMENT_CONTRACT],
  [Role.PROCUREMENT]: [K.PROCUREMENT],
  [Role.SUBJECT]: '*',
};

export function mayRegisterCommitment(role: Role, kind: K): boolean {
  const scope = COMMITMENT_SCOPE[role];
  return scope === '*' || !!scope?.includes(kind);
}

/**
 * What a breach of each kind becomes: a contract breach for contracts, else a commitment breach, in the kind's
 * domain.
 */
export const BREACH_RECORD: Record<K, { category: RecordCategory; domain: RecordDomain }> = {
  [K.SERVICE]: { category: RecordCategory.COMMITMENT_BREACH, domain: RecordDomain.GENERAL },
  [K.INVESTMENT_POLICY]: { category: RecordCategory.COMMITMENT_BREACH, domain: RecordDomain.INVESTMENT_PROMOTION },
  [K.INVESTMENT_CONTRACT]: { category: RecordCategory.CONTRACT_BREACH, domain: RecordDomain.INVESTMENT_PROMOTION },
  [K.PROCUREMENT]: { category: RecordCategory.COMMITMENT_BREACH, domain: RecordDomain.PROCUREMENT },
  [K.TOWNSHIP]: { category: RecordCategory.COMMITMENT_BREACH, domain: RecordDomain.GRASSROOTS },
  [K.STATISTICS]: { category: RecordCategory.COMMITMENT_BREACH, domain: RecordDomain.STATISTICS },
};
