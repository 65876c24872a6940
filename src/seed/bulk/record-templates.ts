import { Role } from '../../auth/roles';
import { RecordCategory as C } from '../../subgraphs/records/enums';
import { SubjectKind as K } from '../../common/subject-kind';
import type { RecordTemplate } from './templates/template';
import { ENTERPRISE } from './templates/enterprises';
import { GRASSROOTS, PUBLIC_BODY } from './templates/public-bodies';
import { PERSON } from './templates/civil-servants';

export type { Authority, DocumentStyle, RecordTemplate } from './templates/template';

/** The pushing system of each role in bulk data: source_system and the external-id prefix. */
export const BULK_SOURCES: Partial<Record<Role, { system: string; prefix: string }>> = {
  [Role.COURT]: { system: 'bulk-court', prefix: 'CT' },
  [Role.DISCIPLINE]: { system: 'bulk-discipline', prefix: 'JW' },
  [Role.PROCUREMENT]: { system: 'bulk-procurement', prefix: 'GP' },
  [Role.TENDERING]: { system: 'bulk-tendering', prefix: 'TP' },
  [Role.INVESTMENT]: { system: 'bulk-investment', prefix: 'ZS' },
  [Role.DEBT]: { system: 'bulk-debt', prefix: 'ZW' },
  [Role.CREDIT_OFFICE]: { system: 'bulk-credit-office', prefix: 'XY' },
};

export const TEMPLATES_BY_KIND: Record<K, readonly RecordTemplate[]> = {
  [K.GOVERNMENT]: PUBLIC_BODY,
  [K.DEPARTMENT]: PUBLIC_BODY,
  [K.INSTITUTION]: PUBLIC_BODY,
  [K.TOWNSHIP]: GRASSROOTS,
  [K.COMMUNITY]: GRASSROOTS,
  [K.ENTERPRISE]: ENTERPRISE,
  [K.PUBLIC_SERVANT]: PERSON,
};

/** Every template, for tests (push scope). */
export const ALL_TEMPLATES: readonly RecordTemplate[] = [...PUBLIC_BODY, ...GRASSROOTS, ...ENTERPRISE, ...PERSON];

/** Legal basis of a listing by the category of the record it rests on. */
export function listingLegalBasis(category: C, tender: boolean): string {
  if (tender) return '《中华人民共和国招标投标法实施条例》第七十九条；《公共资源交易领域严重失信主体名单管理办法》';
  if (category === C.ENFORCEMENT_DEFAULT)
    return '《最高人民法院关于公布失信被执行人名单信息的若干规定》；国办发〔2020〕49号';
  if (category === C.ARREARS) return '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》；国办发〔2020〕49号';
  return '国办发〔2020〕49号';
}
