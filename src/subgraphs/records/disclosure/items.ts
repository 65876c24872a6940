import { bilingual, type Bilingual } from '../../../common/language';

/**
 * The data items of the national 双公示 administrative-penalty format (行政处罚信息), in the
 * order the hub writes them. `key` is the common column name (cf_*; items without one in
 * /work/shared/STANDARDS.md use the names of the national 2021 template: cf_frdb,
 * cf_fr_zjlx, cf_fr_zjhm, cf_xdr_zjlx, cf_xdr_zjhm, cf_xdr_gszc, cf_xdr_zzjg, cf_xdr_swdj,
 * cf_xdr_sydw, cf_xdr_shzz, bz). A file may name its columns either way; see docs/sgs.md.
 */
export interface SgsItem {
  key: SgsKey;
  /** The item name of the standard (the header the hub writes in Chinese mode and in error messages). */
  name: string;
  /** Other headers seen in the wild for the same item. */
  aliases?: readonly string[];
  maxLength: number;
}

export const SGS_KEYS = [
  'cf_xdr_mc',
  'cf_xdr_lb',
  'cf_xdr_shxym',
  'cf_xdr_gszc',
  'cf_xdr_zzjg',
  'cf_xdr_swdj',
  'cf_xdr_sydw',
  'cf_xdr_shzz',
  'cf_frdb',
  'cf_fr_zjlx',
  'cf_fr_zjhm',
  'cf_xdr_zjlx',
  'cf_xdr_zjhm',
  'cf_wsh',
  'cf_wfxw',
  'cf_sy',
  'cf_yj',
  'cf_cflb',
  'cf_nr',
  'cf_nr_fk',
  'cf_nr_wfff',
  'cf_nr_zkdx',
  'cf_jdrq',
  'cf_yxq',
  'cf_gsjzq',
  'cf_cfjg',
  'cf_cfjgdm',
  'cf_sjly',
  'cf_sjlydm',
  'bz',
] as const;

export type SgsKey = (typeof SGS_KEYS)[number];

/** One row as read from a file or the mutation: every item as text ('' when absent). */
export type SgsRow = Record<SgsKey, string>;

const ITEMS: readonly SgsItem[] = [
  { key: 'cf_xdr_mc', name: '行政相对人名称', maxLength: 200 },
  { key: 'cf_xdr_lb', name: '行政相对人类别', maxLength: 20 },
  {
    key: 'cf_xdr_shxym',
    name: '统一社会信用代码',
    aliases: ['行政相对人代码_1（统一社会信用代码）', '行政相对人统一社会信用代码'],
    maxLength: 18,
  },
  { key: 'cf_xdr_gszc', name: '工商注册号', aliases: ['行政相对人代码_2（工商注册号）'], maxLength: 50 },
  { key: 'cf_xdr_zzjg', name: '组织机构代码', aliases: ['行政相对人代码_3（组织机构代码）'], maxLength: 9 },
  { key: 'cf_xdr_swdj', name: '税务登记号', aliases: ['行政相对人代码_4（税务登记号）'], maxLength: 50 },
  { key: 'cf_xdr_sydw', name: '事业单位证书号', aliases: ['行政相对人代码_5（事业单位证书号）'], maxLength: 50 },
  { key: 'cf_xdr_shzz', name: '社会组织登记证号', aliases: ['行政相对人代码_6（社会组织登记证号）'], maxLength: 50 },
  { key: 'cf_frdb', name: '法定代表人', aliases: ['法定代表人姓名'], maxLength: 50 },
  { key: 'cf_fr_zjlx', name: '法定代表人证件类型', maxLength: 20 },
  { key: 'cf_fr_zjhm', name: '法定代表人证件号码', maxLength: 64 },
  { key: 'cf_xdr_zjlx', name: '自然人证件类型', aliases: ['证件类型'], maxLength: 20 },
  { key: 'cf_xdr_zjhm', name: '自然人证件号码', aliases: ['证件号码'], maxLength: 64 },
  { key: 'cf_wsh', name: '行政处罚决定书文号', maxLength: 128 },
  { key: 'cf_wfxw', name: '违法行为类型', maxLength: 2000 },
  { key: 'cf_sy', name: '违法事实', maxLength: 5000 },
  { key: 'cf_yj', name: '处罚依据', maxLength: 2000 },
  { key: 'cf_cflb', name: '处罚类别', maxLength: 200 },
  { key: 'cf_nr', name: '处罚内容', maxLength: 4000 },
  { key: 'cf_nr_fk', name: '罚款金额（万元）', aliases: ['罚款金额'], maxLength: 20 },
  {
    key: 'cf_nr_wfff',
    name: '没收违法所得、没收非法财物的金额（万元）',
    aliases: ['没收违法所得、没收非法财物的金额', '没收金额（万元）'],
    maxLength: 20,
  },
  { key: 'cf_nr_zkdx', name: '暂扣或吊销证照名称及编号', maxLength: 200 },
  { key: 'cf_jdrq', name: '处罚决定日期', maxLength: 20 },
  { key: 'cf_yxq', name: '处罚有效期', maxLength: 20 },
  { key: 'cf_gsjzq', name: '公示截止期', maxLength: 20 },
  { key: 'cf_cfjg', name: '处罚机关', maxLength: 200 },
  { key: 'cf_cfjgdm', name: '处罚机关统一社会信用代码', maxLength: 18 },
  { key: 'cf_sjly', name: '数据来源单位', maxLength: 200 },
  { key: 'cf_sjlydm', name: '数据来源单位统一社会信用代码', maxLength: 18 },
  { key: 'bz', name: '备注', aliases: ['cf_bz'], maxLength: 512 },
];

