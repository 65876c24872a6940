import { isIsoDate } from '../../../common/dates';
import { unsafeTextProblem } from '../../../common/safe-text';
import { normalizeCode, organizationCodeCheckChar, validateResidentId, validateUscc } from '../../../identity';
import { SubjectKind } from '../../../common/subject-kind';
import { Disclosure, RecordCategory, RecordDomain, RecordNature, Severity } from '../enums';
import type { RecordInput } from '../findings/record.input';
import { unescapeFormulaCell } from './formula-cells';
import { itemLabel, SGS_ITEMS, SGS_KEYS, type SgsKey, type SgsRow } from './items';

/** 行政相对人类别 of the standard. */
export const COUNTERPART_KINDS = ['法人及非法人组织', '自然人', '个体工商户'] as const;

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
/** Penalties not published (SAMR Order 45: warnings are not published): such a record is GOVERNMENT, not PUBLIC. */
const UNPUBLISHED_TYPES = new Set<string>(['警告', '通报批评']);

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

/** Resident ID numbers are the only personal identity documents the hub checks and keys. */
const RESIDENT_ID_TYPES = new Set(['身份证', '居民身份证', '中华人民共和国居民身份证', '001']);

/** Items never kept: identity numbers of natural persons (PIPL, minimum necessary). */
const NOT_KEPT = new Set<SgsKey>(['cf_fr_zjhm', 'cf_xdr_zjhm']);
/** Items stored in record columns rather than in sourceItems. */
const IN_COLUMNS = new Set<SgsKey>(['cf_xdr_shxym', 'cf_wsh', 'cf_sy', 'cf_yj', 'cf_jdrq', 'cf_cfjgdm']);

export class RowError extends Error {
  constructor(
    readonly item: SgsKey | null,
    message: string,
  ) {
    super(item ? `${itemLabel(item)}: ${message}` : message);
  }
}

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

/** Subject kind of a new organization, from its USCC category (and name for governments). */
export function organizationKind(uscc: string, name: string): SubjectKind | null {
  const category = uscc.slice(0, 2);
  if (category === '11') return /人民政府$/.test(name) ? SubjectKind.GOVERNMENT : SubjectKind.DEPARTMENT;
  if (category === '13') return SubjectKind.DEPARTMENT;
  if (category === '12') return SubjectKind.INSTITUTION;
  if (['54', '59', 'N1', 'N2', 'N3', 'N9'].includes(category)) return SubjectKind.COMMUNITY;
  if (['91', '92', '93'].includes(category)) return SubjectKind.ENTERPRISE;
  return null;
}

function checkUscc(row: SgsRow, key: SgsKey): string {
  const code = normalizeCode(row[key]);
  const check = validateUscc(code);
  if (!check.valid)
    throw new RowError(key, `"${row[key]}" is not a valid unified social credit code: ${check.message}`);
  return code;
}

function checkResidentId(row: SgsRow, key: SgsKey, today: string): string {
  const code = normalizeCode(row[key]);
  const check = validateResidentId(code, new Date(`${today}T12:00:00Z`));
  if (!check.valid) throw new RowError(key, `"${row[key]}" is not a valid resident identity number: ${check.message}`);
  return code;
}

function needed(row: SgsRow, key: SgsKey, why = ''): string {
  if (row[key] === '') throw new RowError(key, `is required${why}`);
  return row[key];
}

/**
 * Validates one 双公示 row and maps it to the record the hub keeps. Pure: nothing here reads
 * the database (whether a natural person is registered is the import's question).
 * Throws RowError naming the item at fault.
 */
