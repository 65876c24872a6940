import { bilingual, type Bilingual } from '../../../common/language';
import { ListType, RecordCategory, Severity } from '../enums';

/**
 * Words of a score's explanation, in both languages: the answer carries the caller's
 * (Accept-Language, Chinese by default); the English one names the machine values.
 */
const CATEGORY_ZH: Record<RecordCategory, string> = {
  [RecordCategory.JUDICIAL_JUDGMENT]: '司法判决',
  [RecordCategory.ADMINISTRATIVE_PENALTY]: '行政处罚',
  [RecordCategory.DISCIPLINARY_SANCTION]: '纪律处分',
  [RecordCategory.ACCOUNTABILITY]: '问责处理',
  [RecordCategory.NON_PROSECUTION]: '相对不起诉',
  [RecordCategory.ENFORCEMENT_DEFAULT]: '拒不履行生效判决',
  [RecordCategory.LITIGATION_LOST]: '行政诉讼败诉',
  [RecordCategory.CONTRACT_BREACH]: '违约毁约',
  [RecordCategory.COMMITMENT_BREACH]: '承诺未践行',
  [RecordCategory.ARREARS]: '拖欠款项',
  [RecordCategory.STATISTICAL_FRAUD]: '统计造假',
  [RecordCategory.COMMENDATION]: '表彰奖励',
};

const SEVERITY_ZH: Record<Severity, string> = { [Severity.GENERAL]: '一般', [Severity.SERIOUS]: '严重' };

const LIST_ZH: Record<ListType, string> = {
  [ListType.SERIOUS_DISHONESTY]: '严重失信主体名单',
  [ListType.TENDER_BLACKLIST]: '招标投标不良行为黑名单',
  [ListType.ENFORCEMENT_DEFAULTER]: '失信被执行人名单',
  [ListType.PROCUREMENT_BAN]: '政府采购严重违法失信行为记录名单',
};

export function recordExplanation(
  severity: Severity,
  category: RecordCategory,
  until: string,
  factor: number,
): Bilingual {
  const times = factor !== 1 ? `（×${factor}）` : '';
  return bilingual(
    `${SEVERITY_ZH[severity] ?? severity}失信：${CATEGORY_ZH[category] ?? category}，公示至 ${until}${times}`,
    `${severity.toLowerCase()} ${category} until ${until}${factor !== 1 ? ` (x${factor})` : ''}`,
  );
}

export function honorExplanation(points: number): Bilingual {
  return bilingual(`表彰奖励（+${points}）`, `commendation (+${points})`);
}

export function listingExplanation(listType: ListType): Bilingual {
  return bilingual(`列入${LIST_ZH[listType] ?? listType}`, `listed on ${listType}`);
}
