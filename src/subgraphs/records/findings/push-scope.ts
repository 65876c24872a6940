import { Role } from '../../../auth/roles';
import { RecordCategory as C, RecordDomain as D } from '../enums';

/**
 * Which findings each role may push (part of the records permission table): a court
 * pushes judgments, not procurement breaches; a procurement system pushes procurement
 * findings only. '*' = any. Roles not listed push nothing.
 */
export interface PushScope {
  categories: readonly C[] | '*';
  domains: readonly D[] | '*';
}

export const PUSH_SCOPE: Partial<Record<Role, PushScope>> = {
  [Role.COURT]: {
    categories: [C.JUDICIAL_JUDGMENT, C.ENFORCEMENT_DEFAULT, C.LITIGATION_LOST, C.NON_PROSECUTION],
    domains: '*',
  },
  [Role.DISCIPLINE]: { categories: [C.DISCIPLINARY_SANCTION, C.ACCOUNTABILITY, C.NON_PROSECUTION], domains: '*' },
  [Role.PROCUREMENT]: {
    categories: [C.CONTRACT_BREACH, C.COMMITMENT_BREACH, C.ARREARS, C.ADMINISTRATIVE_PENALTY, C.COMMENDATION],
    domains: [D.PROCUREMENT],
  },
  [Role.TENDERING]: {
    categories: [C.ADMINISTRATIVE_PENALTY, C.CONTRACT_BREACH, C.COMMITMENT_BREACH, C.COMMENDATION],
    domains: [D.TENDERING],
  },
  [Role.INVESTMENT]: {
    categories: [C.CONTRACT_BREACH, C.COMMITMENT_BREACH, C.COMMENDATION],
    domains: [D.INVESTMENT_PROMOTION, D.PPP],
  },
  [Role.DEBT]: { categories: [C.ARREARS, C.CONTRACT_BREACH, C.ADMINISTRATIVE_PENALTY], domains: [D.GOVERNMENT_DEBT] },
  [Role.CREDIT_OFFICE]: { categories: '*', domains: '*' },
};

export function mayPush(role: Role, category: C, domain: D): boolean {
  const scope = PUSH_SCOPE[role];
  if (!scope) return false;
  const categoryOk = scope.categories === '*' || scope.categories.includes(category);
  const domainOk = scope.domains === '*' || scope.domains.includes(domain);
  return categoryOk && domainOk;
}

/** Whether a role may push this category in at least one domain. */
export function mayPushCategory(role: Role, category: C): boolean {
  const scope = PUSH_SCOPE[role];
  return !!scope && (scope.categories === '*' || scope.categories.includes(category));
}