export function mapPenaltyRow(raw: Partial<SgsRow>, today: string): MappedPenalty {
  const row = Object.fromEntries(SGS_KEYS.map((key) => [key, clean(unescapeFormulaCell(raw[key] ?? ''))])) as SgsRow;
  for (const key of SGS_KEYS) {
    const { maxLength } = SGS_ITEMS.get(key)!;
    if (row[key].length > maxLength)
      throw new RowError(key, `must be at most ${maxLength} characters, got ${row[key].length}`);
    const unsafe = unsafeTextProblem(row[key]);
    if (unsafe) throw new RowError(key, unsafe);
  }
  const name = needed(row, 'cf_xdr_mc');
  const kind = needed(row, 'cf_xdr_lb');
  if (!(COUNTERPART_KINDS as readonly string[]).includes(kind))
    throw new RowError('cf_xdr_lb', `"${kind}" is not one of ${COUNTERPART_KINDS.join(', ')}`);
  const naturalPerson = kind === '自然人';

  let subjectCode: string;
  let subjectKind: SubjectKind | null = null;
  if (naturalPerson) {
    if (row.cf_xdr_shxym !== '')
      throw new RowError('cf_xdr_shxym', 'a natural person has no unified social credit code (use 自然人证件号码)');
    const type = needed(row, 'cf_xdr_zjlx', ' for a natural person');
    if (!RESIDENT_ID_TYPES.has(type))
      throw new RowError(
        'cf_xdr_zjlx',
        `"${type}": the hub identifies natural persons by resident identity card (身份证) only`,
      );
    needed(row, 'cf_xdr_zjhm', ' for a natural person');
    subjectCode = checkResidentId(row, 'cf_xdr_zjhm', today);
  } else {
    needed(row, 'cf_xdr_shxym', ` for ${kind} (the hub identifies organizations by it)`);
    subjectCode = checkUscc(row, 'cf_xdr_shxym');
    if (kind === '个体工商户' && subjectCode.slice(0, 2) !== '92')
      throw new RowError(
        'cf_xdr_shxym',
        `an individual business (个体工商户) has category 92, got ${subjectCode.slice(0, 2)}`,
      );
    subjectKind = organizationKind(subjectCode, name);
    if (!subjectKind)
      throw new RowError(
        'cf_xdr_shxym',
        `organization category ${subjectCode.slice(0, 2)} is not a kind of subject the hub keeps`,
      );
    if (kind === '法人及非法人组织') needed(row, 'cf_frdb', ' for 法人及非法人组织');
    if (row.cf_xdr_zjhm !== '') throw new RowError('cf_xdr_zjhm', `only a natural person has one, this row is ${kind}`);
    if (row.cf_xdr_zzjg !== '') {
      const org = normalizeCode(row.cf_xdr_zzjg).replace('-', '');
      if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || organizationCodeCheckChar(org.slice(0, 8)) !== org[8]) {
        throw new RowError('cf_xdr_zzjg', `"${row.cf_xdr_zzjg}" is not a valid organization code (GB 11714 check)`);
      }
      if (org !== subjectCode.slice(8, 17))
        throw new RowError(
          'cf_xdr_zzjg',
          `does not match characters 9-17 of the unified social credit code ${subjectCode}`,
        );
      row.cf_xdr_zzjg = org;
    }
  }
  if (row.cf_fr_zjhm !== '') {
    if (row.cf_fr_zjlx === '' || RESIDENT_ID_TYPES.has(row.cf_fr_zjlx)) checkResidentId(row, 'cf_fr_zjhm', today);
  }

  const decisionNo = needed(row, 'cf_wsh');
  const offence = needed(row, 'cf_wfxw');
  needed(row, 'cf_sy');
  needed(row, 'cf_yj');
  const types = penaltyTypes(needed(row, 'cf_cflb'));
  const unknownType = types.find((type) => !(PENALTY_TYPES as readonly string[]).includes(type));
  if (unknownType)
    throw new RowError('cf_cflb', `"${unknownType}" is not a penalty type (${PENALTY_TYPES.join(', ')})`);
  row.cf_cflb = types.join(';');
  needed(row, 'cf_nr');

  const amounts: Partial<Record<SgsKey, number>> = {};
  for (const key of ['cf_nr_fk', 'cf_nr_wfff'] as const) {
    if (row[key] === '') continue;
    const amount = normalizeAmount(row[key]);
    if (amount === null)
      throw new RowError(key, `"${row[key]}" is not an amount in 万元 (a number, at most 6 decimals)`);
    row[key] = amount;
    amounts[key] = Number(amount);
  }
  if (types.includes('罚款')) needed(row, 'cf_nr_fk', ' when 处罚类别 includes 罚款');
  if (types.some((type) => type.startsWith('没收')))
    needed(row, 'cf_nr_wfff', ' when 处罚类别 includes a confiscation');
  if (types.some((type) => type === '暂扣许可证件' || type === '吊销许可证件'))
    needed(row, 'cf_nr_zkdx', ' when a licence is suspended or revoked');

  const decidedAt = normalizeDate(needed(row, 'cf_jdrq'));
  if (!decidedAt) throw new RowError('cf_jdrq', `"${row.cf_jdrq}" is not a date (YYYY-MM-DD)`);
  if (decidedAt > today) throw new RowError('cf_jdrq', `${decidedAt} is in the future (today is ${today})`);
  row.cf_jdrq = decidedAt;
  for (const key of ['cf_yxq', 'cf_gsjzq'] as const) {
    if (row[key] === '') continue;
    const date = normalizeDate(row[key]);
    if (!date) throw new RowError(key, `"${row[key]}" is not a date (YYYY-MM-DD)`);
    if (date < decidedAt) throw new RowError(key, `${date} is before the decision date ${decidedAt}`);
    row[key] = date;
  }
  needed(row, 'cf_cfjg');
  const authority = checkUscc({ ...row, cf_cfjgdm: needed(row, 'cf_cfjgdm') }, 'cf_cfjgdm');
  needed(row, 'cf_sjly');
  row.cf_sjlydm = checkUscc({ ...row, cf_sjlydm: needed(row, 'cf_sjlydm') }, 'cf_sjlydm');

  const serious =
    types.some((type) => SERIOUS_TYPES.has(type)) ||
    Object.values(amounts).some((amount) => amount! >= SERIOUS_AMOUNT_WAN);
  const published = types.some((type) => !UNPUBLISHED_TYPES.has(type));
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
    disclosure: published ? Disclosure.PUBLIC : Disclosure.GOVERNMENT,
    sourceItems,
  };
  return { decisionNo, record, naturalPerson };
}
