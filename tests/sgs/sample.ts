import { makeResidentId, makeUscc } from '../../src/identity';
import { emptyRow, SGS_KEYS, type SgsRow } from '../../src/subgraphs/records/disclosure/items';

/**
 * The rows of samples/sgs-penalties.csv, built with the project's own code generators so
 * every check character is right (sample.test.ts fails when the shipped file differs).
 * Subjects are in Yancheng (盐城, 3209xx) next to the demo data; penalties decided in 2026.
 */
const authority = { cf_cfjg: '盐城市市场监督管理局', cf_cfjgdm: makeUscc('11', '320900', 'PC100001') };
const source = { cf_sjly: '盐城市市场监督管理局', cf_sjlydm: authority.cf_cfjgdm };
const env = { cf_cfjg: '盐城市生态环境局', cf_cfjgdm: makeUscc('11', '320900', 'PC100002') };

function enterprise(n: number, region = '320902', category = '91'): string {
  return makeUscc(category, region, `PC2${String(n).padStart(5, '0')}`);
}

function row(values: Partial<SgsRow>): SgsRow {
  return { ...emptyRow(), cf_xdr_lb: '法人及非法人组织', cf_frdb: '张三', ...authority, ...source, ...values };
}

const fine = (n: number, amount: string, values: Partial<SgsRow> = {}) =>
  row({
    cf_xdr_mc: `盐城示例商贸有限公司${n}`,
    cf_xdr_shxym: enterprise(n),
    cf_wsh: `盐市监处罚〔2026〕${n}号`,
    cf_wfxw: '销售不符合食品安全标准的食品',
    cf_sy: `当事人于2026年经营不符合食品安全标准的食品（第${n}批次）。`,
    cf_yj: '《中华人民共和国食品安全法》第一百二十四条',
    cf_cflb: '罚款',
    cf_nr: `罚款人民币${amount}万元`,
    cf_nr_fk: amount,
    cf_jdrq: `2026-${String((n % 9) + 2).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`,
    ...values,
  });

