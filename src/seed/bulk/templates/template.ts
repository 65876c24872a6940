import { Role } from '../../../auth/roles';
import { RecordCategory as C, RecordDomain as D } from '../../../subgraphs/records/enums';
import type { DeptRole } from '../vocabulary';

export type DocumentStyle = 'court' | 'penalty' | 'decision' | 'discipline' | 'none';
export type Authority = DeptRole | 'tradingCenter';

/**
 * One kind of finding: what it is, who pushes it (consistent with push-scope.ts), who
 * decides it, how its document number looks, and how likely it is serious.
 */
export interface RecordTemplate {
  category: C;
  domains: readonly D[];
  role: Role;
  titles: readonly string[];
  legalBasis: readonly string[];
  serious: number;
  authority: Authority;
  document: DocumentStyle;
  /** Court document type (行初, 执, ...) for court documents. */
  courtType?: readonly string[];
  weight: number;
}

export const t = (
  weight: number,
  category: C,
  domains: D | readonly D[],
  role: Role,
  authority: Authority,
  document: DocumentStyle,
  serious: number,
  titles: readonly string[],
  legalBasis: readonly string[] = [],
  courtType?: readonly string[],
): RecordTemplate => ({
  weight,
  category,
  domains: Array.isArray(domains) ? domains : [domains as D],
  role,
  authority,
  document,
  serious,
  titles,
  legalBasis,
  courtType,
});
