import { isIsoDate } from '../../../common/dates';
import { AuthorityKind, PenaltyClass, type PublicityPolicy } from './publicity-rules';

/**
 * What the publicity rules need to know of an imported 双公示 penalty, read from the items the import keeps with the
 * record (sourceItems: cf_cflb, cf_nr_fk, cf_xdr_lb, cf_cfjg, cf_gsjzq, cf_yxq; disclosure/mapping.ts). A record
 * pushed through submitRecords has no such items: no penalty class, no authority kind, no 公示截止期.
 */
export interface PenaltyFacts {
  penalty?: PenaltyClass;
  authority?: AuthorityKind;
  /** 公示截止期 (cf_gsjzq) as the deciding authority gave it. */
  authorityEnd?: string;
  /** 处罚有效期 (cf_yxq) of a 限制开展生产经营活动 or 限制从业: the restriction's last day (Order 45 art. 13). */
  restrictionEnd?: string;
}

/** Penalties whose publicity lasts as long as the restriction when that is longer (Order 45 art. 13). */
const RESTRICTIONS = new Set(['限制开展生产经营活动', '限制从业']);

/** 处罚类别 that alone, or together, leave a penalty LIGHT when any fine is low (Order 45 art. 13). */
const LIGHT_TYPES = new Set(['警告', '通报批评', '罚款']);

/** Only 警告: never published (SAMR Order 45 art. 2), whatever the rule set; the import marks such rows GOVERNMENT. */
export function onlyWarnings(types: readonly string[]): boolean {
  return types.length > 0 && types.every((type) => type === '警告');
}

/** The penalty types of a kept cf_cflb (the import writes them joined with ';'). */
function typesOf(items: Record<string, string>): string[] {
  return (items.cf_cflb ?? '')
    .split(';')
    .map((type) => type.trim())
    .filter(Boolean);
}

/**
 * WARNING when every type is 警告; LIGHT when every type is 警告, 通报批评 or 罚款 and the fine is below the
 * provincial 较低数额 (by 行政相对人类别: 自然人, else organization); OTHER otherwise (confiscation, licences, ...).
 */
export function penaltyClass(items: Record<string, string>, policy: PublicityPolicy): PenaltyClass | undefined {
  const types = typesOf(items);
  if (types.length === 0) return undefined;
  if (onlyWarnings(types)) return PenaltyClass.WARNING;
  if (!types.every((type) => LIGHT_TYPES.has(type))) return PenaltyClass.OTHER;
  const { personBelowWan, organizationBelowWan } = policy.lowFine;
  const below = items.cf_xdr_lb === '自然人' ? personBelowWan : organizationBelowWan;
  const fine = Number(items.cf_nr_fk || '0');
  return Number.isFinite(fine) && fine < below ? PenaltyClass.LIGHT : PenaltyClass.OTHER;
}

export function authorityKind(items: Record<string, string>, policy: PublicityPolicy): AuthorityKind | undefined {
  const name = items.cf_cfjg ?? '';
  return policy.marketRegulators.some((fragment) => name.includes(fragment))
    ? AuthorityKind.MARKET_REGULATION
    : undefined;
}

export function penaltyFacts(items: Record<string, string> | null | undefined, policy: PublicityPolicy): PenaltyFacts {
  if (!items) return {};
  const date = (value: string | undefined) => (value && isIsoDate(value) ? value : undefined);
  return {
    penalty: penaltyClass(items, policy),
    authority: authorityKind(items, policy),
    authorityEnd: date(items.cf_gsjzq),
    restrictionEnd: typesOf(items).some((type) => RESTRICTIONS.has(type)) ? date(items.cf_yxq) : undefined,
  };
}