export const SGS_ITEMS: ReadonlyMap<SgsKey, SgsItem> = new Map(ITEMS.map((item) => [item.key, item]));

/** "处罚决定日期 (cf_jdrq)": how an item is named in error messages. */
export function itemLabel(key: SgsKey): string {
  return `${SGS_ITEMS.get(key)!.name} (${key})`;
}

/** Headers compare without spaces, case or the width of brackets: 罚款金额(万元) = 罚款金额（万元）. */
function headerForm(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/，/g, ',')
    .toLowerCase();
}

const BY_HEADER: ReadonlyMap<string, SgsKey> = new Map(
  ITEMS.flatMap((item) =>
    [item.key, item.name, ...(item.aliases ?? [])].map((header) => [headerForm(header), item.key] as [string, SgsKey]),
  ),
);

/** A header row refused (the whole file is): `text` in both languages, the message in Chinese. */
export class HeaderError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.zh);
  }
}

/**
 * Which item each column holds. Unknown or repeated headers stop the file (a shifted
 * column would otherwise write wrong data into every row); missing optional items are fine.
 */
export function recognizeHeaders(headers: readonly string[]): (SgsKey | null)[] {
  const seen = new Map<SgsKey, number>();
  const unknown: Bilingual[] = [];
  const columns = headers.map((header, i) => {
    if (headerForm(header ?? '') === '') return null;
    const key = BY_HEADER.get(headerForm(header));
    if (!key) {
      unknown.push({ zh: `“${header}”（第 ${i + 1} 列）`, en: `"${header}" (column ${i + 1})` });
      return null;
    }
    if (seen.has(key)) throw new HeaderError(twoColumns(seen.get(key)! + 1, i + 1, key));
    seen.set(key, i);
    return key;
  });
  if (unknown.length > 0)
    throw new HeaderError(
      bilingual(
        `无法识别的列：${unknown.map((u) => u.zh).join('、')}；应为双公示数据项名称或其 cf_* 名称（docs/sgs.md）`,
        `unknown column(s): ${unknown.map((u) => u.en).join(', ')}; expected the 双公示 item names or their cf_* names (docs/sgs.md)`,
      ),
    );
  const missing = REQUIRED_COLUMNS.filter((key) => !seen.has(key));
  if (missing.length > 0)
    throw new HeaderError(
      bilingual(
        `缺少列：${missing.map(itemLabel).join('、')}`,
        `missing column(s): ${missing.map(itemLabel).join(', ')}`,
      ),
    );
  return columns;
}

function twoColumns(first: number, second: number, key: SgsKey): Bilingual {
  return bilingual(
    `第 ${first} 列与第 ${second} 列都是${itemLabel(key)}`,
    `columns ${first} and ${second} both hold ${itemLabel(key)}`,
  );
}

/** Items every row must carry, so their columns must exist (others are required only in some rows). */
export const REQUIRED_COLUMNS: readonly SgsKey[] = [
  'cf_xdr_mc',
  'cf_xdr_lb',
  'cf_wsh',
  'cf_wfxw',
  'cf_sy',
  'cf_yj',
  'cf_cflb',
  'cf_nr',
  'cf_jdrq',
  'cf_cfjg',
  'cf_cfjgdm',
  'cf_sjly',
  'cf_sjlydm',
];

/** A row from positional cells, by the recognised columns. */
export function rowFromCells(columns: readonly (SgsKey | null)[], cells: readonly string[]): SgsRow {
  const row = emptyRow();
  columns.forEach((key, i) => {
    if (key) row[key] = cells[i] ?? '';
  });
  return row;
}

export function emptyRow(): SgsRow {
  return Object.fromEntries(SGS_KEYS.map((key) => [key, ''])) as SgsRow;
}
