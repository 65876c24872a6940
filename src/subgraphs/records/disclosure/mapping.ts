import { isIsoDate } from '../../../common/dates';
import { bilingual, type Bilingual } from '../../../common/language';
import { unsafeText } from '../../../common/safe-text';
import { Disclosure, RecordCategory, RecordDomain, RecordNature, Severity } from '../enums';
import type { RecordInput } from '../findings/record.input';
import { unescapeFormulaCell } from './formula-cells';
import { onlyWarnings } from '../policy/penalty-facts';
import { checkCounterpart, type Counterpart } from './counterpart';
import { checkUscc, needed, RowError } from './row-checks';
import { SGS_ITEMS, SGS_KEYS, type SgsKey, type SgsRow } from './items';

/** 处罚类别: the kinds of administrative penalty (行政处罚法 2021, art. 9) and 其他. */
export const PENALTY_TYPES = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
] as const;

/** Penalties that take away the right to operate or liberty: the record is SERIOUS. */
const SERIOUS_TYPES = new Set<string>([
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
]);
/** A fine or confiscation from this amount (万元, i.e. 100,000 yuan: 较大数额) is SERIOUS as well. */
export const SERIOUS_AMOUNT_WAN = 10;

/**
 * Domain of a penalty, from the law it rests on or the kind of offence (first match wins);
 * anything else is GENERAL. Which role may import which domain is push-scope.ts.
 */
export const DOMAIN_RULES: readonly { domain: RecordDomain; pattern: RegExp }[] = [
  { domain: RecordDomain.TENDERING, pattern: /招标投标|招投标/ },
  { domain: RecordDomain.PROCUREMENT, pattern: /政府采购/ },
  { domain: RecordDomain.STATISTICS, pattern: /统计法|统计造假|统计数据/ },
  { domain: RecordDomain.ENVIRONMENT, pattern: /环境保护|污染防治|生态环境|排污/ },
];

/** Items never kept: identity numbers of natural persons (PIPL, minimum necessary). */
const NOT_KEPT = new Set<SgsKey>(['cf_fr_zjhm', 'cf_xdr_zjhm']);
/** Items stored in record columns rather than in sourceItems. */
const IN_COLUMNS = new Set<SgsKey>(['cf_xdr_shxym', 'cf_wsh', 'cf_sy', 'cf_yj', 'cf_jdrq', 'cf_cfjgdm']);

export interface MappedPenalty {
  /** Decision number: the import is idempotent on it (per importing system). */
  decisionNo: string;
  record: RecordInput;
  /** A natural person must already be registered (civil servants only): checked by the import. */
  naturalPerson: boolean;
}

function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\u3000/g, ' ').trim();
}

/**
 * Dates as files carry them: 2025-03-01, 2025/3/1, 2025.03.01, 20250301, 2025年3月1日, or
 * an Excel serial day number; returned as YYYY-MM-DD, or null when not a calendar date.
 */
export function normalizeDate(raw: string): string | null {
  const value = clean(raw);
  let match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match && /^\d{5}$/.test(value)) {
    // Excel serial date (days since 1899-12-30), as some exports write date cells.
    const date = new Date(Date.UTC(1899, 11, 30) + Number(value) * 86400000).toISOString().slice(0, 10);
    match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  }
  if (!match) return null;
  const iso = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Amounts in 万元: a non-negative decimal with at most 6 places, written back canonically (1.50 → 1.5). */
export function normalizeAmount(raw: string): string | null {
  const value = clean(raw).replace(/,/g, '');
  if (!/^\d{1,12}(\.\d{1,6})?$/.test(value)) return null;
  return String(Number(value));
}

