import fs from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { makeUscc, USCC_ALPHABET } from '../../identity';
import { CSV_FORMULA_ESCAPE } from '../../subgraphs/records/disclosure/formula-cells';
import { SGS_KEYS, emptyRow, type SgsRow } from '../../subgraphs/records/disclosure/items';

/** Body serial in the USCC alphabet ('PG' + 6 characters), so generated codes never collide with the demo's. */
function body(n: number): string {
  let rest = n;
  let digits = '';
  for (let i = 0; i < 6; i++) {
    digits = USCC_ALPHABET[rest % 31] + digits;
    rest = Math.floor(rest / 31);
  }
  return `PG${digits}`;
}

const COUNTIES = ['320902', '320903', '320904', '320921', '320922', '320923', '320924', '320925', '320981'];

/**
 * Generated 双公示 penalty rows for volume tests (the CI CLI test, the 100,000-row
 * measurement in docs/sgs.md): valid, deterministic, one new enterprise per ten rows.
 */
export function generatedPenaltyRow(n: number): SgsRow {
  const authority = makeUscc('11', '320900', 'PG100001');
  return {
    ...emptyRow(),
    cf_xdr_mc: `盐城生成数据企业${Math.floor(n / 10)}有限公司`,
    cf_xdr_lb: '法人及非法人组织',
    cf_xdr_shxym: makeUscc('91', COUNTIES[Math.floor(n / 10) % COUNTIES.length], body(Math.floor(n / 10))),
    cf_frdb: '王五',
    cf_wsh: `盐市监罚字〔2026〕G${n}号`,
    cf_wfxw: '未按规定明码标价',
    cf_sy: `生成数据第${n}条：当事人未按规定明码标价。`,
    cf_yj: '《中华人民共和国价格法》第四十二条',
    cf_cflb: '罚款',
    cf_nr: '罚款',
    cf_nr_fk: String(((n % 50) + 1) / 10),
    cf_jdrq: `2026-${String((n % 9) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
    cf_cfjg: '盐城市市场监督管理局',
    cf_cfjgdm: authority,
    cf_sjly: '盐城市市场监督管理局',
    cf_sjlydm: authority,
  };
}

/** Writes `count` generated rows as a 双公示 CSV (cf_* header). */
export async function writeGeneratedPenalties(file: string, count: number): Promise<void> {
  const csv = stringify({ bom: true, ...CSV_FORMULA_ESCAPE });
  const written = pipeline(csv, fs.createWriteStream(file));
  csv.write([...SGS_KEYS]);
  for (let n = 0; n < count; n++) {
    const row = generatedPenaltyRow(n);
    if (!csv.write(SGS_KEYS.map((key) => row[key]))) await once(csv, 'drain');
  }
  csv.end();
  await written;
}