export function sampleRows(): SgsRow[] {
  const valid: SgsRow[] = [
    fine(1, '0.5'),
    fine(2, '1.2', {
      cf_xdr_zzjg: enterprise(2).slice(8, 17),
      cf_fr_zjlx: '身份证',
      cf_fr_zjhm: makeResidentId('320902', '19800101', 11),
    }),
    fine(3, '3'),
    fine(4, '15', { cf_cflb: '罚款;没收违法所得', cf_nr: '罚款15万元，没收违法所得2.5万元', cf_nr_wfff: '2.5' }),
    fine(5, '0.2', { cf_gsjzq: '2027-06-30', cf_yxq: '2026-12-31' }),
    fine(6, '8', {
      cf_xdr_mc: '盐城示例建设工程有限公司',
      cf_wfxw: '违反招标投标法串通投标',
      cf_yj: '《中华人民共和国招标投标法》第五十三条',
      cf_cfjg: '盐城市住房和城乡建设局',
    }),
    fine(7, '2', {
      cf_xdr_mc: '盐城示例办公用品有限公司',
      cf_wfxw: '政府采购活动中提供虚假材料',
      cf_yj: '《中华人民共和国政府采购法》第七十七条',
      cf_cfjg: '盐城市财政局',
    }),
    fine(8, '20', {
      cf_xdr_mc: '盐城示例化工有限公司',
      cf_wfxw: '超标排放大气污染物',
      cf_yj: '《中华人民共和国大气污染防治法》第九十九条',
      cf_cflb: '罚款;责令停产停业',
      cf_nr: '罚款20万元，责令停产整治',
      ...env,
      ...source,
    }),
    fine(9, '0', { cf_cflb: '警告', cf_nr: '警告', cf_nr_fk: '', cf_wfxw: '未按规定公示年度报告' }),
    fine(10, '0', {
      cf_cflb: '吊销许可证件',
      cf_nr: '吊销食品经营许可证',
      cf_nr_fk: '',
      cf_nr_zkdx: '食品经营许可证 JY13209020000010',
    }),
    fine(11, '0.3', {
      cf_xdr_lb: '个体工商户',
      cf_xdr_mc: '亭湖区示例小吃店',
      cf_xdr_shxym: enterprise(11, '320902', '92'),
      cf_frdb: '李四',
    }),
    fine(12, '0.1', {
      cf_xdr_lb: '个体工商户',
      cf_xdr_mc: '盐都区示例便利店',
      cf_xdr_shxym: enterprise(12, '320903', '92'),
      cf_frdb: '',
    }),
    fine(13, '5', {
      cf_xdr_mc: '盐城市示例医院',
      cf_xdr_shxym: makeUscc('12', '320900', 'PC300013'),
      cf_wfxw: '违反医疗废物管理规定',
      cf_yj: '《医疗废物管理条例》第四十五条',
    }),
    fine(14, '1', {
      cf_xdr_mc: '盐城市示例统计调查对象公司',
      cf_wfxw: '提供不真实统计数据',
      cf_yj: '《中华人民共和国统计法》第四十一条',
      cf_cfjg: '盐城市统计局',
    }),
    fine(15, '0.8', { cf_xdr_shxym: enterprise(15, '320923'), cf_xdr_mc: '阜宁县示例食品有限公司' }),
    fine(16, '0.6', {
      cf_xdr_shxym: enterprise(16, '320981'),
      cf_xdr_mc: '东台市示例农业发展有限公司',
      cf_jdrq: '2026年3月5日',
    }),
    fine(17, '12.5', { cf_jdrq: '2026/4/18' }),
    fine(18, '0', { cf_cflb: '通报批评', cf_nr: '通报批评', cf_nr_fk: '', bz: '首次违法，情节轻微' }),
    fine(19, '4', {
      cf_xdr_mc: '盐城市示例街道综合执法对象',
      cf_xdr_shxym: makeUscc('N2', '320902', 'PC400019'),
      cf_xdr_lb: '法人及非法人组织',
    }),
    fine(20, '2.75', { cf_nr_wfff: '0.4', cf_cflb: '罚款、没收非法财物', cf_nr: '罚款2.75万元，没收非法财物' }),
  ];
  const invalid: SgsRow[] = [
    // each row breaks one rule; docs/sgs.md lists them
    fine(101, '1', { cf_sy: '' }), // required item missing
    fine(102, '1', { cf_xdr_shxym: `${enterprise(102).slice(0, 17)}${enterprise(102)[17] === 'A' ? 'B' : 'A'}` }), // USCC check character
    fine(103, '1', {
      cf_xdr_lb: '自然人',
      cf_xdr_shxym: '',
      cf_frdb: '',
      cf_xdr_zjlx: '身份证',
      cf_xdr_zjhm: `${makeResidentId('320902', '19900101', 33).slice(0, 17)}${makeResidentId('320902', '19900101', 33)[17] === '0' ? '1' : '0'}`,
    }), // resident ID check
    fine(104, '1', { cf_fr_zjlx: '身份证', cf_fr_zjhm: '320902199013010011' }), // legal representative's ID: month 13
    fine(105, '1', { cf_jdrq: '2026-02-30' }), // not a date
    fine(106, '1', { cf_jdrq: '2099-01-01' }), // in the future
    fine(107, '1', { cf_xdr_lb: '企业' }), // enumeration: counterpart kind
    fine(108, '1', { cf_cflb: '罚金' }), // enumeration: penalty type
    fine(109, '一万', {}), // amount not a number
    fine(110, '', { cf_nr_fk: '' }), // 罚款 without an amount
    fine(1, '0.5', { cf_xdr_mc: '重复文号的公司' }), // decision number already in the file
    fine(112, '1', { cf_xdr_zzjg: '12345678X' }), // organization code does not match the USCC
    fine(113, '1', { cf_gsjzq: '2025-01-01' }), // publicity end before the decision
    fine(114, '1', { cf_cfjgdm: '11320900MB0000000X' }), // authority code invalid
    fine(115, '1', {
      cf_xdr_lb: '自然人',
      cf_xdr_shxym: '',
      cf_frdb: '',
      cf_xdr_zjlx: '身份证',
      cf_xdr_zjhm: makeResidentId('320902', '19850505', 77),
    }), // a person the registry does not hold
  ];
  return [...valid, ...invalid];
}

export const SAMPLE_VALID_ROWS = 20;

/** The sample as CSV lines (header = cf_* names). */
export function sampleTable(): string[][] {
  return [[...SGS_KEYS], ...sampleRows().map((row) => SGS_KEYS.map((key) => row[key]))];
}