/** 处罚类别 may list several types (罚款;没收违法所得): split on ; ； 、 , ，. */
export function penaltyTypes(raw: string): string[] {
  return clean(raw)
    .split(/[;；、,，]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Validates one 双公示 row and maps it to the record the hub keeps. Pure: nothing here reads
 * the database (whether a natural person is registered is the import's question).
 * Throws RowError naming the item at fault.
 */
export function mapPenaltyRow(raw: Partial<SgsRow>, today: string): MappedPenalty {
  const row = cleanRow(raw);
  const subject = checkCounterpart(row, today);
  const penalty = checkPenalty(row);
  const decidedAt = checkDates(row, today);
  const authority = checkAuthority(row);
  const record = penaltyRecord(row, subject, penalty, decidedAt, authority);
  return { decisionNo: penalty.decisionNo, record, naturalPerson: subject.naturalPerson };
}

/** The row's items unescaped and trimmed, each within its length and storable. */
function cleanRow(raw: Partial<SgsRow>): SgsRow {
  const row = Object.fromEntries(SGS_KEYS.map((key) => [key, clean(unescapeFormulaCell(raw[key] ?? ''))])) as SgsRow;
  for (const key of SGS_KEYS) {
    const { maxLength } = SGS_ITEMS.get(key)!;
    if (row[key].length > maxLength)
      throw new RowError(
        key,
        bilingual(
          `不能超过 ${maxLength} 个字符，实有 ${row[key].length} 个`,
          `must be at most ${maxLength} characters, got ${row[key].length}`,
        ),
      );
    const unsafe = unsafeText(row[key]);
    if (unsafe) throw new RowError(key, unsafe);
  }
  return row;
}

interface Penalty {
  decisionNo: string;
  offence: string;
  types: string[];
  amounts: Partial<Record<SgsKey, number>>;
}

/** 处罚: decision number, offence, types, contents and amounts as each type requires. */
function checkPenalty(row: SgsRow): Penalty {
  const decisionNo = needed(row, 'cf_wsh');
  const offence = needed(row, 'cf_wfxw');
  needed(row, 'cf_sy');
  needed(row, 'cf_yj');
  const types = penaltyTypes(needed(row, 'cf_cflb'));
  const unknownType = types.find((type) => !(PENALTY_TYPES as readonly string[]).includes(type));
  if (unknownType)
    throw new RowError(
      'cf_cflb',
      bilingual(
        `“${unknownType}”不是处罚类别（${PENALTY_TYPES.join('、')}）`,
        `"${unknownType}" is not a penalty type (${PENALTY_TYPES.join(', ')})`,
      ),
    );
  row.cf_cflb = types.join(';');
  needed(row, 'cf_nr');

  const amounts: Partial<Record<SgsKey, number>> = {};
  for (const key of ['cf_nr_fk', 'cf_nr_wfff'] as const) {
    if (row[key] === '') continue;
    const amount = normalizeAmount(row[key]);
    if (amount === null)
      throw new RowError(
        key,
        bilingual(
          `“${row[key]}”不是以万元计的金额（数字，至多 6 位小数）`,
          `"${row[key]}" is not an amount in 万元 (a number, at most 6 decimals)`,
        ),
      );
    row[key] = amount;
    amounts[key] = Number(amount);
  }
  if (types.includes('罚款'))
    needed(row, 'cf_nr_fk', bilingual('（处罚类别含罚款时必填）', ' when 处罚类别 includes 罚款'));
  if (types.some((type) => type.startsWith('没收')))
    needed(row, 'cf_nr_wfff', bilingual('（处罚类别含没收时必填）', ' when 处罚类别 includes a confiscation'));
  if (types.some((type) => type === '暂扣许可证件' || type === '吊销许可证件'))
    needed(row, 'cf_nr_zkdx', bilingual('（暂扣或吊销许可证件时必填）', ' when a licence is suspended or revoked'));

  return { decisionNo, offence, types, amounts };
}

/** The decision date (not in the future) and the validity and publicity dates (not before it). */
function checkDates(row: SgsRow, today: string): string {
  const decidedAt = normalizeDate(needed(row, 'cf_jdrq'));
  if (!decidedAt) throw new RowError('cf_jdrq', notADate(row.cf_jdrq));
  if (decidedAt > today)
    throw new RowError(
      'cf_jdrq',
      bilingual(`${decidedAt} 晚于今天（${today}）`, `${decidedAt} is in the future (today is ${today})`),
    );
  row.cf_jdrq = decidedAt;
  for (const key of ['cf_yxq', 'cf_gsjzq'] as const) {
    if (row[key] === '') continue;
    const date = normalizeDate(row[key]);
    if (!date) throw new RowError(key, notADate(row[key]));
    if (date < decidedAt)
      throw new RowError(
        key,
        bilingual(`${date} 早于处罚决定日期 ${decidedAt}`, `${date} is before the decision date ${decidedAt}`),
      );
    row[key] = date;
  }
  return decidedAt;
}

function notADate(text: string): Bilingual {
  return bilingual(`“${text}”不是日期（YYYY-MM-DD）`, `"${text}" is not a date (YYYY-MM-DD)`);
}

/** The deciding authority and the data source, each by a valid USCC. */
function checkAuthority(row: SgsRow): string {
  needed(row, 'cf_cfjg');
  const authority = checkUscc({ ...row, cf_cfjgdm: needed(row, 'cf_cfjgdm') }, 'cf_cfjgdm');
  needed(row, 'cf_sjly');
  row.cf_sjlydm = checkUscc({ ...row, cf_sjlydm: needed(row, 'cf_sjlydm') }, 'cf_sjlydm');

  return authority;
}

function penaltyRecord(
  row: SgsRow,
  { name, naturalPerson, subjectCode, subjectKind }: Counterpart,
  { decisionNo, offence, types, amounts }: Penalty,
  decidedAt: string,
  authority: string,
): RecordInput {
  const serious =
    types.some((type) => SERIOUS_TYPES.has(type)) ||
    Object.values(amounts).some((amount) => amount! >= SERIOUS_AMOUNT_WAN);
  const basis = `${offence} ${row.cf_yj}`;
  const domain = DOMAIN_RULES.find((rule) => rule.pattern.test(basis))?.domain ?? RecordDomain.GENERAL;
  const sourceItems = Object.fromEntries(
    SGS_KEYS.filter((key) => !NOT_KEPT.has(key) && !IN_COLUMNS.has(key) && row[key] !== '').map((key) => [
      key,
      row[key],
    ]),
  );
  const record: RecordInput = {
    externalId: decisionNo,
    subject: naturalPerson
      ? { code: subjectCode }
      : { code: subjectCode, name, kind: subjectKind, regionCode: subjectCode.slice(2, 8) },
    nature: RecordNature.DISHONESTY,
    category: RecordCategory.ADMINISTRATIVE_PENALTY,
    domain,
    severity: serious ? Severity.SERIOUS : Severity.GENERAL,
    title: `${offence}（${types.join('、')}）`.slice(0, 500),
    details: row.cf_sy,
    legalBasis: row.cf_yj,
    documentNo: decisionNo,
    decidedAt,
    decidingAuthorityCode: authority,
    // 通报批评 is published (for 3 months under SAMR Order 45); only a warning alone is not (policy/publicity.ts).
    disclosure: onlyWarnings(types) ? Disclosure.GOVERNMENT : Disclosure.PUBLIC,
    sourceItems,
  };
  return record;
}
